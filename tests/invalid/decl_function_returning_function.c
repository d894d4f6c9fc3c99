/* C11 6.7.6.3p1: function returning a function */
int f(void)(void);
