/* C11 6.7.9p4: static struct initializer with a non-constant member */
int y = 1;
struct S { int a, b; } s = { 1, y };
