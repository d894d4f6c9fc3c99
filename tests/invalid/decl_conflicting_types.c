/* C11 6.7p4: two declarations of one object with incompatible types */
int x;
double x;
