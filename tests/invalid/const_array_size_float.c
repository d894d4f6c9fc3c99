/* C11 6.7.6.2p1: array size must have integer type */
int a[1.5];
