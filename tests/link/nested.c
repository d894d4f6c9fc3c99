#include <stdio.h>
int apply(int (*f)(int), int x) { return f(x); }
int main(void) { int k = 5; int add(int x) { return x + k; } printf("%d\n", apply(add, 10)); return 0; }
