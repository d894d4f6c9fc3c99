#include <stdio.h>
#include <string.h>
struct S { int a; short b; long c[3]; } gs;
long garr[4] = {1, 2, 3, 4};
static void copy(void *d, const void *s, unsigned long n) { __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) :: "memory"); }
static long gen(long x) { long r; __asm__("movq %1, %0" : "=r"(r) : "g"(x)); return r; }
static long genc(void) { long r; __asm__("movq %1, %0" : "=r"(r) : "g"(123)); return r; }
static long rm(long x) { long r; __asm__("movq %1, %0" : "=r"(r) : "rm"(x)); return r; }
static void incm(long *p) { __asm__("incq %0" : "+m"(*p)); }
static void member(struct S *s) { __asm__("movl $11, %0\n\tmovw $12, %1\n\tmovq $13, %2" : "=r"(s->a), "=r"(s->b), "=m"(s->c[1])); }
static long symaddr(void) { long r; __asm__("leaq %c1(%%rip), %0" : "=r"(r) : "i"(garr)); return r; }
static long high(unsigned x) { unsigned char h; __asm__("movb %h1, %0" : "=Q"(h) : "a"(x)); return h; }
static long highq(unsigned x) { unsigned char h; __asm__("movb %h1, %0" : "=Q"(h) : "Q"(x)); return h; }
static short w(int x) { short r; __asm__("movw %w1, %0" : "=r"(r) : "r"(x)); return r; }
static float fl(float a) { __asm__("addss %0, %0" : "+x"(a)); return a; }
static long arr(int i) { long r; __asm__("movq %1, %0" : "=r"(r) : "m"(garr[i])); return r; }
static unsigned long long rdx(unsigned long long a, unsigned long long b) { unsigned long long lo, hi; __asm__("mulq %3" : "=a"(lo), "=d"(hi) : "a"(a), "rm"(b)); return hi ^ lo; }
static int many(int a, int b, int c, int d, int e, int f) { int r; __asm__("movl %1, %0\n\taddl %2, %0\n\taddl %3, %0\n\taddl %4, %0\n\taddl %5, %0\n\taddl %6, %0" : "=&r"(r) : "r"(a), "r"(b), "r"(c), "r"(d), "r"(e), "r"(f)); return r; }
static int xchg(int a, int b) { __asm__("xchgl %0, %1" : "+r"(a), "+r"(b)); return a * 10 + b; }
static int cmov(int c, int a, int b) { __asm__("testl %1, %1\n\tcmovzl %2, %0" : "+r"(a) : "r"(c), "rm"(b) : "cc"); return a; }
int main(void) {
  char buf[16]; memset(buf, 0, 16); copy(buf, "hello world", 12); puts(buf);
  long v = 5; incm(&v); member(&gs);
  printf("%ld %ld %ld %ld %d %d %ld %d %ld\n", gen(7), genc(), rm(8), v, gs.a, gs.b, gs.c[1], symaddr() == (long)garr, high(0x1234) + highq(0x5678));
  printf("%d %g %ld %llu %d %d %d %d\n", w(0x12345), fl(1.25f), arr(2), rdx(0x123456789abcdefULL, 0xfedcba987654321ULL), many(1,2,3,4,5,6), xchg(1, 2), cmov(0, 1, 2), cmov(1, 1, 2));
  return 0;
}
