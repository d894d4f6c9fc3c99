/* C11 6.7.3p2: restrict on a pointer to a function */
int (*restrict p)(void);
