/* C11 6.10.1p4: division by zero in #if */
#if 1 / 0
int x;
#endif
int y;
