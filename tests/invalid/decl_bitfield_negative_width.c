/* C11 6.7.2.1p4: bit-field width must be nonnegative */
struct S { int b : -1; };
