/* valid twin of ../expr_sizeof_function.c: the violation corrected */
int g(void);
unsigned long n = sizeof(&g);
