"""GNU variably modified structs and unions (members of variable size,
lcc/ir/lower_vm.py) against gcc: each program in tests/vla_members/ is
built by gcc and by lcc, both are run, and their output and exit status
must be equal. interop.c checks the calling convention for arguments of
variable size (passed by invisible reference) with gcc's callees and
lcc's caller, and the other way round."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import Any, List

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DIR = os.path.join(HERE, "vla_members")
PROGRAMS = ["layout.c", "nested.c", "passing.c"]

pytestmark = pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc")


def _run(cmd: List[str], **kw: Any) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)


def _lcc(args: List[str]) -> None:
    env = dict(os.environ, PYTHONPATH=ROOT)
    r = _run([sys.executable, "-m", "lcc", "-w"] + args, env=env)
    assert r.returncode == 0, r.stderr


def _gcc(args: List[str]) -> None:
    r = _run(["gcc", "-w", "-O0"] + args)
    assert r.returncode == 0, r.stderr


def _same_behaviour(want_exe: str, got_exe: str) -> None:
    want, got = _run([want_exe]), _run([got_exe])
    assert want.returncode == 0 and want.stdout, want.stderr
    assert got.stdout == want.stdout
    assert got.returncode == want.returncode


@pytest.mark.parametrize("name", PROGRAMS)
def test_program_against_gcc(tmp_path: Any, name: str) -> None:
    src = os.path.join(DIR, name)
    g, lc = str(tmp_path / "g"), str(tmp_path / "l")
    _gcc([src, "-o", g])
    _lcc([src, "-o", lc])
    _same_behaviour(g, lc)


def test_arguments_of_variable_size_interoperate_with_gcc(tmp_path: Any) -> None:
    src = os.path.join(DIR, "interop.c")
    objs = {}
    for part in ("1", "2"):
        go, lo = str(tmp_path / ("g%s.o" % part)), str(tmp_path / ("l%s.o" % part))
        _gcc(["-DPART=" + part, "-c", src, "-o", go])
        _lcc(["-DPART=" + part, "-c", src, "-o", lo])
        objs[part] = (go, lo)
    exes = {}
    for name, callee, caller in (("gg", 0, 0), ("gl", 0, 1), ("lg", 1, 0)):
        exe = str(tmp_path / name)
        _gcc([objs["1"][callee], objs["2"][caller], "-o", exe])
        exes[name] = exe
    _same_behaviour(exes["gg"], exes["gl"])   # lcc's caller, gcc's callees
    _same_behaviour(exes["gg"], exes["lg"])   # gcc's caller, lcc's callees
