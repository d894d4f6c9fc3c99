#include <stdio.h>
static int add(int a, int b) { int r; __asm__("movl %1, %0\n\taddl %2, %0" : "=&r"(r) : "r"(a), "r"(b)); return r; }
static long sh(long x) { __asm__("shlq $3, %0" : "+r"(x)); return x; }
static unsigned cpuid0(void) { unsigned a, b, c, d; __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0)); return b; }
static int mem(int *p) { int v; __asm__("movl %1, %0" : "=r"(v) : "m"(*p)); return v; }
static int imm(void) { int v; __asm__("movl %1, %0" : "=r"(v) : "i"(42)); return v; }
static int match(int x) { __asm__("incl %0" : "=r"(x) : "0"(x)); return x; }
static int named(int x, int y) { int r; __asm__("leal (%q[a],%q[b]), %k[out]" : [out] "=r"(r) : [a] "r"(x), [b] "r"(y)); return r; }
static char byte(int x) { char c; __asm__("movb %b1, %0" : "=q"(c) : "q"(x)); return c; }
static int flag(int a, int b) { int z; __asm__("cmpl %2, %1" : "=@ccz"(z) : "r"(a), "r"(b)); return z; }
static double dadd(double a, double b) { __asm__("addsd %1, %0" : "+x"(a) : "x"(b)); return a; }
static int clob(int x) { __asm__("movl $7, %%ebx" ::: "rbx"); __asm__("" ::: "memory"); return x + 1; }
static int g_var = 5;
static int memout(void) { __asm__("movl $99, %0" : "=m"(g_var)); return g_var; }
static int lbl(int x) { __asm__ goto("cmpl $0, %0\n\tje %l1" :: "r"(x) :: zero); return 1; zero: return 0; }
static int uniq(void) { int r; __asm__("jmp .Lq%=\n.Lq%=:\n\tmovl $3, %0" : "=r"(r)); return r; }
int main(void) {
  int q = 17;
  printf("%d %ld %d %d %d %d %d %d %d %d %g %d %d %d %d %d\n", add(3, 4), sh(5), cpuid0() != 0, mem(&q), imm(), match(9), named(10, 20), byte(0x141), flag(3, 3), flag(3, 4), dadd(1.5, 2.25), clob(4), memout(), lbl(0), lbl(5), uniq());
  __asm__ volatile("nop");
  return 0;
}
