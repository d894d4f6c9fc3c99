/* C11 6.4.4.1p1: 9 is not an octal digit */
int x = 09;
