"""Front-end and lowering fixes found by GCC torture compile/ tests, each
checked against gcc: the same C built by both, run, and stdout and exit
status compared (or, where gcc's answer is an error, both reject it; where
a symbol table is the point, `nm` of both objects agrees).

- gnu89 `extern inline` followed by a real definition (20050215-*.c,
  20000120-2.c, 20021120-*.c): one definition emitted, static stays local.
- expression statements of aggregate or `void` lvalues (20000701-1.c,
  pr101437.c, pr87110.c, 20040317-1.c).
- vectors of __int128 (pr70355.c).
- __builtin_clear_padding (pr98087.c), __builtin_modfl (pr48641.c),
  __builtin_cpow (pr54428.c) and the other _Complex library builtins.
"""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import List, Sequence, Tuple

from lcc import driver


def _run(exe: Path) -> Tuple[int, str]:
    p = subprocess.run([str(exe)], capture_output=True, text=True, timeout=20)
    return p.returncode, p.stdout


def same_behaviour(src: str, tmp: Path, flags: Sequence[str] = (),
                   libs: Sequence[str] = ()) -> str:
    """Build src with gcc and lcc, run both: same exit status and stdout."""
    c = tmp / "t.c"
    c.write_text(src)
    g, lc = tmp / "gcc.out", tmp / "lcc.out"
    subprocess.run(["gcc", "-w", *flags, str(c), "-o", str(g), *libs], check=True,
                   capture_output=True)
    assert driver.main(["-w", *flags, str(c), "-o", str(lc), *libs]) == 0
    expected = _run(g)
    assert expected[1], "gcc's build prints nothing: a vacuous comparison"
    assert _run(lc) == expected
    return expected[1]


def _defined(obj: Path) -> List[str]:
    out = subprocess.run(["nm", str(obj)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in out.splitlines()]
    return sorted(" ".join(r[-2:]) for r in rows if r)


GNU89_INLINE = r"""
#include <stdio.h>
int v;
extern __inline void f1 (void) { v += 100; }
void f4 (void) { f1 (); }
extern __inline void f2 (void) { v += 1000; }
void f3 (void) { f2 (); }
void f2 (void) { f1 (); v += 10; }
void f1 (void) { v += 1; }
extern __inline__ int odd (int i) { return 99; }
int foo (int i, int j) { return odd (i + j); }
int odd (int i) { return i & 0x1; }
int main (void) {
  f4 (); f3 (); f2 ();
  printf ("%d %d %d\n", v, foo (2, 3), odd (4));
  return 0;
}
"""


def test_gnu89_extern_inline_then_definition(tmp_path: Path) -> None:
    # The extern inline bodies are never emitted: the calls reach the
    # later real definitions (gcc -O0 does not inline).
    same_behaviour(GNU89_INLINE, tmp_path, ["-fgnu89-inline"])


def test_gnu89_extern_inline_then_static(tmp_path: Path) -> None:
    # 20021120-2.c: a static definition after an extern inline one is the
    # function emitted, as a local symbol.
    c = tmp_path / "s.c"
    c.write_text("extern int inline foo () { return 0; }\n"
                 "extern int inline bar () { return 0; }\n"
                 "static int bar () { return foo(); }\n"
                 "int (*use) () = bar;\n")
    g, lc = tmp_path / "g.o", tmp_path / "l.o"
    subprocess.run(["gcc", "-w", "-fgnu89-inline", "-c", str(c), "-o", str(g)], check=True)
    assert driver.main(["-w", "-fgnu89-inline", "-c", str(c), "-o", str(lc)]) == 0
    assert "t bar" in _defined(g)
    assert _defined(lc) == _defined(g)


C99_INLINE = r"""
#include <stdio.h>
extern inline int twice (int x) { return 2 * x; }
extern inline __attribute__ ((gnu_inline)) int gnu (int x) { return 3 * x; }
int gnu (int x) { return 4 * x; }
int main (void) { printf ("%d %d\n", twice (5), gnu (5)); return 0; }
"""


def test_c99_extern_inline_is_a_definition(tmp_path: Path) -> None:
    # Without -fgnu89-inline (C99 semantics) `extern inline` defines the
    # function; the gnu_inline attribute keeps the gnu89 meaning.
    same_behaviour(C99_INLINE, tmp_path)


STATEMENTS = r"""
#include <stdio.h>
struct T { int a, b; };
struct d { _Bool e; int f; };
struct S0 { int : 1; };
static int calls;
static struct T t = { 3, 4 };
static struct T *get (void) { calls++; return &t; }
static void *getv (void) { calls += 10; return &t; }
static void vl (int len, char s[][len]) { s[0]; s[calls % 2]; }
int main (int argc, char **argv) {
  void *pv = &t;
  volatile void *pvv = &t;
  volatile struct T *vp = &t;
  volatile struct S0 s0, *p0 = &s0;
  int n = argc + 2;
  struct d j[n];
  char buf[2][n];
  *pv; argc ? *pv : *pv; *pv, *pv;
  *pvv; argc ? *pvv : *pvv;
  *getv ();
  *get (); t; *vp; *p0; (struct d){}; (struct d){ .f = calls };
  j[0] = (struct d){ .f = 7 };
  j[0];
  vl (n, buf);
  printf ("%d %d %d\n", calls, j[0].f, vp->b);
  return 0;
}
"""


def test_aggregate_and_void_expression_statements(tmp_path: Path) -> None:
    # `*p;` of a struct (volatile or not), of a `void *`, a compound
    # literal or a VLA row as a statement: only the side effects remain.
    same_behaviour(STATEMENTS, tmp_path)


INT128_VECTORS = r"""
#include <stdio.h>
typedef unsigned __int128 v2ti __attribute__ ((vector_size (32)));
typedef __int128 v2si __attribute__ ((vector_size (32)));
static unsigned long long h;
static void mix (unsigned __int128 x) {
  h = h * 31 + (unsigned long long) x + (unsigned long long) (x >> 64);
}
unsigned foo (unsigned i, v2ti v) { do { i--; v %= ~v; } while (i); return v[0] + v[1]; }
int main (void) {
  v2ti v = { ((unsigned __int128) 7 << 70) | 12345, 999 };
  v2ti w = ~v, x = -v, y = v + 3, z = v * w, q = v / 7, m = v ^ w, o = 5 - v;
  v2si s = { -5, 77 };
  v2si ns = -s, cs = ~s, ds = s / 3, ms = s % 3;
  for (int k = 0; k < 2; k++) {
    mix (w[k]); mix (x[k]); mix (y[k]); mix (z[k]); mix (q[k]); mix (m[k]); mix (o[k]);
    mix (ns[k]); mix (cs[k]); mix (ds[k]); mix (ms[k]);
  }
  v2ti a = { 5, (unsigned __int128) 1 << 100 }, b = { 5, 3 };
  v2si t = { 3, 77 };
  v2si r[8] = { a == b, a != b, a < b, a > b, s < t, s <= t, s >= t, s > 0 };
  for (int i = 0; i < 8; i++) mix (r[i][0] + 2 * r[i][1]);
  printf ("%llu %u\n", h, foo (3, v));
  return 0;
}
"""


def test_int128_vector_arithmetic(tmp_path: Path) -> None:
    # pr70355.c: ~ and % on a vector of unsigned __int128 (was an IRError);
    # arithmetic and comparisons of such vectors.
    same_behaviour(INT128_VECTORS, tmp_path)


CLEAR_PADDING = r"""
#include <stdio.h>
#include <string.h>
struct S { char a; long long b; };
struct B { unsigned a : 3; int : 2; unsigned c : 7; char d; short e : 5; };
union U { char c; short s; struct { char x; int y; } st; };
struct L { char c; long double ld; _Complex long double cl; _Bool b; };
struct N { char h; struct { short p; char q; }; union { char r; int t; }; char z[3]; };
static void dump (const char *n, const void *p, unsigned long sz) {
  const unsigned char *b = p;
  printf ("%s %lu:", n, sz);
  for (unsigned long i = 0; i < sz; i++) printf (" %02x", b[i]);
  printf ("\n");
}
#define T(ty, name) { __typeof__ (ty) v; memset (&v, 0xAA, sizeof v); \
  __builtin_clear_padding (&v); dump (name, &v, sizeof v); }
int main (int argc, char **argv) {
  T (struct S, "S") T (struct B, "B") T (union U, "U") T (struct L, "L") T (struct N, "N")
  T (struct S[3], "S3") T (struct S[40], "S40") T (struct B[2][30], "B2x30")
  T (long double, "ld") T (int, "int")
  int n = argc + 4;
  { struct S v[n][2]; memset (v, 0xAA, sizeof v); __builtin_clear_padding (&v);
    dump ("vla", v, sizeof v); }
  { struct S v[n]; memset (v, 0xAA, sizeof v); __builtin_clear_padding (v);
    dump ("vla0", v, sizeof v); }
  { struct S a[n][0]; __builtin_clear_padding (a); __builtin_clear_padding (&a); }
  return 0;
}
"""


def test_builtin_clear_padding(tmp_path: Path) -> None:
    # Struct, bit-field (unnamed ones are padding), union, x87 long double
    # and complex, anonymous members, arrays unrolled and looped, VLAs.
    same_behaviour(CLEAR_PADDING, tmp_path)


def test_builtin_clear_padding_errors(tmp_path: Path) -> None:
    # Arguments gcc rejects: lcc rejects each of them too.
    bad = ["const struct S *p = 0; __builtin_clear_padding (p);",
           "int x = 0; __builtin_clear_padding (x);",
           "__builtin_clear_padding ();",
           "struct S s; __builtin_clear_padding (&s, &s);",
           "void *v = 0; __builtin_clear_padding (v);",
           "struct I *i = 0; __builtin_clear_padding (i);"]
    for k, body in enumerate(bad):
        c = tmp_path / ("e%d.c" % k)
        c.write_text("struct S { char a; int b; };\nvoid f (void) { %s }\n" % body)
        g = subprocess.run(["gcc", "-fsyntax-only", str(c)], capture_output=True)
        assert g.returncode != 0, body
        assert driver.main(["-fsyntax-only", str(c)]) != 0, body


LIBRARY = r"""
#include <stdio.h>
typedef double _Complex C;
C foo (C x, C y, double z, C w) { return y - z * __builtin_cpow (x, 75) * w; }
int main (void) {
  C r = foo (1.01 + 0.02i, 2.0 + 1.0i, 0.5, 1.0 - 1.0i);
  C e = __builtin_cexp (1.0 + 0.5i);
  long double ip;
  long double fr = __builtin_modfl (12.75L, &ip);
  float _Complex f = __builtin_cpowf (1.5f + 0.5if, 3.0f);
  long double _Complex l = __builtin_cpowl (1.25L + 0.5iL, 2.0L);
  printf ("%.10g %.10g %.10g %.10g %.10Lg %.10Lg\n", __real__ r, __imag__ r,
          __real__ e, __imag__ e, fr, ip);
  printf ("%.6g %.6g %.10Lg %.10Lg\n", __real__ f, __imag__ f, __real__ l, __imag__ l);
  return 0;
}
"""


def test_complex_and_long_double_library_builtins(tmp_path: Path) -> None:
    # pr54428.c / pr48641.c: calls of libm's cpow, cexp, modfl (linked).
    same_behaviour(LIBRARY, tmp_path, libs=["-lm"])
