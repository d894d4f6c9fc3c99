/* C11 6.10.1p1: stray ) in #if */
#if 1)
#endif
int x;
