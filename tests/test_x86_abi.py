"""The SysV x86-64 ABI code (lcc/target/x86_64/abi*.py) against gcc.

Classification: gcc compiles calls passing random structs to an assembly
routine that records every argument register and the stack; where each
eightbyte of the struct landed (a gpr, the low or high half of an xmm,
the stack) must be what `abi.classify` says.
"""
from __future__ import annotations

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
