/* C11 6.4.4.2p1: hexadecimal floating constant needs a binary exponent */
double d = 0x1.8;
