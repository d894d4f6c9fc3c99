/* C11 6.10.1p1: binary operator without right operand in #if */
#if 1 +
#endif
int x;
