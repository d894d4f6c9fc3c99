/* C11 6.7.6p1: parameter list cannot end with a comma */
int f(int a, );
