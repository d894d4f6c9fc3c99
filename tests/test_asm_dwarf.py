"""DWARF line tables built by lcc's assembler (lcc/asm/dwarf_line.py)
against GNU as.

Oracles: gcc writes `gcc -g -S` assembly (`.file`/`.loc` with views,
is_stmt, discriminators, its own .debug_info naming `.Ldebug_line0`);
GNU `as` and lcc's assembler both assemble it and
  1. `readelf --debug-dump=decodedline` (file, line, column, address,
     is_stmt, view) must be identical;
  2. the whole object must dump identically too (`objdump -dr`,
     `objdump -s`, `readelf -S -s -r -W`: the raw line program, the
     .debug_line_str strings and the relocations);
  3. end to end: the program linked from lcc-assembled objects by lcc's
     linker stops in gdb at the same source lines, with the same
     backtrace, as the GNU-built one.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from typing import Any, List

import pytest

from lcc.asm.assembler import assemble
from tests.test_asm import ROOT, _env, dump

HAVE_TOOLS = all(shutil.which(t) for t in ("gcc", "as", "objdump", "readelf"))
pytestmark = pytest.mark.skipif(not HAVE_TOOLS, reason="needs gcc and binutils as oracles")

HEADER = """\
static inline int sq(int v)
{
  return v * v;
}

static int clamp(int v, int lo, int hi)
{
  if (v < lo)
    return lo;
  if (v > hi)
    return hi;
  return v;
}
"""

# Several functions, code from a header, a loop whose body is too long for
# short jumps (relaxation moves the rows), a switch with a jump table, a
# recursive function and calls between them.
MAIN = """\
#include <stdio.h>
#include "util.h"

volatile int sink;

int sum_squares(int n)
{
  int s = 0;
  for (int i = 0; i < n; i++)
    s += sq(i);
  return s;
}

int long_loop(int n)
{
  int acc = 0;
  for (int i = 0; i < n; i++) {
    if (i & 1) {
      acc += i * 3; sink = acc; acc ^= sink << 1; sink = acc + 7;
      acc -= sink / 3; sink = acc * 5; acc += sink % 11; sink = acc;
      acc += i * 13; sink = acc; acc ^= sink << 2; sink = acc + 9;
    } else {
      acc -= i; sink = acc; acc += sink * 7; sink = acc - 3;
      acc += sink % 13; sink = acc; acc -= sink / 5; sink = acc + 1;
      acc += clamp(i, 2, 40);
    }
  }
  return acc;
}

const char *name(int k)
{
  switch (k) {
  case 0: return "zero";
  case 1: return "one";
  case 2: return "two";
  case 3: return "three";
  case 4: return "four";
  case 5: return "five";
  case 6: return "six";
  default: return "many";
  }
}

int fact(int n)
{
  if (n <= 1)
    return 1;
  return n * fact(n - 1);
}

int main(void)
{
  int a = sum_squares(5);
  int b = long_loop(9);
  printf("%d %d %s %d\\n", a, b, name(a % 8), fact(5));
  return clamp(a, 0, 3);
}
"""

FLAGS = [["-O0"], ["-O2"], ["-O2", "-ffunction-sections"], ["-O0", "-gdwarf-4"],
         ["-O2", "-gdwarf-4"]]


def _write(tmp: str) -> str:
    with open(os.path.join(tmp, "util.h"), "w") as f:
        f.write(HEADER)
    src = os.path.join(tmp, "prog.c")
    with open(src, "w") as f:
        f.write(MAIN)
    return src


def _gcc_s(src: str, flags: List[str], out: str) -> None:
    subprocess.run(["gcc", "-g", "-S", "-w"] + flags + [src, "-o", out], check=True,
                   cwd=os.path.dirname(src))


def _both(s: str, name: str) -> tuple:
    """(GNU as's object, lcc's object) of assembly file s."""
    d = os.path.dirname(s)
    gas_o = os.path.join(d, name + ".gas.o")
    lcc_o = os.path.join(d, name + ".lcc.o")
    subprocess.run(["as", "--64", s, "-o", gas_o], check=True)
    with open(s) as f:
        text = f.read()
    with open(lcc_o, "wb") as f:
        f.write(assemble(text, s))
    return gas_o, lcc_o


def _readelf(kind: str, obj: str) -> str:
    out = subprocess.run(["readelf", "--debug-dump=" + kind, obj], capture_output=True,
                         text=True, check=True).stdout
    return out.replace(obj, "OBJ")


@pytest.mark.parametrize("flags", FLAGS, ids=lambda f: "".join(f))
def test_line_table_matches_gas(tmp_path: Any, flags: List[str]) -> None:
    tmp = str(tmp_path)
    s = os.path.join(tmp, "prog.s")
    _gcc_s(_write(tmp), flags, s)
    gas_o, lcc_o = _both(s, "prog")
    want = _readelf("decodedline", gas_o)
    assert want.count("prog.c") > 20 and "util.h" in want, "gcc -g gave no line table"
    assert _readelf("decodedline", lcc_o) == want
    sections = subprocess.run(["readelf", "-S", "-W", lcc_o], capture_output=True,
                              text=True).stdout
    assert ".debug_line " in sections
    assert (".debug_line_str" in sections) == ("-gdwarf-4" not in flags)
    # the raw program, strings, relocations and the code itself
    assert dump(lcc_o).replace(lcc_o, "OBJ") == dump(gas_o).replace(gas_o, "OBJ")


HAND = """\
	.file 0 "/tmp/d" "m.c" md5 0x00112233445566778899aabbccddeeff
	.file 1 "m.c" md5 0x00112233445566778899aabbccddeeff
	.file 2 "/usr/include/k.h"
	.file 3 "/tmp" "sub/x.h"
	.text
	.loc 1 1 0
	nop
	.loc 2 700 0 discriminator 3
	nop
	.loc 1 1 0 prologue_end basic_block epilogue_begin isa 0
	nop
	.loc 1 3 0 view 0
	.loc 1 300 0 view .LVU1
	.long .LVU1, .LVU2
	.loc 1 4 0
	.section .text.b,"ax",@progbits
	.p2align 4
	nop
	.fill 300,1,0x90
	.loc 3 1 2 view -0
	.loc 1 40 2 view .LVU2
	jmp 1f
	.fill 200,1,0x90
1:	.loc 1 41 2
	.p2align 5
	ret
	.text
	.fill 20,1,0x90
	.loc 1 50 2
	nop
	.fill 2000,1,0x90
	.loc 1 51 2 is_stmt 0
	nop
	.loc_mark_labels 1
m1:	nop
	.loc 1 60 0 discriminator 4
.Lm2:
	nop
	.loc_mark_labels 0
m3:	nop
	.section .debug_line,"",@progbits
.Ldebug_line0:
	.section .debug_info,"",@progbits
	.long .Ldebug_line0
"""


def test_directive_forms_match_gas(tmp_path: Any) -> None:
    """Options gcc rarely writes: md5, a directory given apart, isa,
    discriminator, basic_block, epilogue_begin, view symbols read as data,
    a pending row carried into another section, far address advances,
    rows at labels (.loc_mark_labels)."""
    s = os.path.join(str(tmp_path), "hand.s")
    with open(s, "w") as f:
        f.write(HAND)
    gas_o, lcc_o = _both(s, "hand")
    for kind in ("decodedline", "rawline"):
        assert _readelf(kind, lcc_o) == _readelf(kind, gas_o)
    assert dump(lcc_o).replace(lcc_o, "OBJ") == dump(gas_o).replace(gas_o, "OBJ")


HAND_V3 = """\
	.file 1 "sub/a.s"
	.file 2 "b.inc"
	.text
f:	.loc 1 3 0
	pushq %rbp
	.loc 2 10 4
	popq %rbp
	.loc 1 5 0
	ret
"""


@pytest.mark.parametrize("which", ["dwarf5-ranges", "dwarf3-one-section"])
def test_unit_of_hand_written_source_matches_gas(tmp_path: Any, which: str) -> None:
    """`.loc` without a .debug_info of the source's: GNU describes the unit
    (.debug_info, .debug_abbrev, .debug_aranges, .debug_str, ranges)."""
    text = HAND[:HAND.index("\t.section .debug_line")] if which == "dwarf5-ranges" else HAND_V3
    s = os.path.join(str(tmp_path), "unit.s")
    with open(s, "w") as f:
        f.write(text)
    gas_o, lcc_o = _both(s, "unit")
    assert "DW_TAG_compile_unit" in subprocess.run(["readelf", "-wi", gas_o],
                                                   capture_output=True, text=True).stdout
    assert _readelf("decodedline", lcc_o) == _readelf("decodedline", gas_o)
    assert dump(lcc_o).replace(lcc_o, "OBJ") == dump(gas_o).replace(gas_o, "OBJ")


def test_unit_without_code_matches_gas(tmp_path: Any) -> None:
    """gcc -g of data alone: no rows, yet GNU writes the line table header
    (its .debug_info names it)."""
    tmp = str(tmp_path)
    src = os.path.join(tmp, "data.c")
    with open(src, "w") as f:
        f.write("int x = 3;\nconst char *s = \"hi\";\n")
    s = os.path.join(tmp, "data.s")
    _gcc_s(src, [], s)
    gas_o, lcc_o = _both(s, "data")
    assert "DWARF Version:               5" in _readelf("rawline", gas_o)
    assert _readelf("rawline", lcc_o) == _readelf("rawline", gas_o)
    assert dump(lcc_o).replace(lcc_o, "OBJ") == dump(gas_o).replace(gas_o, "OBJ")


# -- end to end: gdb on the linked program ---------------------------------------

def _gdb_stops(exe: str, where: List[str]) -> List[str]:
    args = ["gdb", "-batch", "-nx"]
    for w in where:
        args += ["-ex", "break " + w]
    args += ["-ex", "run"] + ["-ex", "bt", "-ex", "continue"] * len(where)
    p = subprocess.run(args + [exe], capture_output=True, text=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    out = []
    for line in p.stdout.splitlines():
        # frames and stops, without code addresses (the linkers differ)
        if re.match(r"(#\d|Breakpoint \d+,)", line):
            out.append(re.sub(r"0x[0-9a-f]+ in ", "", line))
    return out


@pytest.mark.skipif(shutil.which("gdb") is None, reason="gdb is not installed")
def test_gdb_stops_at_same_lines(tmp_path: Any) -> None:
    tmp = str(tmp_path)
    src = _write(tmp)
    s = os.path.join(tmp, "prog.s")
    _gcc_s(src, ["-O0"], s)
    gas_o, lcc_o = _both(s, "prog")
    gas_exe = os.path.join(tmp, "prog.gas")
    lcc_exe = os.path.join(tmp, "prog.lcc")
    subprocess.run(["gcc", gas_o, "-o", gas_exe], check=True)
    link = subprocess.run([sys.executable, "-m", "lcc", lcc_o, "-o", lcc_exe],
                          capture_output=True, text=True, env=_env(), cwd=ROOT)
    assert link.returncode == 0, link.stderr
    where = ["util.h:3", "prog.c:%d" % (MAIN.splitlines().index("  return n * fact(n - 1);") + 1),
             "name"]
    want = _gdb_stops(gas_exe, where)
    assert len(want) >= 3 * 2, want
    assert _gdb_stops(lcc_exe, where) == want
