/* C11 6.7.2.1p4: bit-field width must be an integer constant expression */
int n = 3;
struct S { int b : n; };
