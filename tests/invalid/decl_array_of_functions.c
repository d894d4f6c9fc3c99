/* C11 6.7.6.2p1: array of functions */
int a[3](void);
