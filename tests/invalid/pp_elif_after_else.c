/* C11 6.10.1: #elif after #else */
#if 0
#else
#elif 1
#endif
int x;
