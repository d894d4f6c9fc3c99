/* C11 6.7.2.1p5: bit-field of pointer type */
struct S { int *p : 3; };
