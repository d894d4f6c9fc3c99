"""Back-end causes of GCC torture failures, each with a small program and
gcc as the oracle (same output and exit status), or binutils for objects:

- frames past 2 GiB (compile/20031023-*.c): the frame size and far slot
  addresses through %r11 (lcc/target/x86_64/frame.py);
- a 1.2e18-byte .bss array (compile/pr65680.c): the assembler keeps only
  the size of NOBITS space (lcc/asm);
- a label in the dead arm of a constant conditional (compile/pr17913.c);
- bit-fields of __int128 types and packed ones spanning 9+ bytes
  (compile/bitfield-1.c; lcc/ir/lower_bitwide.py);
- label differences in static initializers (compile/labels-3.c,
  execute/pr70460.c).
"""
from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
from typing import Any, Callable, List, Optional

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

pytestmark = pytest.mark.skipif(shutil.which("gcc") is None or shutil.which("readelf") is None,
                                reason="needs gcc and binutils as the oracles")


def _run(cmd: List[str], preexec: Optional[Callable[[], None]] = None) -> Any:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                          preexec_fn=preexec)


def _lcc(args: List[str]) -> None:
    env = dict(os.environ, PYTHONPATH=ROOT)
    r = subprocess.run([sys.executable, "-m", "lcc", "-w"] + args, capture_output=True,
                       text=True, timeout=120, env=env)
    assert r.returncode == 0, r.stderr


def _unlimited_stack() -> None:
    resource.setrlimit(resource.RLIMIT_STACK, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


def same_as_gcc(tmp: Any, source: str, preexec: Optional[Callable[[], None]] = None) -> str:
    """Build `source` with gcc -O0 and lcc, run both; their output and exit
    status must agree (and gcc's run must succeed). gcc's output."""
    src = os.path.join(str(tmp), "t.c")
    with open(src, "w") as f:
        f.write(source)
    g, m = os.path.join(str(tmp), "g"), os.path.join(str(tmp), "l")
    r = _run(["gcc", "-w", "-O0", src, "-o", g])
    assert r.returncode == 0, r.stderr
    _lcc([src, "-o", m])
    want, got = _run([g], preexec), _run([m], preexec)
    assert want.returncode == 0, "the oracle failed: %r" % (want,)
    assert (got.returncode, got.stdout) == (want.returncode, want.stdout)
    return want.stdout


# -- frames past 2 GiB ------------------------------------------------------------

HUGE_FRAME = r"""
#include <stdio.h>
#define N 0x80000000UL
long __attribute__((noinline)) use(volatile char *p, long i) { return p[0] + p[i]; }
long __attribute__((noinline)) two(long k) {
  char a[N], b[N];                    /* b lies 4 GiB below the frame pointer */
  long x = k, y = k * 3, z = k ^ 5;   /* small slots: near the frame pointer */
  long *px = &x;
  a[0] = 1; a[N - 1] = 2; b[0] = 3; b[N - 1] = 4;
  b[k] = 9;
  *px += use(a, N - 1) + use(b, N - 1) + use(b, k);
  return x + y + z + a[k] + b[N - 1];
}
int main(void) { printf("%ld %ld\n", two(7), two(0)); return 0; }
"""


def test_huge_frame_runs(tmp_path: Any) -> None:
    # only the touched pages are ever mapped: a few, 4 GiB apart
    assert same_as_gcc(tmp_path, HUGE_FRAME, _unlimited_stack).strip()


def test_huge_frame_code(tmp_path: Any) -> None:
    """The prologue adds a movabsq'd size; every far slot is reached
    through %r11; no displacement beyond 32 bits remains."""
    s = str(tmp_path / "t.s")
    with open(str(tmp_path / "t.c"), "w") as f:
        f.write(HUGE_FRAME)
    _lcc(["-S", str(tmp_path / "t.c"), "-o", s])
    with open(s) as f:
        text = f.read()
    assert re.search(r"movabsq\t\$-\d+, %r11\n\taddq\t%r11, %rsp", text)
    for disp in re.findall(r"(-?\d+)\(%", text):
        assert -(1 << 31) <= int(disp) < (1 << 31), disp


# -- .zero in .bss -----------------------------------------------------------------

def test_huge_bss_object_like_gas(tmp_path: Any) -> None:
    src = str(tmp_path / "t.c")
    with open(src, "w") as f:
        f.write("struct S { int f : 1; } a[100000000000000001][3];\n"
                "static char b[1L << 40];\n"
                "char *g(void) { a[100000000000000000][0].f = 1; return &b[5]; }\n")
    objs = []
    for cc in ("gcc", "lcc"):
        o = str(tmp_path / (cc + ".o"))
        if cc == "gcc":
            assert _run(["gcc", "-c", "-O0", src, "-o", o]).returncode == 0
        else:
            _lcc(["-c", src, "-o", o])
        r = _run(["readelf", "-W", "-S", "-s", o])
        bss = re.findall(r"\.bss\s+NOBITS\s+\w+ \w+ (\w+)", r.stdout)
        syms = sorted(re.findall(r"(\w+) OBJECT +\w+ +\w+ +\w+ (\w+)", r.stdout))
        objs.append((bss, syms))
    assert objs[0][0] and objs[0][1]
    assert objs[0] == objs[1]


# -- a label in a dead arm -----------------------------------------------------------

def test_label_in_dead_conditional_arm(tmp_path: Any) -> None:
    same_as_gcc(tmp_path, r"""
#include <stdio.h>
int f(int k) {
  void *p = &&a;
  int r = 1 ? 5 + k : ({ a: ; 7; });
  r += 0 ? ({ b: ; 100; }) : 3;
  if (k > 1) goto *p;
  r += (1 || ({ c: ; 1; })) + (0 && ({ d: ; 1; }));
  return r + (p != 0);
}
int main(void) { printf("%d %d\n", f(0), f(1)); return 0; }
""")


# -- wide bit-fields -----------------------------------------------------------------

BITFIELDS = r"""
#include <stdio.h>
#include <string.h>
typedef unsigned __int128 u128;
struct F { u128 t:124; u128 t1:4; };
struct __attribute__((packed)) P { unsigned char c:4; unsigned long long x:64; long long y:63;
                                   unsigned char d; };
struct Q { __int128 a:65; u128 b:63; __int128 c:128; u128 d:1; __int128 e:127; __int128 s:40; };
struct __attribute__((packed)) R { char pad:3; __int128 z:125; u128 w:128; };
static struct Q sq = { -5, 123, -((__int128)1 << 100), 1, ((__int128)1 << 120) + 3, -9 };
static struct R sr = { 1, -7, ~(u128)0 - 4 };
static void dump(const char *s, const void *p, int n) {
  const unsigned char *q = p; printf("%s ", s);
  for (int i = 0; i < n; i++) printf("%02x", q[i]);
  printf("\n");
}
static void p(const char *s, u128 v) {
  printf("%s %016llx%016llx\n", s, (unsigned long long)(v >> 64), (unsigned long long)v);
}
static __int128 id(__int128 v) { return v; }
static struct F mk(void) { struct F t = {1, 2}; return t; }
int main(void) {
  struct F f = mk();
  dump("f", &f, sizeof f); p("t", f.t); p("t1", f.t1);
  f.t = ~(u128)0; f.t += 5; f.t1 = 9; p("t", f.t); p("t1", f.t1); dump("f", &f, sizeof f);
  struct P x; memset(&x, 0x5a, sizeof x);
  x.x = 0xfedcba9876543210ULL; x.y = -2; x.c = 3; x.d = 7;
  dump("x", &x, sizeof x); printf("%llx %lld %d %d\n", x.x, x.y, x.c, x.d);
  x.x += 0x10; x.y *= 3; x.x++; --x.y;
  dump("x", &x, sizeof x); printf("%llx %lld %zu\n", x.x, x.y, sizeof x);
  printf("%lld\n", (x.y = 0x7fffffffffffffffLL));
  struct Q q = sq;
  dump("q", &q, sizeof q);
  q.a = q.a * 7; q.b -= 200; q.c >>= 3; q.d++; q.e = -q.e; q.s += 2;
  dump("q", &q, sizeof q);
  p("a", q.a); p("b", q.b); p("c", q.c); p("d", q.d); p("e", q.e); p("s", q.s);
  p("x", q.a++); p("x", ++q.a); p("x", q.e--); p("x", (q.b = -1)); p("x", q.s--);
  p("id", id(q.a) + id(q.e));
  printf("%d %d %d\n", q.a < 0, q.s == -8, (int)q.c);
  dump("sr", &sr, sizeof sr); p("z", sr.z); p("w", sr.w);
  struct R r; memset(&r, 0xc3, sizeof r);
  r.z = sr.z - 1; r.w = sr.w + 9; r.pad = -1;
  dump("r", &r, sizeof r); p("z", r.z); p("w", r.w);
  r.z |= (__int128)1 << 124; p("z", r.z);
  return 0;
}
"""


def test_wide_bitfields(tmp_path: Any) -> None:
    same_as_gcc(tmp_path, BITFIELDS)


# -- label differences in static initializers -----------------------------------------

def test_label_differences_in_static_data(tmp_path: Any) -> None:
    same_as_gcc(tmp_path, r"""
#include <stdio.h>
int c;
__attribute__((noinline)) void f(int x) {
  static const int b[] = { &&l1 - &&l0, &&l2 - &&l0, &&l0 - &&l0 };
  static const short s[] = { &&l2 - &&l1, &&l0 - &&l1 };
  static long q[] = { (long)&&l2 - (long)&&l0 };
  static const signed char t[] = { &&l1 - &&l1, &&l2 - &&l1 };
  void *a = &&l0 + b[x];
  /* (gcc folds `&&a - &&b + 1` in a static initializer wrongly, to
     `.La-.Lb-1`: no constant addends here) */
  if (s[0] + t[0] != &&l2 - &&l1 || t[1] != s[0] || q[0] != b[1] || s[1] != b[2] - b[0])
    c = -100;
  goto *a;
l1:
  c += 2;
l2:
  c++;
l0:
  ;
}
int main(void) {
  f(0); printf("%d\n", c); f(1); printf("%d\n", c); f(2); printf("%d\n", c);
  return 0;
}
""")
