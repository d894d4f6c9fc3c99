"""Inline asm (lcc/target/x86_64/inline_asm.py) against gcc: programs in
tests/x86_asm/ using asm statements with operands (every constraint kind,
modifiers, clobbers, named operands, asm goto, flag outputs) are compiled
by lcc and by gcc; the programs' output and exit status must agree."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import Any

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CASES = sorted(f for f in os.listdir(os.path.join(HERE, "x86_asm")) if f.endswith(".c"))

pytestmark = pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc")


def _run(exe: str) -> str:
    p = subprocess.run([exe], capture_output=True, text=True, timeout=10)
    return p.stdout + "exit %d\n" % p.returncode


@pytest.mark.parametrize("name", CASES)
def test_asm_program_against_gcc(tmp_path: Any, name: str) -> None:
    src = os.path.join(HERE, "x86_asm", name)
    g = str(tmp_path / "g")
    subprocess.run(["gcc", "-O0", "-w", src, "-o", g], check=True)
    want = _run(g)
    env = dict(os.environ)
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    l_exe = str(tmp_path / "l")
    p = subprocess.run([sys.executable, "-m", "lcc", "-w", src, "-o", l_exe], env=env,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert _run(l_exe) == want
    assert len(want.splitlines()) >= 2
