/* C11 6.4.4.2p1: invalid suffix on a floating constant */
double d = 1.0x;
