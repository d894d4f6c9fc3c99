/* C11 6.10.1p1: #if expression with two operands and no operator */
#if 1 2
#endif
int x;
