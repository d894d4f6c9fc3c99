#include <stdio.h>
static int f(int x) {
  asm goto("cmpl $1, %0\n\tje %l[one]\n\tcmpl $2, %0\n\tje %l[two]" :: "r"(x) :: one, two);
  return 0;
one: return 1;
two: return 2;
}
static int g(int x) {
  asm goto("incl %0\n\tcmpl $5, %0\n\tje %l[five]" : "+r"(x) ::: five);
  return x;
five: return 50;
}
int main(void) { printf("%d %d %d %d %d\n", f(0), f(1), f(2), g(3), g(4)); return 0; }
