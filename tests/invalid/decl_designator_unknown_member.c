/* C11 6.7.9p7: designator names no member of the struct */
struct S { int a; } s = { .z = 1 };
