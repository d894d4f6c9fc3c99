/* C11 6.7.2.1p3: struct member of function type */
struct S { int f(void); };
