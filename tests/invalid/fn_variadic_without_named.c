/* C11 6.7.6.3p1: ... needs a named parameter before it */
int f(...);
