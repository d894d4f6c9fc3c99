/* C11 6.7.9p1: designation needs = */
struct S { int a; } s = { .a 1 };
