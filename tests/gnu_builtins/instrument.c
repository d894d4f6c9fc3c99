#include <stdio.h>
#define NOCHK __attribute__((no_instrument_function))
struct big { long a, b, c; };
struct small { int a; double d; };
static int depth;
static void *last_site;
int f_int(int x);
double f_dbl(double x);
struct big f_big(int x);
struct small f_small(int x);
long double f_ld(int x);
static inline int f_inl(int x) { return x * 3; }
void f_void(int x) { if (x) return; last_site = 0; }
NOCHK const char *name_of(void *fn) {
  if (fn == (void *)f_int) return "f_int";
  if (fn == (void *)f_dbl) return "f_dbl";
  if (fn == (void *)f_big) return "f_big";
  if (fn == (void *)f_small) return "f_small";
  if (fn == (void *)f_ld) return "f_ld";
  if (fn == (void *)f_inl) return "f_inl";
  if (fn == (void *)f_void) return "f_void";
  return "?";
}
void NOCHK __cyg_profile_func_enter(void *fn, void *site) {
  printf("%*senter %s\n", depth * 2, "", name_of(fn)); depth++; last_site = site;
}
void NOCHK __cyg_profile_func_exit(void *fn, void *site) {
  depth--; printf("%*sexit %s%s\n", depth * 2, "", name_of(fn), site ? "" : " (no site)");
}
static struct big gb = {1, 2, 3};
int f_int(int x) { if (x > 2) return f_inl(x) + 1; return x; }
double f_dbl(double x) { return x * 1.5 + f_int(3); }
struct big f_big(int x) { struct big b = gb; b.a += x; return b; }
struct small f_small(int x) { struct small s = {x, x / 2.0}; return s; }
long double f_ld(int x) { return x / 4.0L; }
int NOCHK main(void) {
  struct big b = f_big(5);
  struct small s = f_small(7);
  f_void(0); f_void(1);
  int i = f_int(4);
  double d = f_dbl(2.0);
  long double ld = f_ld(3);
  printf("%d %g %ld %ld %d %g %Lg\n", i, d, b.a, b.c, s.a, s.d, ld);
  return 0;
}
