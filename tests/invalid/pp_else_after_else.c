/* C11 6.10.1: #else after #else */
#if 0
int x;
#else
int y;
#else
int z;
#endif
