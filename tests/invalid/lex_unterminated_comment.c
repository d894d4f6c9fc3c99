/* C11 6.4.9p1: a block comment must be terminated */
int x;
/* this comment never ends
int y;
