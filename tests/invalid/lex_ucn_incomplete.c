/* C11 6.4.3p1: \u needs four hexadecimal digits */
const char *s = "\u12";
