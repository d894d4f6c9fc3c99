/* C11 6.10.1p1: = is not an operator in #if expressions */
#if 1 = 1
#endif
int x;
