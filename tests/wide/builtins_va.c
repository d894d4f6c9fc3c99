#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include <math.h>
#include <limits.h>
struct S3 { long a, b, c; };
struct D2 { double x, y; };
struct M { long i; double d; };
struct F3 { float a, b, c; };
static void va(int n, ...) {
  va_list ap, aq; va_start(ap, n);
  for (int i = 0; i < n; i++) {
    int k = va_arg(ap, int);
    switch (k) {
    case 0: printf("i %d\n", va_arg(ap, int)); break;
    case 1: printf("d %g\n", va_arg(ap, double)); break;
    case 2: printf("ld %Lg\n", va_arg(ap, long double)); break;
    case 3: { struct S3 s = va_arg(ap, struct S3); printf("S3 %ld %ld %ld\n", s.a, s.b, s.c); break; }
    case 4: { struct D2 s = va_arg(ap, struct D2); printf("D2 %g %g\n", s.x, s.y); break; }
    case 5: { struct M s = va_arg(ap, struct M); printf("M %ld %g\n", s.i, s.d); break; }
    case 6: { __int128 v = va_arg(ap, __int128); printf("i128 %lld\n", (long long)(v >> 64)); break; }
    case 7: { _Complex double z = va_arg(ap, _Complex double); printf("cd %g %g\n", __real__ z, __imag__ z); break; }
    case 8: { char *s = va_arg(ap, char *); printf("s %s\n", s); break; }
    case 9: { struct F3 f = va_arg(ap, struct F3); printf("F3 %g %g %g\n", f.a, f.b, f.c); break; }
    }
  }
  va_copy(aq, ap); va_end(aq);
  va_end(ap);
}
int main(void) {
  struct S3 s3 = {1, 2, 3}; struct D2 d2 = {1.5, 2.5}; struct M m = {7, 8.5}; struct F3 f3 = {1, 2, 3};
  va(10, 0, 5, 1, 2.5, 2, 3.25L, 3, s3, 4, d2, 5, m, 6, (__int128)9 << 64, 7, 1.0 + 2.0i, 8, "hi", 9, f3);
  va(12, 1, 1.0, 1, 2.0, 1, 3.0, 1, 4.0, 1, 5.0, 1, 6.0, 1, 7.0, 1, 8.0, 1, 9.0, 4, d2, 0, 1, 0, 2);
  va(9, 0, 1, 0, 2, 0, 3, 0, 4, 3, s3, 5, m, 0, 5, 6, (__int128)3 << 64, 0, 6);
  unsigned x = 0x12345678; unsigned long y = 0x0123456789abcdefUL;
  printf("%x %lx %x\n", __builtin_bswap32(x), __builtin_bswap64(y), __builtin_bswap16(0x1234));
  printf("%d %d %d %d %d %d\n", __builtin_clz(x), __builtin_ctz(x), __builtin_popcount(x), __builtin_parity(x), __builtin_ffs(x), __builtin_clrsb(-5));
  printf("%d %d %d %d %d\n", __builtin_clzl(y), __builtin_ctzll(y), __builtin_popcountl(y), __builtin_ffsll(0), __builtin_clrsbl(5));
  volatile double nan = __builtin_nan(""), inf = __builtin_inf(), one = 1.0, sub = 1e-310, zero = -0.0;
  volatile float fn = nan, fi = inf; volatile long double ln = nan, li = -inf, l1 = 1.0L;
  printf("%d %d %d %d %d\n", __builtin_isnan(nan), __builtin_isnan(one), __builtin_isinf(inf), __builtin_isinf(one), __builtin_isfinite(one));
  printf("%d %d %d %d %d\n", __builtin_isnan(fn), __builtin_isinf(fi), __builtin_isnan(ln), __builtin_isinf(li), __builtin_isinf_sign(li));
  printf("%d %d %d %d\n", __builtin_isnormal(sub), __builtin_isnormal(one), __builtin_signbit(zero), __builtin_signbit(li));
  printf("%d %d %d %d %d\n", __builtin_fpclassify(0, 1, 2, 3, 4, nan), __builtin_fpclassify(0, 1, 2, 3, 4, inf), __builtin_fpclassify(0, 1, 2, 3, 4, one), __builtin_fpclassify(0, 1, 2, 3, 4, sub), __builtin_fpclassify(0, 1, 2, 3, 4, zero));
  printf("%d %d %d %d\n", __builtin_isgreater(one, nan), __builtin_isless(zero, one), __builtin_isunordered(one, nan), __builtin_islessgreater(one, zero));
  printf("%g %g %Lg %g\n", __builtin_fabs(-2.5), __builtin_fabsf(-1.5f), __builtin_fabsl(-l1), __builtin_copysign(3.0, -zero));
  printf("%d %ld %lld\n", __builtin_abs(-3), __builtin_labs(-4L), __builtin_llabs(5LL));
  int r; long lr; unsigned ur;
  int o1 = __builtin_add_overflow(INT_MAX, 1, &r); printf("%d %d\n", o1, r);
  o1 = __builtin_sub_overflow(0u, 1, &ur); printf("%d %d\n", o1, ur);
  o1 = __builtin_mul_overflow(LONG_MAX, 2L, &lr); printf("%d %ld\n", o1, lr);
  o1 = __builtin_smul_overflow(1 << 20, 1 << 10, &r); printf("%d %d\n", o1, r);
  printf("%d\n", __builtin_add_overflow_p(100, 100, (signed char)0));
  o1 = __builtin_umul_overflow(65536u, 65536u, &ur); printf("%d %d\n", o1, ur);
  o1 = __builtin_mul_overflow(-3, 5u, &r); printf("%d %d\n", o1, r);
  o1 = __builtin_sub_overflow(5u, 7u, &r); printf("%d %d\n", o1, r);
  unsigned long long ull; o1 = __builtin_mul_overflow(0xffffffffffffffffULL, 0xffffffffffffffffULL, &ull); printf("%d %llu\n", o1, ull);
  o1 = __builtin_add_overflow((long)-1, 0xffffffffffffffffULL, &ull); printf("%d %llu\n", o1, ull);
  int v = 5; int old = __sync_fetch_and_add(&v, 3); printf("%d %d\n", old, v);
  o1 = __sync_add_and_fetch(&v, 1); printf("%d ", o1); o1 = __sync_bool_compare_and_swap(&v, 9, 1); printf("%d %d\n", o1, v);
  o1 = __sync_val_compare_and_swap(&v, 5, 2); printf("%d %d\n", o1, v);
  o1 = __sync_val_compare_and_swap(&v, 1, 2); printf("%d %d\n", o1, v);
  int exp = 1; o1 = __atomic_compare_exchange_n(&v, &exp, 4, 0, 5, 5); printf("%d %d %d\n", o1, exp, v);
  exp = 2; o1 = __atomic_compare_exchange_n(&v, &exp, 4, 0, 5, 5); printf("%d %d %d\n", o1, exp, v);
  o1 = __atomic_fetch_or(&v, 16, 5); printf("%d %d\n", o1, __atomic_load_n(&v, 5));
  __atomic_store_n(&v, 42, 5); o1 = __atomic_exchange_n(&v, 7, 5); printf("%d %d\n", o1, v);
  char flag = 0; o1 = __atomic_test_and_set(&flag, 5); printf("%d ", o1); o1 = __atomic_test_and_set(&flag, 5); printf("%d\n", o1);
  short sh = 10; o1 = __sync_fetch_and_sub(&sh, 20); printf("%d %d\n", o1, sh);
  struct S3 t1 = {4,5,6}, t2; __atomic_load(&t1, &t2, 5); __atomic_exchange(&s3, &t1, &t2, 5); printf("%ld %ld\n", t2.a, s3.c);
  int *ip = &v; int *ip2 = __sync_fetch_and_add(&ip, 4); printf("%d\n", (int)((char *)ip - (char *)ip2));
  long big = 3; __atomic_fetch_nand(&big, 1, 5); printf("%ld\n", big);
  printf("%d %d\n", __builtin_constant_p(3), __builtin_constant_p(v));
  printf("%ld\n", __builtin_expect(v, 7));
  char *p = __builtin_alloca(100); memset(p, 'a', 99); p[99] = 0; printf("%zu\n", strlen(p));
  printf("%d %d %d\n", __builtin_classify_type(1.0), __builtin_classify_type(p), __builtin_classify_type(s3));
  printf("%lu\n", __builtin_object_size(p, 0));
  printf("%d\n", __builtin_frame_address(0) != 0);
  {
  unsigned __int128 u; __int128 s; int o;
  o = __builtin_mul_overflow((unsigned char)4, -16, &u); printf("%d %llx\n", o, (unsigned long long)u);
  o = __builtin_mul_overflow(0xffffffffffffffffULL, 0xffffffffffffffffULL, &s); printf("%d %llx\n", o, (unsigned long long)(s >> 64));
  o = __builtin_mul_overflow(0xffffffffULL, 0xffffffffULL, &s); printf("%d %llx\n", o, (unsigned long long)s);
  o = __builtin_sub_overflow(1, 2, &u); printf("%d\n", o);
  }
  return 0;
}
