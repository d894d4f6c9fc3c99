/* C11 6.5.3.4p1: sizeof of a function type */
int g(void);
unsigned long n = sizeof(g);
