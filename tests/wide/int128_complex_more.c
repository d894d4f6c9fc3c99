#include <stdio.h>
typedef __int128 i128; typedef unsigned __int128 u128;
static void p(const char *n, u128 v) { printf("%s %016llx%016llx\n", n, (unsigned long long)(v >> 64), (unsigned long long)v); }
struct S { char c; i128 x; _Complex double z; };
i128 add3(i128 a, i128 b, i128 c) { return a + b + c; }
u128 ret(u128 a) { return a * a; }
_Complex double cf(_Complex double a, _Complex float b) { return a * b; }
_Complex long double cl(_Complex long double a) { return a / 3; }
static i128 tab[4] = { -1, 1, (i128)1 << 100, -((i128)1 << 120) };
int main(void) {
  i128 m1 = -1; u128 big = ~(u128)0 >> 1;
  for (int s = 0; s < 128; s += 21) { p("shl", (u128)m1 << s); p("sar", ((i128)1 << 126) >> s); p("shr", big >> s); }
  p("s0", m1 << 0); p("s64", (u128)m1 >> 64); p("s127", (u128)1 << 127); p("sar127", ((i128)1 << 127) >> 127);
  printf("ucmp %d %d %d\n", (u128)m1 > big, m1 < (i128)big, (u128)m1 == ~(u128)0);
  i128 vals[] = { 0, 1, -1, (i128)1 << 64, -((i128)1 << 64), ((i128)1 << 64) - 1 };
  for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++)
    printf("%d%d%d%d%d%d ", vals[i] < vals[j], vals[i] <= vals[j], vals[i] > vals[j], vals[i] >= vals[j], vals[i] == vals[j], vals[i] != vals[j]);
  puts("");
  p("div", (i128)-100 / 7); p("mod", (i128)-100 % 7); p("udiv", (u128)-100 / 7);
  p("add3", add3(1, (i128)1 << 70, -5)); p("ret", ret((u128)1 << 63));
  struct S s = { 1, -7, 1.0 + 1.0i }; s.x *= 3; s.z *= s.z; p("sx", s.x); printf("sz %g %g\n", __real__ s.z, __imag__ s.z);
  for (int i = 0; i < 4; i++) p("tab", tab[i]);
  _Complex double r = cf(2.0 + 3.0i, 1.0f - 1.0if); printf("cf %g %g\n", __real__ r, __imag__ r);
  _Complex long double q = cl(3.0L + 6.0iL); printf("cl %Lg %Lg\n", __real__ q, __imag__ q);
  double inf = __builtin_inf();
  _Complex double zi = inf + 0.0i, z2 = zi * (1.0 + 1.0i); printf("infmul %g %g\n", __real__ z2, __imag__ z2);
  _Complex double zd = (1.0 + 1.0i) / (0.0 + 0.0i); printf("div0 %g %g\n", __real__ zd, __imag__ zd);
  long double ld = (long double)((i128)1 << 100); printf("ld %Lg\n", ld);
  float f = (float)(u128)-1; printf("f %g\n", f);
  i128 fromneg = (i128)-1e20; p("fromneg", fromneg);
  u128 fromld = (u128)1e30L; p("fromld", fromld);
  unsigned char uc = (unsigned char)(i128)0x1ff; signed char sc = (signed char)(i128)0x180; printf("%d %d\n", uc, sc);
  i128 fromu = 0xffffffffu; i128 fromi = -5; i128 fromul = 0xffffffffffffffffUL; p("fromu", fromu); p("fromi", fromi); p("fromul", fromul);
  _Bool b1 = (i128)0, b2 = (_Complex double)0.0i, b3 = 0.5i; printf("bools %d %d %d\n", b1, b2, b3);
  i128 t = 10; i128 u = t++ + ++t; p("incs", u); p("t", t);
  int cnt = 0; for (u128 k = (u128)1 << 100; k; k >>= 7) cnt++; printf("cnt %d\n", cnt);
  i128 neg = -(i128)5; p("neg", neg); p("negmin", -((i128)1 << 127));
  return 0;
}
