"""The data printer (lcc/target/x86_64/data.py) against gcc: a C file of
file-scope objects goes through lcc's front end and lcc/ir/data.py, the
printed text is assembled by GNU as, and every named object must sit in
gcc's object file the same way: same bytes, same size, binding, symbol
type, section name, alignment of the section, same relocation targets."""
from __future__ import annotations

import shutil
import subprocess
from typing import Any, Dict, Tuple

import pytest

from lcc.target.x86_64.data import emit_data
from tests.test_data import Elf, lcc_module

pytestmark = pytest.mark.skipif(shutil.which("gcc") is None or shutil.which("as") is None,
                                reason="needs gcc and as")


def _sym_info(elf: Elf, name: str) -> Tuple[Any, ...]:
    for s in elf.symbols:
        if s[0] == name:
            sname, shndx, value, size, info = s
            if shndx == 0xFFF2:        # SHN_COMMON: value is the alignment
                return ("common", size, value, info >> 4, info & 0xF)
            sec = elf.names[shndx] if 0 < shndx < 0xFF00 else shndx
            return (sec, size, info >> 4, info & 0xF)
    return ("missing",)


def _content(elf: Elf, name: str) -> bytes:
    for s in elf.symbols:
        if s[0] == name and 0 < s[1] < 0xFF00:
            return elf.content(s[1])[s[2]:s[2] + s[3]]
    return b""


def _relocs(elf: Elf, name: str) -> list:
    """(offset in the object, target symbol or section+offset) pairs."""
    for s in elf.symbols:
        if s[0] == name and 0 < s[1] < 0xFF00:
            shndx, value, size = s[1], s[2], s[3]
            out = []
            for r_off, sym, typ, addend in elf.relocs.get(shndx, []):
                if value <= r_off < value + size:
                    tname, tsh, tval, _, tinfo = elf.symbols[sym]
                    if tinfo & 0xF == 3 or tname.startswith(".L"):
                        # a section symbol (or a local label): name the
                        # bytes it points at, anonymous strings differ in name
                        tgt: Any = ("bytes", elf.content(tsh)[tval + addend:tval + addend + 8])
                    else:
                        tgt = (tname, addend)
                    out.append((r_off - value, typ, tgt))
            return sorted(out)
    return []


def _section_aligns(elf: Elf) -> Dict[str, int]:
    return {n: sh[8] for n, sh in zip(elf.names, elf.sh)}


def _compare(tmp_path: Any, src: str, extra: Tuple[str, ...] = (), fcommon: bool = False) -> int:
    c = tmp_path / "t.c"
    c.write_text(src)
    go = tmp_path / "gcc.o"
    flags = ["-fcommon"] if fcommon else []
    subprocess.run(["gcc", "-c", "-O0", "-w", "-fno-pie", *flags, *extra, str(c), "-o", str(go)],
                   check=True)
    module = lcc_module(str(c), extra + (("-fcommon",) if fcommon else ()))
    text = emit_data(module)
    s = tmp_path / "lcc.s"
    s.write_text(text)
    lo = tmp_path / "lcc.o"
    subprocess.run(["as", str(s), "-o", str(lo)], check=True)
    gelf = Elf(go.read_bytes())
    lelf = Elf(lo.read_bytes())
    galign = _section_aligns(gelf)
    lalign = _section_aligns(lelf)
    checked = 0
    for item in module.data:
        if item.name.startswith(".L"):
            continue
        gi = _sym_info(gelf, item.name)
        li = _sym_info(lelf, item.name)
        assert li == gi, (item.name, li, gi, text)
        assert _content(lelf, item.name) == _content(gelf, item.name), item.name
        assert _relocs(lelf, item.name) == _relocs(gelf, item.name), item.name
        if gi[0] != "common" and isinstance(gi[0], str):
            assert lalign[gi[0]] >= galign[gi[0]] or lalign[gi[0]] >= item.align, item.name
        checked += 1
    for d in module.directives:
        # aliases, weak references and visibility of symbols with no item
        gi = _sym_info(gelf, d[1])
        assert _sym_info(lelf, d[1]) == gi, (d, text)
        checked += 1
    assert ".note.GNU-stack" in lelf.names
    return checked


def test_scalars_sections_bindings(tmp_path: Any) -> None:
    src = r"""
char c = -3; short s = -1234; int i = 0x12345678; long l = -5;
float f = 0.1f; double d = 0.1; long double ld = 0.1L; __int128 i128 = -2;
_Complex double cd = 1.5 + 2.0i;
int zero = 0; static int st = 9; const int ci = 4; const char msg[] = "hi\n\"\\\x01\xff";
int arr[100]; static char buf[33]; int big[5] = {1, 2, 3};
__thread int tl = 5; __thread int tz; static __thread long tls2[4];
int *use(void) { static int local = 3; st++; buf[0]++; tls2[0]++; return &local; }
"""
    assert _compare(tmp_path, src) >= 15


def test_addresses_and_strings(tmp_path: Any) -> None:
    src = r"""
int x[10]; int *px = &x[3]; int *pneg = &x[0] - 2; char *str = "hello";
const char *strs[] = {"a", "bc", 0, "hello"};
struct S { int a; char *p; long l; short sh; } s = {1, "zz", -7, 3};
struct S sa[2] = {{1, 0, 2, 3}, {4, "q", 5, 6}};
void f(void); void (*fp)(void) = f; long addr = (long)&x;
int y __attribute__((aligned(64))) = 1; char z __attribute__((section(".mydata"))) = 2;
const int csec __attribute__((section(".rodata.mine"))) = 3;
"""
    assert _compare(tmp_path, src) >= 10


def test_weak_alias_common_visibility(tmp_path: Any) -> None:
    src = r"""
int w __attribute__((weak)) = 4;
int target = 1;
extern int al __attribute__((alias("target")));
int hid __attribute__((visibility("hidden"))) = 6;
int com;
extern int wref __attribute__((weak));
int *use(void) { return &wref; }
"""
    assert _compare(tmp_path, src, fcommon=True) >= 4


def test_bitfields_and_padding(tmp_path: Any) -> None:
    src = r"""
struct B { unsigned a : 3; int b : 7; char c; long long d : 40; } b = {5, -3, 'x', 123456789};
union U { char c; double d; } u = {'a'};
struct P { char c; double d; } __attribute__((packed)) p = {1, 2.5};
struct { int n; int tail[]; } fam = {2, {7, 8}};
"""
    assert _compare(tmp_path, src) >= 4
