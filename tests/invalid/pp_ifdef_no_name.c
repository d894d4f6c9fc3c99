/* C11 6.10.1p5: #ifdef needs an identifier */
#ifdef
#endif
int x;
