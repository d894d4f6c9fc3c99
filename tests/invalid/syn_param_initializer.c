/* C11 6.7.6p1: parameters cannot have default values */
int f(int a = 1);
