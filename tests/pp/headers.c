/* lcc's own headers must expand like gcc's in user code. */
#include <stddef.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdalign.h>
#include <stdnoreturn.h>
#include <iso646.h>
#include <limits.h>
#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <signal.h>
#include <math.h>
struct s { char c; int i; };
size_t a = offsetof(struct s, i); ptrdiff_t b; wchar_t c; void *n = NULL;
int v(int k, ...) { va_list ap; va_start(ap, k); int r = va_arg(ap, int); va_end(ap); return r; }
bool t = true, f = false; alignas(16) char buf[16]; size_t al = alignof(double);
noreturn void die(void);
int x = 1 and 2 or not 3 bitand 4;
long lims[] = { CHAR_BIT, SCHAR_MIN, SCHAR_MAX, UCHAR_MAX, CHAR_MIN, CHAR_MAX, SHRT_MIN,
  SHRT_MAX, USHRT_MAX, INT_MIN, INT_MAX, UINT_MAX, LONG_MIN, LONG_MAX, ULONG_MAX,
  LLONG_MIN, LLONG_MAX, ULLONG_MAX, MB_LEN_MAX, PATH_MAX, SSIZE_MAX };
double fl[] = { FLT_RADIX, FLT_MANT_DIG, DBL_MANT_DIG, LDBL_MANT_DIG, FLT_DIG, DBL_DIG,
  LDBL_DIG, FLT_MIN_EXP, DBL_MIN_EXP, LDBL_MIN_EXP, FLT_MAX, DBL_MAX, LDBL_MAX, FLT_EPSILON,
  DBL_EPSILON, LDBL_EPSILON, FLT_MIN, DBL_MIN, LDBL_MIN, FLT_EVAL_METHOD, DECIMAL_DIG,
  FLT_DECIMAL_DIG, DBL_DECIMAL_DIG, LDBL_DECIMAL_DIG, FLT_TRUE_MIN, DBL_TRUE_MIN,
  LDBL_TRUE_MIN, FLT_HAS_SUBNORM, FLT_MAX_10_EXP, LDBL_MAX_EXP };
int64_t i64 = INT64_MAX; uint8_t u8 = UINT8_MAX; intmax_t im = INTMAX_MIN; uintptr_t up = UINTPTR_MAX;
int64_t c64 = INT64_C(5); uint64_t cu = UINT64_C(7);
