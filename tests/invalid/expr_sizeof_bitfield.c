/* C11 6.5.3.4p1: sizeof of a bit-field */
struct S { int b : 3; } s;
unsigned long n = sizeof(s.b);
