/* C11 6.4.4.4p1: \q is not an escape sequence */
const char *s = "a\qb";
