/* C11 6.7.2.1p4: bit-field wider than its type */
struct S { int b : 33; };
