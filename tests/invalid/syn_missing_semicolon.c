/* C11 6.7p1: a declaration ends with ; */
int x
int y;
