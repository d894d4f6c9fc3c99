/* C11 6.4.4.1p1: 0x needs hexadecimal digits */
int x = 0x;
