"""The SysV x86-64 ABI code (lcc/target/x86_64/abi*.py) against gcc.

Classification: gcc compiles calls passing random structs to an assembly
routine that records every argument register and the stack; where each
eightbyte of the struct landed (a gpr, the low or high half of an xmm,
the stack) must be what `abi.classify` says.
"""
from __future__ import annotations

import os
import random
import shutil
import subprocess
from typing import Any, Dict, List, Tuple

import pytest

from lcc.target.x86_64.abi import classify
from tests.test_data import front

pytestmark = pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc")

# Stores %rdi..%r9 (48 bytes), %xmm0..7 (128 bytes) and 256 bytes of the
# caller's stack arguments into `regs`.
DUMP_S = r"""
        .bss
        .globl regs
        .p2align 4
regs:   .zero 432
        .text
        .globl dump
dump:
        movq %rdi, regs(%rip)
        movq %rsi, regs+8(%rip)
        movq %rdx, regs+16(%rip)
        movq %rcx, regs+24(%rip)
        movq %r8, regs+32(%rip)
        movq %r9, regs+40(%rip)
""" + "".join("        movups %%xmm%d, regs+%d(%%rip)\n" % (i, 48 + 16 * i)
              for i in range(8)) + r"""
        leaq 8(%rsp), %rsi
        leaq regs+176(%rip), %rdi
        movl $256, %ecx
        rep movsb
        ret
        .section .note.GNU-stack,"",@progbits
"""

REPORT_C = r"""
#include <stdio.h>
#include <string.h>
extern unsigned char regs[432];
static int same(const unsigned char *a, const unsigned char *b, const char *m, unsigned long n) {
    for (unsigned long i = 0; i < n; i++)
        if (m[i] == '1' && a[i] != b[i]) return 0;
    return 1;
}
static void report(int id, const unsigned char *p, unsigned long size, const char *mask) {
    printf("%d:", id);
    int lastx = -1;
    for (unsigned long k = 0; k * 8 < size; k++) {
        unsigned long n = size - 8 * k < 8 ? size - 8 * k : 8;
        const unsigned char *e = p + 8 * k;
        const char *m = mask + 8 * k;
        char c = 'M';
        int x;
        for (x = 0; x < 6 && c == 'M'; x++)
            if (same(regs + 8 * x, e, m, n)) c = 'I';
        if (c == 'M' && lastx >= 0 && same(regs + 48 + 16 * lastx + 8, e, m, n)) c = 'U';
        for (x = 0; x < 8 && c == 'M'; x++)
            if (same(regs + 48 + 16 * x, e, m, n)) { c = 'S'; lastx = x; }
        if (c == 'M' && !same(regs + 176, p, mask, size)) c = '?';   /* nowhere */
        printf(" %c", c);
    }
    printf(" %s\n", same(regs + 176, p, mask, size) ? "stack" : "regs");
}
static void fill(unsigned char *p, unsigned long n, int id) {
    for (unsigned long k = 0; k < n; k++) p[k] = (unsigned char)((k * 37 + id * 11) % 251 + 1);
}
"""

SCALARS = ["char", "short", "int", "long", "float", "double", "long double", "__int128",
           "_Complex float", "_Complex double", "void *", "unsigned char", "_Bool"]
SIZES = {"char": 1, "short": 2, "int": 4, "long": 8, "float": 4, "double": 8,
         "long double": 16, "__int128": 16, "_Complex float": 8, "_Complex double": 16,
         "void *": 8, "unsigned char": 1, "_Bool": 1}


def _field(rng: random.Random, depth: int, names: List[str]) -> Tuple[str, int]:
    """A random member declaration and a rough size of it."""
    name = "f%d" % len(names)
    names.append(name)
    r = rng.random()
    if r < 0.12 and depth < 2:
        kind = rng.choice(["struct", "union"])
        inner = [_field(rng, depth + 1, names) for _ in range(rng.randint(1, 3))]
        body = " ".join(d for d, _ in inner)
        return "%s { %s } %s;" % (kind, body, name), sum(s for _, s in inner)
    if r < 0.22:
        t = rng.choice(["int", "unsigned", "long", "char"])
        w = rng.randint(1, {"int": 31, "unsigned": 32, "long": 60, "char": 8}[t])
        return "%s %s : %d;" % (t, name, w), 4
    t = rng.choice(SCALARS)
    if r < 0.35:
        n = rng.randint(1, 3)
        return "%s %s[%d];" % (t, name, n), SIZES[t] * n
    return "%s %s;" % (t, name), SIZES[t]


def _types(rng: random.Random, count: int) -> List[str]:
    out: List[str] = []
    while len(out) < count:
        names: List[str] = []
        fields = []
        total = 0
        for _ in range(rng.randint(1, 4)):
            d, s = _field(rng, 0, names)
            fields.append(d)
            total += s
        if total > 24:
            continue
        kind = "union" if rng.random() < 0.15 else "struct"
        packed = " __attribute__((packed))" if rng.random() < 0.12 else ""
        out.append("%s T%d { %s }%s" % (kind, len(out), " ".join(fields), packed))
    return out


def _expected(cls: List[str]) -> List[str]:
    if any(c in ("MEMORY", "X87", "X87UP", "COMPLEX_X87") for c in cls):
        return ["M"]
    return [{"INTEGER": "I", "SSE": "S", "SSEUP": "U", "NO_CLASS": "?"}[c] for c in cls]


def _run_classify(tmp_path: Any, decls: List[str]) -> Tuple[Dict[int, List[str]], Dict[str, Any]]:
    src = [REPORT_C, "void dump();"]
    for i, d in enumerate(decls):
        src.append("%s; %s v%d;" % (d, d.split("{")[0].strip(), i))
    c = tmp_path / "cls.c"
    c.write_text("\n".join(src))
    unit, _ = front(str(c))
    types: Dict[str, Any] = {}
    for dd in unit.decls:
        for sym in getattr(dd, "symbols", []) or []:
            if getattr(sym, "kind", "") == "var":
                types[sym.name] = sym.type
    # Every argument register is taken (by the struct's eightbytes or by
    # the trailing dummies), so a register can only match by ABI.
    dummies = ", ".join(["0x5a5a0000L + %d" % k for k in range(6)] +
                        ["%d.25" % k for k in range(8)])
    proto = ", ".join(["long"] * 6 + ["double"] * 8)
    body = []
    for i, d in enumerate(decls):
        t = d.split("{")[0].strip()
        body.append('  fill((unsigned char *)&v%d, sizeof v%d, %d); '
                    '((void (*)(%s, %s))dump)(v%d, %s); '
                    'report(%d, (unsigned char *)&v%d, sizeof v%d, "%s");'
                    % (i, i, i, t, proto, i, dummies, i, i, i, _mask(types["v%d" % i])))
    src.append("int main(void) {\n" + "\n".join(body) + "\n  return 0;\n}\n")
    c.write_text("\n".join(src))
    s = tmp_path / "dump.s"
    s.write_text(DUMP_S)
    exe = tmp_path / "cls"
    subprocess.run(["gcc", "-O0", "-w", str(c), str(s), "-o", str(exe)], check=True)
    out = subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout
    got: Dict[int, List[str]] = {}
    for line in out.splitlines():
        k, v = line.split(":")
        got[int(k)] = v.split()   # classes found, then "stack" or "regs"
    return got, types


def _mask(t: Any) -> str:
    """'1' for each byte of t that belongs to a member (padding: '0')."""
    m = [0] * t.size()

    def walk(t: Any, off: int) -> None:
        if t.is_array:
            for i in range(t.length or 0):
                walk(t.elem, off + i * t.elem.size())
        elif t.is_record:
            for mem in t.info.members:
                if mem.bit_width is not None:
                    a = mem.offset * 8 + mem.bit_offset
                    for b in range(a // 8, (a + mem.bit_width + 7) // 8):
                        m[off + b] = 1
                elif not (mem.type.is_array and mem.type.length is None):
                    walk(mem.type, off + mem.offset)
        else:
            n = 10 if t.is_float and t.kind == "long double" and not t.complex else t.size()
            if t.is_float and t.kind == "long double" and t.complex:
                for b in list(range(10)) + list(range(16, 26)):
                    m[off + b] = 1
                return
            if t.is_integer and t.kind == "_Bool":
                n = 0       # only the value 0/1 is meaningful; fill() writes others
            for b in range(n):
                m[off + b] = 1
    walk(t, 0)
    return "".join(map(str, m))


def test_classify_random_structs_against_gcc(tmp_path: Any) -> None:
    decls = _types(random.Random(1234), 300)
    got, types = _run_classify(tmp_path, decls)
    bad = []
    for i, d in enumerate(decls):
        exp = _expected(classify(types["v%d" % i]))
        g, where = got[i][:-1], got[i][-1]
        if exp == ["M"]:
            ok = where == "stack"
        else:
            ok = len(g) == len(exp) and all(e == "?" or e == c for e, c in zip(exp, g))
        if not ok:
            bad.append("%s: lcc %s gcc %s" % (d, exp, g))
    assert not bad, "\n".join(bad[:20])
    assert len(got) == len(decls)


def test_classify_named_cases_against_gcc(tmp_path: Any) -> None:
    decls = [
        "struct A { long double x; }", "struct B { float a, b, c; }",
        "struct C { double d; int i; }", "struct D { char c[3]; }",
        "struct E { char c[7]; }", "struct F { int a; float f; }",
        "struct G { float f; int :8; }", "struct H { __int128 x; }",
        "union I { float f; int i; }", "union J { double d; long double ld; }",
        "struct K { char c; int i; } __attribute__((packed))",
        "struct L { int i; char c; } __attribute__((packed))",
        "struct M { _Complex float c; float f; }", "struct N { struct {} e; double d; }",
        "struct O { float f[4]; }", "struct P { double d[2]; }", "struct Q { long l[3]; }",
        "struct R { _Complex double z; }", "struct S { float a; double b; }",
    ]
    got, types = _run_classify(tmp_path, decls)
    for i, d in enumerate(decls):
        exp = _expected(classify(types["v%d" % i]))
        g, where = got[i][:-1], got[i][-1]
        if exp == ["M"]:
            assert where == "stack", (d, exp, g)
        else:
            assert len(g) == len(exp) and all(e == "?" or e == c for e, c in zip(exp, g)), \
                (d, exp, g)


# ------------------------------------------------------------ mixed linking
# Targeted signatures: for each type T, a callee that receives T in every
# position class (first, after the registers ran out, mixed with ints and
# doubles), returns T, and reads T through va_arg; helpers that make and
# print values are always compiled by gcc, so only the calls are tested.
# name: (definition, C type, [(field expression, printf format, cast)])
ABI_TYPES: Dict[str, Tuple[str, str, List[Tuple[str, str, str]]]] = {}


def _scalar(name: str, ctype: str, fmt: str, cast: str = "") -> None:
    ABI_TYPES[name] = ("", ctype, [("", fmt, cast)])


def _struct(name: str, body: str, fields: List[Tuple[str, str, str]], kind: str = "struct",
            attrs: str = "") -> None:
    ABI_TYPES[name] = ("%s %s { %s }%s;" % (kind, name, body, attrs), "%s %s" % (kind, name),
                       fields)


for _n, _t, _f, _c in [("c", "char", "%d", "(int)"), ("sc", "signed char", "%d", "(int)"),
                       ("uc", "unsigned char", "%u", "(unsigned)"), ("s", "short", "%d", "(int)"),
                       ("us", "unsigned short", "%u", "(unsigned)"), ("i", "int", "%d", ""),
                       ("u", "unsigned", "%u", ""), ("l", "long", "%ld", ""),
                       ("ul", "unsigned long", "%lu", ""), ("b", "_Bool", "%d", "(int)"),
                       ("p", "char *", "%p", "(void *)"), ("f", "float", "%a", "(double)"),
                       ("d", "double", "%a", ""), ("ld", "long double", "%La", "")]:
    _scalar(_n, _t, _f, _c)
for _n, _t in [("i128", "__int128"), ("u128", "unsigned __int128")]:
    ABI_TYPES[_n] = ("", _t, [("(unsigned long)(X >> 64)", "%lx", ""),
                              ("(unsigned long)X", "%lx", "")])
for _n, _t, _fmt, _c in [("cf", "_Complex float", "%a", "(double)"),
                         ("cd", "_Complex double", "%a", ""),
                         ("cld", "_Complex long double", "%La", "")]:
    ABI_TYPES[_n] = ("", _t, [("__real__ X", _fmt, _c), ("__imag__ X", _fmt, _c)])
for _n, _t, _fmt, _c in [("v4si", "int __attribute__((vector_size(16)))", "%d", ""),
                         ("v2sf", "float __attribute__((vector_size(8)))", "%a", "(double)"),
                         ("v4df", "double __attribute__((vector_size(32)))", "%a", "")]:
    ABI_TYPES[_n] = ("", _t, [("(X)[0]", _fmt, _c), ("(X)[1]", _fmt, _c)])
_struct("s1", "char a;", [("a", "%d", "(int)")])
_struct("s3", "char a[3];", [("a[0]", "%d", "(int)"), ("a[2]", "%d", "(int)")])
_struct("s6", "short a; char b; char c[3];", [("a", "%d", "(int)"), ("b", "%d", "(int)"),
                                                 ("c[2]", "%d", "(int)")])
_struct("s12", "int a[3];", [("a[0]", "%d", ""), ("a[1]", "%d", ""), ("a[2]", "%d", "")])
_struct("s16", "long a; long b;", [("a", "%ld", ""), ("b", "%ld", "")])
_struct("sf", "float a;", [("a", "%a", "(double)")])
_struct("sf3", "float a, b, c;", [("a", "%a", "(double)"), ("c", "%a", "(double)")])
_struct("sdd", "double a, b;", [("a", "%a", ""), ("b", "%a", "")])
_struct("sid", "int a; double b;", [("a", "%d", ""), ("b", "%a", "")])
_struct("sdi", "double a; int b; char c;", [("a", "%a", ""), ("b", "%d", ""),
                                             ("c", "%d", "(int)")])
_struct("sfi", "float a; int b; float c;", [("a", "%a", "(double)"), ("b", "%d", ""),
                                              ("c", "%a", "(double)")])
_struct("sld", "long double a;", [("a", "%La", "")])
_struct("big", "long a[5];", [("a[0]", "%ld", ""), ("a[4]", "%ld", "")])
_struct("uif", "int i; float f;", [("i", "%d", "")], kind="union")
_struct("pk", "char a; int b;", [("a", "%d", "(int)"), ("b", "%d", "")],
        attrs=" __attribute__((packed))")
_struct("bf", "unsigned a : 3; int b : 9; unsigned c : 20;",
        [("a", "%u", "(unsigned)"), ("b", "%d", "(int)"), ("c", "%u", "(unsigned)")])
_struct("scf", "_Complex float c; float f;", [("f", "%a", "(double)")])
_struct("si128", "char c; __int128 x;", [("c", "%d", "(int)")])
_struct("sa32", "_Alignas(32) int x; int y;", [("x", "%d", ""), ("y", "%d", "")])


def _mixed_sources(names: List[str], va: bool) -> Tuple[str, str, str, str]:
    """(header, helper.c, callee.c, caller.c) for the given types: calls
    with named parameters, or (va) variadic calls read with va_arg."""
    h = ["#include <stdio.h>", "#include <stdarg.h>"]
    helper = ['#include "t.h"']
    callee = ['#include "t.h"']
    caller = ['#include "t.h"', "int main(void) {"]
    for n in names:
        decl, ct, fields = ABI_TYPES[n]
        if decl:
            h.append(decl)
        h.append("typedef %s T_%s;" % (ct, n))
        h.append("T_%s mk_%s(int k); void show_%s(const char *w, const T_%s *v);" % (n, n, n, n))
        # helper: values and printing (gcc)
        if not decl:
            body = "return (T_%s)(%s);" % (n, {
                "p": "(char *)0 + 4096 * k + 17", "b": "k & 1", "f": "k * 1.375f - 3",
                "d": "k * 2.0625 - 7", "ld": "k * 3.03125L - 11",
                "i128": "(__int128)(k - 20) * 0x123456789abLL * 0x1000000 + k",
                "u128": "(unsigned __int128)k * 0x123456789abLL * 0x1000000 + k",
                "cf": "k * 1.5f + (k - 3) * 2.0if", "cd": "k * 1.25 + (k - 7) * 0.5i",
                "cld": "k * 1.125L + (k - 2) * 0.25iL"}.get(n, "k * 37 - 100"))
            if n.startswith("v"):
                body = "T_%s v = {k, 2 * k - 5}; return v;" % n
        else:
            sets = []
            for j, (fe, fmt, cast) in enumerate(fields):
                sets.append("v.%s = %s;" % (fe, "k * %d + %d" % (j + 3, j * 5 - 9)))
            body = "T_%s v; __builtin_memset(&v, 0, sizeof v); %s return v;" % (n, " ".join(sets))
        helper.append("T_%s mk_%s(int k) { %s }" % (n, n, body))
        prints = []
        for fe, fmt, cast in fields:
            acc = fe.replace("X", "*v") if "X" in fe else "*v" if not fe else "v->" + fe
            prints.append('printf(" %s", %s%s);' % (fmt, cast, acc))
        helper.append('void show_%s(const char *w, const T_%s *v) { printf("%%s", w); %s '
                      'printf("\\n"); }' % (n, n, " ".join(prints)))
        # callee: every position class, the return, va_arg
        ps = ", ".join("T_%s a%d, int i%d, double d%d" % (n, k, k, k) for k in range(8))
        shows = " ".join('show_%s("%s.a%d", &a%d); printf("i%d=%%d d%d=%%a\\n", i%d, d%d);'
                         % (n, n, k, k, k, k, k, k) for k in range(8))
        h.append("T_%s many_%s(%s);" % (n, n, ps))
        h.append("T_%s first_%s(T_%s a);" % (n, n, n))
        h.append("void va_%s(int n, ...);" % n)
        if va:
            _va_parts(n, callee, caller)
            continue
        callee.append("T_%s many_%s(%s) { %s return a5; }" % (n, n, ps, shows))
        callee.append("T_%s first_%s(T_%s a) { show_%s(\"%s.first\", &a); return a; }"
                      % (n, n, n, n, n))
        args = ", ".join("mk_%s(%d), %d, %d.5" % (n, k + 1, k * 3 - 4, k) for k in range(8))
        caller.append("  { T_%s r = many_%s(%s); show_%s(\"%s.ret\", &r); }" % (n, n, args, n, n))
        caller.append("  { T_%s r = first_%s(mk_%s(42)); show_%s(\"%s.ret1\", &r); }"
                      % (n, n, n, n, n))
    caller.append("  return 0;\n}")
    return "\n".join(h) + "\n", "\n".join(helper) + "\n", "\n".join(callee) + "\n", \
        "\n".join(caller) + "\n"


def _va_parts(n: str, callee: List[str], caller: List[str]) -> None:
    if n in ("c", "sc", "uc", "s", "us", "b", "f"):
        promoted = "double" if n == "f" else "int"
        getter = "T_%s x = (T_%s)va_arg(ap, %s);" % (n, n, promoted)
    else:
        getter = "T_%s x = va_arg(ap, T_%s);" % (n, n)
    callee.append("void va_%s(int n, ...) { va_list ap; va_start(ap, n); "
                  "for (int j = 0; j < n; j++) { %s double dd = va_arg(ap, double); "
                  "show_%s(\"%s.va\", &x); printf(\"dd=%%a\\n\", dd); } va_end(ap); }"
                  % (n, getter, n, n))
    vargs = ", ".join("mk_%s(%d), %d.25" % (n, k + 5, k) for k in range(9))
    caller.append("  va_%s(9, %s);" % (n, vargs))


def _lcc(args: List[str], cwd: Any) -> subprocess.CompletedProcess:
    import sys
    env = dict(os.environ)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "lcc", *args], cwd=str(cwd), env=env,
                          capture_output=True, text=True, timeout=300)


def mixed_link(tmp_path: Any, names: List[str], va: bool = False) -> Dict[str, str]:
    """Outputs of the four caller/callee combinations (g = gcc, l = lcc)."""
    h, helper, callee, caller = _mixed_sources(names, va)
    for fname, text in (("t.h", h), ("helper.c", helper), ("callee.c", callee),
                        ("caller.c", caller)):
        (tmp_path / fname).write_text(text)
    subprocess.run(["gcc", "-c", "-w", "helper.c"], cwd=str(tmp_path), check=True)
    objs = {}
    for part in ("callee", "caller"):
        subprocess.run(["gcc", "-c", "-w", "-fno-pie", part + ".c", "-o", part + ".g.o"],
                       cwd=str(tmp_path), check=True)
        p = _lcc(["-c", "-w", part + ".c", "-o", part + ".l.o"], tmp_path)
        if p.returncode != 0:
            if "not supported yet" in p.stderr or "not available yet" in p.stderr:
                pytest.xfail("lcc: " + p.stderr.strip().splitlines()[0])
            raise AssertionError("lcc failed on %s.c: %s" % (part, p.stderr))
        objs[part] = True
    outs: Dict[str, str] = {}
    for a in "gl":
        for b in "gl":
            exe = tmp_path / ("prog_" + a + b)
            subprocess.run(["gcc", "-no-pie", "caller.%s.o" % a, "callee.%s.o" % b, "helper.o",
                            "-o", str(exe)], cwd=str(tmp_path), check=True)
            p = subprocess.run([str(exe)], capture_output=True, text=True, timeout=10)
            outs[a + b] = p.stdout + ("exit %d\n" % p.returncode)
    return outs


def _first_diff(want: str, got: str) -> str:
    for i, (x, y) in enumerate(zip(want.splitlines(), got.splitlines())):
        if x != y:
            return "line %d: gcc %r, got %r" % (i + 1, x, y)
    return "lengths differ: %d vs %d lines" % (len(want.splitlines()), len(got.splitlines()))


GROUPS = [["c", "sc", "uc", "s", "us", "b"], ["i", "u", "l", "ul", "p"], ["f", "d"], ["ld"],
          ["s1", "s3", "s6", "s12", "s16"], ["sf", "sf3", "sdd"], ["sid", "sdi", "sfi"],
          ["sld", "big"], ["uif", "pk", "bf"], ["i128", "u128", "si128"],
          ["cf", "cd", "cld", "scf"], ["v4si", "v2sf", "v4df", "sa32"]]
ALL = [n for g in GROUPS for n in g]


@pytest.mark.parametrize("va", [False, True], ids=["named", "varargs"])
def test_mixed_calls_against_gcc(tmp_path: Any, va: bool) -> None:
    """Every type at once (the default run: two lcc compiles per case)."""
    _check_mixed(tmp_path, ALL, va)


@pytest.mark.abi
@pytest.mark.parametrize("va", [False, True], ids=["named", "varargs"])
@pytest.mark.parametrize("group", GROUPS, ids=["+".join(g) for g in GROUPS])
def test_mixed_calls_by_group(tmp_path: Any, group: List[str], va: bool) -> None:
    """The same per group of types, to narrow a failure down (-m abi)."""
    _check_mixed(tmp_path, group, va)


def _check_mixed(tmp_path: Any, group: List[str], va: bool) -> None:
    outs = mixed_link(tmp_path, group, va)
    ref = outs["gg"]
    assert ref.endswith("exit 0\n") and len(ref.splitlines()) > 9 * len(group)
    bad = ["%s: %s" % (combo, _first_diff(ref, out)) for combo, out in outs.items()
           if out != ref]
    assert not bad, "\n".join(bad)


# ------------------------------------------------------- whole programs
PROGRAMS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "x86_abi")
PROGRAMS = sorted(f for f in os.listdir(PROGRAMS_DIR) if f.endswith(".c"))


@pytest.mark.parametrize("name", PROGRAMS)
def test_program_against_gcc(tmp_path: Any, name: str) -> None:
    """Programs in tests/x86_abi/ (struct returns used and unused, long
    double calls, K&R and unprototyped functions, function pointers,
    variadic printf with every class, alloca between calls): lcc's binary
    prints what gcc's prints."""
    src = os.path.join(PROGRAMS_DIR, name)
    g = str(tmp_path / "g")
    subprocess.run(["gcc", "-O0", "-w", src, "-o", g], check=True)
    want = subprocess.run([g], capture_output=True, text=True, timeout=10)
    p = _lcc(["-w", src, "-o", str(tmp_path / "l")], tmp_path)
    assert p.returncode == 0, p.stderr
    got = subprocess.run([str(tmp_path / "l")], capture_output=True, text=True, timeout=10)
    assert (got.stdout, got.returncode) == (want.stdout, want.returncode)
    assert want.stdout.count("\n") >= 3
