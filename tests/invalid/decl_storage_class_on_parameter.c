/* C11 6.7.6.3p2: only register may be given for a parameter */
void f(static int x);
