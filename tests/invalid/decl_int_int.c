/* C11 6.7.2p2: two int type specifiers */
int int x;
