/* C11 6.10.1p1: string literal in #if */
#if "s"
#endif
int x;
