/* C11 6.7.9p2: more initializers than struct members */
struct S { int a, b; } s = { 1, 2, 3 };
