"""Type rules checked against gcc: the type of expressions (promotions, usual
arithmetic conversions, shifts, conditionals, pointer arithmetic) and the
sizes and alignments of types, per target.

gcc is the oracle: a generated program prints, for each expression, which
candidate type it has (via _Generic); lcc must then accept a program of
`_Static_assert(__builtin_types_compatible_p(__typeof__(e), T))` built from
those answers, and reject one that claims a wrong type.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from lcc import driver

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

try:
    from lcc import parse as _parse  # noqa: F401
    HAVE_PARSER = hasattr(_parse, "parse")
except ImportError:  # pragma: no cover
    HAVE_PARSER = False

needs_parser = pytest.mark.skipif(not HAVE_PARSER, reason="lcc.parse is not built yet")

ARITH = ["_Bool", "char", "signed char", "unsigned char", "short", "unsigned short", "int",
         "unsigned int", "long", "unsigned long", "long long", "unsigned long long",
         "__int128", "unsigned __int128", "float", "double", "long double",
         "enum En", "enum Ep", "_Complex float", "_Complex double", "_Complex long double"]
PRELUDE = "enum En { EN_A = -1, EN_B }; enum Ep { EP_A, EP_B };\n"
OPS = ["+", "*", "/", "-"]
INT_OPS = ["%", "&", "<<", ">>", "|"]


def _lcc(src: str, tmp_path, target: str = "x86_64", extra=()) -> tuple:
    path = tmp_path / "t.c"
    path.write_text(src)
    import io
    import contextlib
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = driver.main(["--target=" + target, "-fsyntax-only", *extra, str(path)])
    return code, err.getvalue()


def _gcc_types(exprs, tmp_path) -> list:
    """For each expression, the index in ARITH of its type, as gcc says."""
    assoc = ", ".join(f"{t}: {i}" for i, t in enumerate(ARITH) if not t.startswith("enum"))
    body = "\n".join(f'printf("%d\\n", _Generic(({e}), {assoc}, default: -1));'
                     for e in exprs)
    src = f"#include <stdio.h>\n{PRELUDE}int main(void) {{\n{body}\nreturn 0; }}\n"
    c = tmp_path / "g.c"
    c.write_text(src)
    exe = tmp_path / "g"
    subprocess.run(["gcc", "-w", "-o", str(exe), str(c)], check=True)
    out = subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def _exprs():
    out = []
    for a in ARITH:
        for b in ARITH:
            out.append(f"({a})1 + ({b})1")
    for a in ARITH:
        if "float" in a or "double" in a:
            continue
        for b in ("char", "int", "unsigned int", "long", "unsigned long long", "_Bool"):
            for op in INT_OPS:
                out.append(f"({a})1 {op} ({b})1")
    for a in ARITH:
        out += [f"-({a})1", f"+({a})1", f"!({a})1", f"1 ? ({a})1 : (char)2",
                f"0 ? ({a})1 : 2u"]
        if "_Complex" not in a:
            out.append(f"({a})1 < 2")
        if "float" not in a and "double" not in a:
            out.append(f"~({a})1")
    return out


@needs_parser
@pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc")
def test_expression_types_match_gcc(tmp_path):
    exprs = _exprs()
    types = _gcc_types(exprs, tmp_path)
    assert len(types) == len(exprs)
    lines = [PRELUDE]
    n = 0
    for e, i in zip(exprs, types):
        assert i >= 0, e
        t = ARITH[i]
        lines.append(f'_Static_assert(__builtin_types_compatible_p(__typeof__({e}), {t}), '
                     f'"{e} has type {t}");')
        n += 1
    code, err = _lcc("\n".join(lines) + "\n", tmp_path)
    assert code == 0, err[:3000]
    assert n > 500


@needs_parser
def test_wrong_type_claim_is_rejected(tmp_path):
    src = PRELUDE + '_Static_assert(__builtin_types_compatible_p(__typeof__((char)1 + (char)1),' \
                    ' char), "promoted");\n'
    code, err = _lcc(src, tmp_path)
    assert code == 1
    assert "static assertion failed" in err


SIZE_TYPES = ["_Bool", "char", "short", "int", "long", "long long", "__int128", "float",
              "double", "long double", "void *", "_Complex double", "_Complex long double",
              "__builtin_va_list", "struct { char c; long double d; }",
              "struct { char c; int b : 3; char d; }", "struct { char c; int : 3; char d; }",
              "struct { char c; int : 0; char d; }", "struct { char c; long long x : 33; }",
              "struct __attribute__((packed)) { char a; int b : 4; long c; }",
              "struct { char c; __int128 x : 70; }", "union { char c[5]; short s; }",
              "struct { short s; char c[]; }", "struct { char c; _Alignas(16) char d; }",
              "struct { char a; int x __attribute__((aligned(8))); }",
              "struct { char a : 1; long : 0; char b; }", "struct { _Bool b : 1; char c : 7; }",
              "enum Big"]
SIZE_PRELUDE = "enum Big { BIG = 0x100000000 };\n"


def _gcc_sizes(target_gcc: str, tmp_path) -> list:
    vals = []
    for t in SIZE_TYPES:
        vals.append(f"sizeof({t})")
        vals.append(f"_Alignof({t})")
    src = SIZE_PRELUDE + "long v[] = {" + ", ".join(vals) + "};\n"
    c = tmp_path / "s.c"
    c.write_text(src)
    asm = subprocess.run([target_gcc, "-S", "-o", "-", str(c)], check=True, capture_output=True,
                         text=True).stdout
    return [int(x) for x in re.findall(r"\.(?:quad|dword|xword)\s+(-?\d+)", asm)]


@needs_parser
@pytest.mark.parametrize("target", ["x86_64", "aarch64", "riscv64"])
def test_sizes_and_alignments_match_gcc(target, tmp_path):
    from lcc.target import get_target
    gcc = get_target(target).gcc
    if shutil.which(gcc) is None:
        pytest.skip(f"{gcc} not installed")
    vals = _gcc_sizes(gcc, tmp_path)
    assert len(vals) == 2 * len(SIZE_TYPES)
    lines = [SIZE_PRELUDE]
    for k, t in enumerate(SIZE_TYPES):
        s, a = vals[2 * k], vals[2 * k + 1]
        lines.append(f'_Static_assert(sizeof({t}) == {s}, "sizeof {k}");')
        lines.append(f'_Static_assert(_Alignof({t}) == {a}, "alignof {k}");')
    code, err = _lcc("\n".join(lines) + "\n", tmp_path, target)
    assert code == 0, err[:3000]


BF_PRELUDE = ("struct B { unsigned u31 : 31; unsigned u32 : 32; int i5 : 5; "
              "unsigned long ul33 : 33; unsigned long ul20 : 20; _Bool b : 1; "
              "long long ll40 : 40; unsigned char uc3 : 3; } bb;\n"
              "int *ip; const int *cip; void *vp; const void *cvp; int (*fp)(void); "
              "int arr[4]; char carr[3];\n")
BF_EXPRS = ["bb.u31 + 0", "bb.u32 + 0", "bb.i5 + 0", "bb.ul33 + 0", "bb.ul20 + 0", "bb.b + 0",
            "bb.ll40 + 0", "bb.uc3 + 0", "-bb.u31", "~bb.ul20", "bb.u31 << 1", "bb.uc3 * 2u",
            "1 ? ip : cip", "1 ? ip : vp", "1 ? cip : vp", "1 ? vp : cvp", "1 ? ip : 0",
            "1 ? 0 : cvp", "ip - ip", "ip + 1", "arr + 1", "&arr[1]", "carr", "&*ip",
            "sizeof arr", "fp == 0", "ip < cip", "(char)1 ? 2 : 3L", "arr[1]++", "--bb.i5",
            "bb.i5 = 3", "ip += 2", "(void)0, 1.0f", "'a'", "L'a'", "u'a'", "1 ? 2.0f : 'c'",
            "1 ? bb.u31 : 0u", "bb.u32 < bb.i5", "0 ? bb.ul33 : bb.uc3", "bb.ll40 > 1u"]
PTR_CANDIDATES = ["int *", "const int *", "void *", "const void *", "char *", "long",
                  "unsigned long", "int", "unsigned int", "long long", "unsigned long long",
                  "double", "float", "char", "short", "unsigned short"]


@needs_parser
@pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc")
def test_bitfield_and_pointer_expression_types_match_gcc(tmp_path):
    assoc = ", ".join(f"{t}: {i}" for i, t in enumerate(PTR_CANDIDATES))
    body = "\n".join(f'printf("%d\\n", _Generic(({e}), {assoc}, default: -1));'
                     for e in BF_EXPRS)
    src = f"#include <stdio.h>\n{BF_PRELUDE}int main(void) {{\n{body}\nreturn 0; }}\n"
    c = tmp_path / "g.c"
    c.write_text(src)
    exe = tmp_path / "g"
    subprocess.run(["gcc", "-w", "-o", str(exe), str(c)], check=True)
    out = subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout
    idx = [int(x) for x in out.split()]
    lines = [BF_PRELUDE, "void f(void) {"]
    for e, i in zip(BF_EXPRS, idx):
        if i < 0:
            continue   # a type outside the candidates (e.g. an array): not checked here
        t = PTR_CANDIDATES[i]
        lines.append(f'_Static_assert(_Generic(({e}), {t}: 1, default: 0), "{e} is {t}");')
    lines.append("}")
    assert sum(1 for i in idx if i >= 0) > 30
    code, err = _lcc("\n".join(lines) + "\n", tmp_path)
    assert code == 0, err[:3000]
