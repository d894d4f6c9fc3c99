"""lcc without binutils: with gcc, as and ld out of reach (a PATH that
holds none of them), `lcc hello.c && ./a.out` works in every link mode,
and the SQLite shell and Lua built that way behave as gcc's builds
(`-m realcode`). lcc's objects disassemble (objdump -d) to lcc's own -S
listing, instruction for instruction.

The oracles are gcc's build of the same program (its output) and GNU
objdump (reading lcc's objects)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from tests.elfcheck import assert_reads_cleanly
from tests.test_realprog import _realprog

ROOT = Path(__file__).resolve().parent.parent
HELLO = r'''
#include <stdio.h>
#include <string.h>
#include <math.h>
static __thread int counter = 3;
int main(int argc, char **argv) {
    printf("hello, world %d %s %.3f\n", counter++, argc > 1 ? argv[1] : "-", sqrt(2.0));
    return (int)strlen("xyz") + counter;
}
'''
# A PATH where no compiler, assembler or linker can be found.
EMPTY_PATH = "/nonexistent-lcc-test-path"

pytestmark = pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc is the oracle")


def _lcc_hidden(args: List[str], cwd: Path) -> subprocess.CompletedProcess:
    """lcc run with nothing on PATH (it must not need gcc, as or ld)."""
    env = dict(os.environ, PATH=EMPTY_PATH, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "lcc"] + args, cwd=str(cwd), env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)


def _run(exe: Path) -> tuple:
    p = subprocess.run([str(exe), "arg"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=60)
    return p.returncode, p.stdout, p.stderr


@pytest.mark.parametrize("mode", [[], ["-no-pie"], ["-static"]],
                         ids=["pie", "no-pie", "static"])
def test_hello_without_binutils(tmp_path: Path, mode: List[str]) -> None:
    src = tmp_path / "hello.c"
    src.write_text(HELLO)
    subprocess.run(["gcc", "-w", str(src), "-o", str(tmp_path / "ref"), "-lm"] + mode,
                   check=True)
    p = _lcc_hidden(["-fintegrated-as", "hello.c", "-lm"] + mode, tmp_path)
    assert p.returncode == 0, p.stderr.decode()
    assert _run(tmp_path / "a.out") == _run(tmp_path / "ref")
    assert_reads_cleanly(tmp_path / "a.out")


def test_separate_objects_without_binutils(tmp_path: Path) -> None:
    """-c then link, and an lcc object linked with a gcc object."""
    (tmp_path / "main.c").write_text('#include <stdio.h>\nint twice(int);\n'
                                     'int main(void){ printf("%d\\n", twice(21)); return 0; }\n')
    (tmp_path / "lib.c").write_text("int twice(int x) { return 2 * x; }\n")
    subprocess.run(["gcc", "-c", "lib.c", "-o", "gcclib.o"], cwd=str(tmp_path), check=True)
    for args in (["-c", "main.c"], ["-c", "lib.c"], ["main.o", "lib.o", "-o", "both"],
                 ["main.o", "gcclib.o", "-o", "mixed"]):
        p = _lcc_hidden(["-fintegrated-as"] + args, tmp_path)
        assert p.returncode == 0, (args, p.stderr.decode())
    for exe in ("both", "mixed"):
        out = subprocess.run([str(tmp_path / exe)], stdout=subprocess.PIPE, check=True).stdout
        assert out == b"42\n"
    for f in ("main.o", "lib.o", "both", "mixed"):
        assert_reads_cleanly(tmp_path / f)


def _listing_insns(asm: str) -> List[str]:
    """The instructions of lcc's -S text: mnemonics, in order."""
    out: List[str] = []
    for line in asm.splitlines():
        line = line.split("#", 1)[0].strip()
        for stmt in line.split(";"):
            stmt = stmt.strip()
            if not stmt or stmt.endswith(":") or stmt.startswith("."):
                continue
            out.append(stmt.split()[0])
    return out


_OBJDUMP_LINE = re.compile(r"^\s*[0-9a-f]+:\s+(\S.*)$")


def _objdump_insns(obj: Path) -> List[str]:
    text = subprocess.run(["objdump", "-d", "--no-show-raw-insn", str(obj)],
                          stdout=subprocess.PIPE, check=True).stdout.decode()
    out: List[str] = []
    for line in text.splitlines():
        m = _OBJDUMP_LINE.match(line)
        if m:
            out.append(m.group(1).split()[0])
    return out


def _same_mnemonic(listed: str, dumped: str) -> bool:
    """AT&T spellings differ only in the size suffix objdump leaves off
    when a register operand implies it, and in a few aliases."""
    listed = listed.replace("_", "")           # rep_movsb
    if listed == dumped or listed.rstrip("*") == dumped:
        return True
    aliases = {"cqto": "cqo", "cltd": "cltd", "movabsq": "movabs"}
    if aliases.get(listed) == dumped:
        return True
    return listed[:-1] == dumped and listed[-1] in "bwlq"


@pytest.mark.skipif(shutil.which("objdump") is None, reason="objdump is the oracle")
@pytest.mark.parametrize("name", ["hello", "switch"])
def test_objdump_matches_listing(tmp_path: Path, name: str) -> None:
    src = tmp_path / (name + ".c")
    src.write_text(HELLO if name == "hello" else
                   "int f(int x){switch(x){case 0:return 5;case 1:return 7;case 2:return 9;"
                   "case 3:return 11;case 4:return 2;}return x*3;}\n"
                   "long double g(long double a, int n){while(n--) a = a * 2 + f(n); return a;}\n"
                   "int main(void){return (int)g(1.5L, 4) & 0x7f;}\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for args in (["-S", "-o", "out.s"], ["-fintegrated-as", "-c", "-o", "out.o"]):
        subprocess.run([sys.executable, "-m", "lcc", "-O0"] + args + [src.name],
                       cwd=str(tmp_path), env=env, check=True)
    listed = _listing_insns((tmp_path / "out.s").read_text())
    # Alignment padding between functions is not in the listing.
    dumped = [m for m in _objdump_insns(tmp_path / "out.o")
              if m not in ("nop", "nopw", "nopl", "xchg", "cs", "data16")]
    assert len(listed) == len(dumped), (listed, dumped)
    bad = [(a, b) for a, b in zip(listed, dumped) if not _same_mnemonic(a, b)]
    assert not bad


# lcc with nothing on PATH, its own assembler and linker (gcc builds the
# reference in the same run, with the normal PATH).
_HIDDEN_LCC = "/usr/bin/env PATH=%s %s -m lcc -fintegrated-as" % (EMPTY_PATH, sys.executable)


@pytest.mark.realcode
def test_sqlite_without_binutils() -> None:
    assert _realprog("sqlite", "--cc", _HIDDEN_LCC) == 0


@pytest.mark.realcode
def test_lua_without_binutils() -> None:
    assert _realprog("lua", "--testes", "--cc", _HIDDEN_LCC) == 0
