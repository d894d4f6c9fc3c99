/* C11 6.10.1p5: #ifndef takes exactly one identifier */
#ifndef A B
#endif
int x;
