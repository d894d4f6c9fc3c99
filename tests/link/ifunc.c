#include <stdio.h>
static int impl1(int x) { return x + 1; }
static int impl2(int x) { return x * 2; }
static void *resolve(void) { return impl2; }
int myfn(int) __attribute__((ifunc("resolve")));
int (*fp)(int) = myfn;
int main(void) { printf("%d %d\n", myfn(20), fp(5)); return 0; }
