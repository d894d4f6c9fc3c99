/* C11 6.4.4.2p1: exponent part needs digits */
double d = 1e;
