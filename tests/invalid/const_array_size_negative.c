/* C11 6.7.6.2p1: constant array size must be greater than zero */
int a[-1];
