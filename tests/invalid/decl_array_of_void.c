/* C11 6.7.6.2p1: array of void */
void a[3];
