#include <stdio.h>
/* naked functions: no prologue, no parameter moves; the body is asm. */
__attribute__((naked)) static int naked42(void) { __asm__("movl $42, %eax\n\tret"); }
__attribute__((naked)) static long add3(long a, long b, long c) {
  __asm__("leaq (%rdi,%rsi), %rax\n\taddq %rdx, %rax\n\tret");
}
__attribute__((naked)) static double twice(double x) { __asm__("addsd %xmm0, %xmm0\n\tret"); }
int main(void) {
  printf("%d\n", naked42());
  printf("%ld\n", add3(1, 20, 300));
  printf("%g\n", twice(1.25));
  return 0;
}
