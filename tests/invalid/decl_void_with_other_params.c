/* C11 6.7.6.3p10: void must be the only parameter */
int f(void, int);
