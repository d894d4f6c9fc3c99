/* C11 6.7.2.1p3: struct member of incomplete type */
struct X;
struct S { struct X x; };
