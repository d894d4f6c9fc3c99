/* C11 6.10.1p1: #if needs a constant expression */
#if
#endif
int x;
