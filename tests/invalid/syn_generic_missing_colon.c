/* C11 6.5.1.1p1: a generic association needs a colon */
int x = _Generic(1, int 2);
