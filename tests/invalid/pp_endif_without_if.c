/* C11 6.10.1: #endif without #if */
int x;
#endif
