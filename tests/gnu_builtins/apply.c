#include <stdio.h>
#include <stdarg.h>

struct pair { long a, b; };
struct dpair { double x, y; };
struct big { long v[5]; };

static int target_i(int a, long b, double c, int d, int e, int f, int g, int h, int i)
{
  printf("target_i %d %ld %g %d %d %d %d %d %d\n", a, b, c, d, e, f, g, h, i);
  return a + (int)b + (int)c + d + e + f + g + h + i;
}
static double target_d(double x, float y, int z) { return x * y + z; }
static long double target_ld(long double x, int k) { return x * 2 + k; }
static struct pair target_s(long a, long b) { struct pair p = {a * 10, b * 100}; return p; }
static struct dpair target_dp(double x) { struct dpair p = {x + 1, x + 2}; return p; }
static long target_big(struct big b, int k) { return b.v[0] + b.v[4] * k; }
static int target_v(int n, ...)
{
  va_list ap;
  int s = 0;
  va_start(ap, n);
  while (n--)
    s += va_arg(ap, int);
  va_end(ap);
  return s;
}

int fwd_i(int a, long b, double c, int d, int e, int f, int g, int h, int i)
{
  void *r = __builtin_apply((void (*)())target_i, __builtin_apply_args(), 64);
  __builtin_return(r);
}
double fwd_d(double x, float y, int z)
{
  __builtin_return(__builtin_apply((void (*)())target_d, __builtin_apply_args(), 16));
}
long double fwd_ld(long double x, int k)
{
  void *args = __builtin_apply_args();
  __builtin_return(__builtin_apply((void (*)())target_ld, args, 16));
}
struct pair fwd_s(long a, long b)
{
  __builtin_return(__builtin_apply((void (*)())target_s, __builtin_apply_args(), 0));
}
struct dpair fwd_dp(double x)
{
  __builtin_return(__builtin_apply((void (*)())target_dp, __builtin_apply_args(), 0));
}
long fwd_big(struct big b, int k)
{
  __builtin_return(__builtin_apply((void (*)())target_big, __builtin_apply_args(), sizeof b));
}
int fwd_v(int n, ...)
{
  __builtin_return(__builtin_apply((void (*)())target_v, __builtin_apply_args(), 64));
}
/* The block can be handed to another function while its frame lives. */
static int sum3(int a, int b, int c) { return a * 100 + b * 10 + c; }
static int use_block(void *blk) { return *(int *)__builtin_apply((void (*)())sum3, blk, 0); }
static int keep(int a, int b, int c) { return use_block(__builtin_apply_args()) + a + b + c; }

int main(void)
{
  struct big bg = {{1, 2, 3, 4, 5}};
  printf("%d\n", fwd_i(1, 2, 3.5, 4, 5, 6, 7, 8, 9));
  printf("%g\n", fwd_d(1.5, 2.0f, 3));
  printf("%Lg\n", fwd_ld(1.25L, 3));
  struct pair p = fwd_s(3, 4);
  printf("%ld %ld\n", p.a, p.b);
  struct dpair q = fwd_dp(0.5);
  printf("%g %g\n", q.x, q.y);
  printf("%ld\n", fwd_big(bg, 3));
  printf("%d\n", fwd_v(4, 1, 2, 3, 4));
  printf("%d\n", keep(1, 2, 3));
  return 0;
}
