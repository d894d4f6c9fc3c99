"""Wrong-code cases that `tools.conformance --reduce` shrank (run mode and
csmith) into tests/reduced/run/: lcc's program must behave as gcc's.

Each file's header names the target and mode, `options:` (the test's
dg-options and the -O level) and `action:`. Run mode: both programs must
exit 0 (for `action: compile`, from the compile/ suite: lcc must compile
the file as gcc does) (gcc's does, the reducer checked it). csmith: both must print the
same checksum. A header line `XFAIL: <why>` marks a known open lcc bug:
the test is a strict xfail, so fixing the bug makes it fail until the line
is removed.
"""
from __future__ import annotations

import glob
import os
import re
import subprocess
from typing import List, Tuple

import pytest

from lcc import driver

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = sorted(glob.glob(os.path.join(HERE, "reduced", "run", "*.c")))
_HEADER = re.compile(r"\((\w+), (run|csmith)\)")
CSMITH_INCLUDE = "/usr/include/csmith"


def _header(path: str) -> Tuple[str, str, List[str], str, str]:
    with open(path, encoding="latin-1") as f:
        head = f.read(2000)
    head = head[:head.find("*/")]
    m = _HEADER.search(head)
    assert m, f"{path}: header does not name the target and mode"
    opts = re.search(r"^\s*options:(.*)$", head, re.M)
    action = re.search(r"^\s*action:\s*(\w+)", head, re.M)
    xfail = re.search(r"^\s*XFAIL:\s*(.*)$", head, re.M)
    return (m.group(1), m.group(2), opts.group(1).split() if opts else [],
            action.group(1) if action else "run", xfail.group(1).strip() if xfail else "")


def _run(exe: str) -> Tuple[int, str]:
    p = subprocess.run([exe], capture_output=True, text=True, timeout=30,
                       stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout


@pytest.mark.parametrize("path", CASES, ids=[os.path.basename(p) for p in CASES])
def test_reduced_program_behaves_as_with_gcc(path, tmp_path, capsys, request):
    target, mode, options, action, xfail = _header(path)
    assert target == "x86_64", "only x86_64 generates code so far"
    if xfail:
        request.applymarker(pytest.mark.xfail(reason=xfail, strict=True))
    extra = ["-I", CSMITH_INCLUDE] if mode == "csmith" else []
    if mode == "run" and action not in ("run", "link"):
        # A compile/ test: code generation must succeed as gcc's does.
        subprocess.run(["gcc", "-w", "-c"] + options + [path, "-o", str(tmp_path / "g.o")],
                       check=True)
        code = driver.main(["-w", "-c"] + options + [path, "-o", str(tmp_path / "l.o")])
        assert code == 0, capsys.readouterr().err
        return
    gexe, lexe = str(tmp_path / "g"), str(tmp_path / "l")
    subprocess.run(["gcc", "-w"] + options + extra + [path, "-lm", "-o", gexe], check=True)
    code = driver.main(["-w"] + options + extra + [path, "-lm", "-o", lexe])
    err = capsys.readouterr().err
    assert code == 0, err
    want, got = _run(gexe), _run(lexe)
    if mode == "run":
        assert want[0] == 0
        assert got[0] == 0, f"lcc's program: exit status {got[0]}"
    else:
        assert got == want
