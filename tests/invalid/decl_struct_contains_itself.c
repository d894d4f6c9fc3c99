/* C11 6.7.2.1p3: struct containing an instance of itself */
struct S { int a; struct S s; };
