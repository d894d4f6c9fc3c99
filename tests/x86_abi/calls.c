#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct big { long a[6]; };
struct pair { long a, b; };
struct fl { float x, y, z; };
static struct big mkbig(int k) { struct big b; for (int i = 0; i < 6; i++) b.a[i] = k * i; return b; }
static struct pair mkpair(long a, long b) { struct pair p = {a, b}; return p; }
static struct fl mkfl(float k) { struct fl f = {k, k * 2, k * 3}; return f; }
static long double ldf(long double x) { return x * 2; }
static int calls;
static long double ldside(void) { calls++; return 1.5L; }
static struct big bigside(void) { calls++; return mkbig(3); }
static int (*fp)(const char *, ...) = printf;
static double kr(a, b) float a; double b; { return a + b; }
static int unproto();
static int apply(int (*f)(int, int), int a, int b) { return f(a, b); }
static int sub(int a, int b) { return a - b; }
static int rec(int n) { return n <= 1 ? 1 : n * rec(n - 1); }
static long sum10(long a, long b, long c, long d, long e, long f, long g, long h, long i, long j) { return a+b+c+d+e+f+g+h+i+j; }
static double dsum10(double a, double b, double c, double d, double e, double f, double g, double h, double i, double j) { return a+b+c+d+e+f+g+h+i+j; }
static long double ldmix(int a, long double b, double c, long double d, struct pair p, long double e) { return a + b + c + d + p.a + p.b + e; }
static int naked42(void) { return 42; }
int main(void) {
  struct big b = mkbig(2);
  struct pair p = mkpair(3, 4);
  struct fl f = mkfl(1.5f);
  ldside(); bigside(); mkpair(1, 2);
  fp("%ld %ld %ld %g %g %Lg %d\n", b.a[5], p.a, p.b, f.x, f.z, ldf(2.25L), calls);
  printf("%g %d %d %d\n", kr(1.5f, 2.0), unproto(5, 6), apply(sub, 10, 3), rec(10));
  printf("%ld %g %Lg %d\n", sum10(1,2,3,4,5,6,7,8,9,10), dsum10(1,2,3,4,5,6,7,8,9,10.5), ldmix(1, 2.5L, 3.0, 4.25L, p, 0.125L), naked42());
  char *m = malloc(100); strcpy(m, "heap"); puts(m); free(m);
  int n = 37; char *a = __builtin_alloca(n); memset(a, 'x', n - 1); a[n-1] = 0; printf("%zu\n", strlen(a));
  return 0;
}
static int unproto(a, b) int a, b; { return a * b; }
