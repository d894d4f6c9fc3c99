#include <stdarg.h>
#include <stdio.h>
/* va_arg of types aligned beyond 8 after an odd number of 8-byte stack
   arguments: the overflow area is rounded to the type's own alignment
   (16 for long double and __int128, 32 for aligned(32) structs and
   32-byte vectors), on the caller's and the callee's side alike. */
struct __attribute__((aligned(32))) V { double a, b, c, d; };
struct __attribute__((aligned(16))) T { long a, b; };
typedef double v4df __attribute__((vector_size(32)));
static double fv(int n, ...) {
  va_list ap; va_start(ap, n);
  long s = 0;
  for (int i = 0; i < n; i++) s += va_arg(ap, long);
  struct V v = va_arg(ap, struct V);
  long double ld = va_arg(ap, long double);
  struct T t = va_arg(ap, struct T);
  v4df w = va_arg(ap, v4df);
  __int128 q = va_arg(ap, __int128);
  va_end(ap);
  return s + v.a + v.d + (double)ld + t.a + t.b + w[0] + w[3] + (double)q;
}
int main(void) {
  struct V v = {1, 2, 3, 4}; struct T t = {5, 6}; v4df w = {7, 8, 9, 10};
  for (int n = 6; n < 10; n++) {
    switch (n) {
    case 6: printf("%g\n", fv(6, 1L, 2L, 3L, 4L, 5L, 6L, v, 0.5L, t, w, (__int128)11)); break;
    case 7: printf("%g\n", fv(7, 1L, 2L, 3L, 4L, 5L, 6L, 7L, v, 0.5L, t, w, (__int128)11)); break;
    case 8: printf("%g\n", fv(8, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, v, 0.5L, t, w, (__int128)11)); break;
    default: printf("%g\n", fv(9, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, v, 0.5L, t, w, (__int128)11));
    }
  }
  return 0;
}
