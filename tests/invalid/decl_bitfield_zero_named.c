/* C11 6.7.2.1p4: a zero-width bit-field must be unnamed */
struct S { int a; int b : 0; };
