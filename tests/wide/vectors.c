#include <stdio.h>
typedef int v4si __attribute__((vector_size(16)));
typedef float v4sf __attribute__((vector_size(16)));
typedef unsigned char v8qu __attribute__((vector_size(8)));
typedef short v4hi __attribute__((vector_size(8)));
typedef long long v2di __attribute__((vector_size(16)));
v4si gv = { 1, -2, 3, -4 };
static void pi(const char *n, v4si v) { printf("%s %d %d %d %d\n", n, v[0], v[1], v[2], v[3]); }
v4si addv(v4si a, v4si b) { return a + b; }
int main(void) {
  v4si a = { 10, 20, 30, 40 }, b = { 3, -7, 5, 0x7fffffff };
  pi("add", a + b); pi("sub", a - b); pi("mul", a * b); pi("div", a / (b | 1)); pi("mod", a % (b | 1));
  pi("and", a & b); pi("or", a | b); pi("xor", a ^ b); pi("shl", a << 2); pi("shr", b >> 1); pi("shlv", a << (v4si){1, 2, 3, 4});
  pi("neg", -a); pi("not", ~b); pi("scal", a + 1); pi("scal2", 100 - a); pi("g", gv);
  pi("lt", a < b); pi("eq", a == a); pi("ne", a != b); pi("ge", b >= 5);
  v4sf f = { 1.5f, -2.0f, 0.25f, 8.0f }, g = f * f + 1.0f;
  printf("f %g %g %g %g\n", g[0], g[1], g[2], g[3]);
  v4si c = a; c += b; c *= 2; c >>= 1; pi("c", c);
  v8qu q = { 250, 251, 252, 253, 254, 255, 0, 1 }; v8qu q2 = q + (v8qu){10, 10, 10, 10, 10, 10, 10, 10};
  printf("q %d %d %d %d\n", q2[0], q2[5], q2[6], q2[7]);
  v4hi h = (v4hi)(long long)0x0001000200030004LL; printf("h %d %d %d %d\n", h[0], h[1], h[2], h[3]);
  long long back = (long long)h; printf("back %llx\n", back);
  v4si bits = (v4si)f; printf("bits %x\n", bits[0]);
  v2di d = { 1LL << 40, -1 }; d = d * 3; printf("d %lld %lld\n", d[0], d[1]);
  pi("fn", addv(a, b));
  v4si m = { 3, 2, 1, 0 }; pi("shuf", __builtin_shuffle(a, m));
  v4si m2 = { 0, 4, 1, 5 }; pi("shuf2", __builtin_shuffle(a, b, m2));
  v4sf cv = __builtin_convertvector(a, v4sf); printf("cv %g %g\n", cv[0], cv[3]);
  a[2] = 99; pi("idx", a);
  return 0;
}
