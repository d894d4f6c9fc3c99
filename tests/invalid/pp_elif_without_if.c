/* C11 6.10.1: #elif without #if */
#elif 1
int x;
