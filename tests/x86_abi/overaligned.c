#include <stdio.h>
#include <stdint.h>
#include <stdarg.h>
static int check(void *p, int a) { return ((uintptr_t)p & (a - 1)) == 0; }
static long f(long a, long b, long c, long d, long e, long g, long h, long i, double x) {
  _Alignas(64) char buf[10];
  int small = 3;
  _Alignas(32) double v[4] = {1, 2, 3, 4};
  buf[0] = (char)a;
  printf("%d %d %ld %ld %g %d %g\n", check(buf, 64), check(v, 32), h, i, x, small, v[3]);
  return a + b + c + d + e + g + h + i + buf[0];
}
static double va(int n, ...) {
  _Alignas(128) int z[3] = {0};
  va_list ap; va_start(ap, n);
  double s = 0;
  for (int k = 0; k < n; k++) s += va_arg(ap, double) + va_arg(ap, long);
  va_end(ap);
  return s + check(z, 128);
}
int main(void) {
  printf("%ld\n", f(1, 2, 3, 4, 5, 6, 7, 8, 9.5));
  printf("%g\n", va(6, 1.0, 1L, 2.0, 2L, 3.0, 3L, 4.0, 4L, 5.0, 5L, 6.0, 6L));
  return 0;
}
