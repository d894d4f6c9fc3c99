#include <stdio.h>
typedef __int128 i128; typedef unsigned __int128 u128;
static void p(const char *n, u128 v) { printf("%s %016llx%016llx\n", n, (unsigned long long)(v >> 64), (unsigned long long)v); }
i128 g = -5;
int main(void) {
  i128 a = 0x7fffffffffffffffLL, b = -3;
  u128 u = ~(u128)0;
  p("add", a + a); p("sub", b - a); p("neg", -a); p("not", ~b);
  p("mul", a * b); p("div", (a * 1000) / b); p("mod", (a*7) % 10);
  p("udiv", u / 3); p("umod", u % 1000);
  p("shl", a << 3); p("shl70", (u128)a << 70); p("shr", b >> 1); p("ushr", u >> 65);
  int n = 77; p("vshl", a << n); p("vshr", b >> n); p("vushr", u >> n);
  p("and", a & b); p("or", a | b); p("xor", a ^ b);
  printf("cmp %d %d %d %d %d %d\n", a < b, a > b, a == a, a != b, u > (u128)a, b <= g);
  double d = (double)a; float f = (float)u; long double ld = (long double)b;
  printf("conv %g %g %Lg\n", d, f, ld);
  i128 fromd = (i128)1e30; p("fromd", fromd); u128 fromf = (u128)3e20f; p("fromf", fromf);
  long long ll = (long long)(a * 5); int ii = (int)b; printf("trunc %lld %d\n", ll, ii);
  i128 x = 5; x += a; x *= 3; x -= 1; x <<= 2; x >>= 1; x /= 7; x %= 1000000; x |= 1; x ^= 0xff; x &= ~(i128)2;
  p("x", x); p("g", g++); p("g2", ++g); p("g3", g--);
  if (x) puts("nonzero"); if (!x) puts("zero"); if (a && b) puts("and");
  int cnt = 0; for (i128 i = 0; i < 10; i++) cnt++; printf("cnt %d\n", cnt);
  _Bool bb = (i128)1 << 100; printf("bool %d\n", bb);
  i128 arr[3] = {1, 2, 3}; arr[1] += arr[2]; p("arr", arr[1]);
  i128 c = n > 3 ? a : b; p("cond", c);
  return 0;
}
