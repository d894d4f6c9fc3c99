/* C11 6.10.1p1: tokens after #endif */
#if 1
#endif junk
int x;
