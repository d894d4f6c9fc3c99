#include <stdio.h>
#include <complex.h>
_Complex double gz = 1.0 + 2.0i;
static void pd(const char *n, _Complex double z) { printf("%s %g %g\n", n, __real__ z, __imag__ z); }
static void pf(const char *n, _Complex float z) { printf("%s %g %g\n", n, (double)__real__ z, (double)__imag__ z); }
static void pl(const char *n, _Complex long double z) { printf("%s %Lg %Lg\n", n, __real__ z, __imag__ z); }
_Complex double mk(double a, double b) { _Complex double z; __real__ z = a; __imag__ z = b; return z; }
int main(void) {
  _Complex double a = 3.0 + 4.0i, b = mk(1.5, -2.0);
  pd("add", a + b); pd("sub", a - b); pd("mul", a * b); pd("div", a / b);
  pd("neg", -a); pd("conj", ~a); pd("g", gz);
  _Complex float fa = 1.0f + 2.0if, fb = 0.5f;
  pf("fmul", fa * fb); pf("fdiv", fa / (fb + 1.0if)); pf("fadd", fa + fb);
  _Complex long double la = 1.0L + 3.0iL, lb = a;
  pl("lmul", la * lb); pl("ldiv", la / lb); pl("lsub", la - lb);
  printf("eq %d %d %d\n", a == b, a != b, a == a);
  double re = a; int ir = (int)b; printf("real %g %d\n", re, ir);
  _Complex double fromi = 7; pd("fromi", fromi);
  a += b; pd("a+=", a); a *= 2; pd("a*=", a); a /= b; pd("a/=", a); a -= 1; pd("a-=", a);
  if (a) puts("nz"); _Complex double z0 = 0; if (!z0) puts("zero");
  _Bool bz = b; printf("bool %d\n", bz);
  double d = 2; d += a; printf("d %g\n", d);
  _Complex double arr[2] = {1, 2.0i}; arr[1] *= arr[1]; pd("arr", arr[1]);
  pd("cond", d > 1 ? a : b);
  pd("creal", __builtin_creal(a) + __builtin_cimag(a) * I);
  __int128 big = (__int128)(__real__ a * 1000); printf("%lld\n", (long long)big);
  _Complex double fromi128 = big; pd("fromi128", fromi128);
  return 0;
}
