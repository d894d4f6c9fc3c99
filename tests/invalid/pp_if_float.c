/* C11 6.10.1p1: #if expression must be an integer constant expression */
#if 1.0
#endif
int x;
