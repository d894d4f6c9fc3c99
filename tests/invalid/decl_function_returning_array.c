/* C11 6.7.6.3p1: function returning an array */
int f(void)[3];
