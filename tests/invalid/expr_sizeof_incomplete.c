/* C11 6.5.3.4p1: sizeof of an incomplete type */
struct S;
unsigned long n = sizeof(struct S);
