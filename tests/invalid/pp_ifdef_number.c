/* C11 6.10.1p5: #ifdef needs an identifier, not a number */
#ifdef 3
#endif
int x;
