/* C11 6.7.6.3p7: static in a non-array parameter declarator */
void f(int static x);
