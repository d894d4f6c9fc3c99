/* C11 6.10.1p1: #if without #endif */
#if 1
int x;
