/* C11 6.10.1p1: defined needs an identifier */
#if defined
int x;
#endif
int y;
