/* C11 6.10.1p1: ?: in #if missing its : */
#if 1 ? 2
#endif
int x;
