#include <stdio.h>
/* x87 asm operands: "t" (%st), "u" (%st(1)), matched inputs, inputs the
   asm pops (clobbered st(1)), outputs in both positions. */
static long double sqrtl_(long double x) { long double r; __asm__("fsqrt" : "=t"(r) : "0"(x)); return r; }
static long double atan2l_(long double y, long double x) { long double r; __asm__("fpatan" : "=t"(r) : "0"(x), "u"(y) : "st(1)"); return r; }
static double sqrt_d(double x) { double r; __asm__("fsqrt" : "=t"(r) : "0"(x)); return r; }
static float sqrt_f(float x) { float r; __asm__("fsqrt" : "=t"(r) : "0"(x)); return r; }
static long double one(void) { long double r; __asm__("fld1" : "=t"(r)); return r; }
static void sincos_(long double x, long double *s, long double *c) { long double cc, ss; __asm__("fsincos" : "=t"(cc), "=u"(ss) : "0"(x)); *s = ss; *c = cc; }
static long double scale(long double x, long double e) { long double r; __asm__("fscale" : "=t"(r) : "0"(x), "u"(e)); return r; }
static long double yl2x(long double x, long double y) { long double r; __asm__("fyl2x" : "=t"(r) : "0"(x), "u"(y) : "st(1)"); return r; }
int main(void) {
  long double s, c;
  sincos_(0.5L, &s, &c);
  printf("%.15Lg %.15Lg %.15g %.7g %Lg\n", sqrtl_(2.0L), atan2l_(1.0L, 1.0L), sqrt_d(9.0), sqrt_f(16.0f), one());
  printf("%.15Lg %.15Lg %Lg %Lg\n", s, c, scale(3.0L, 4.0L), yl2x(8.0L, 1.0L));
  for (int i = 0; i < 20; i++) s = scale(s, 1.0L);   /* the x87 stack must stay balanced */
  printf("%.10Lg\n", s);
  return 0;
}
