"""Regression tests: the cases `tools.conformance --reduce` shrank into
tests/reduced/. Each file's header names the target and the mode it failed
in; each must now agree with gcc in that mode."""
from __future__ import annotations

import glob
import os
import re
import subprocess

import pytest

from lcc import driver
from lcc.target import get_target

from test_preprocess_compare import compare

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = sorted(glob.glob(os.path.join(HERE, "reduced", "*.c")))
_HEADER = re.compile(r"\((\w+), (syntax|preprocess)\)")


def test_cases_exist() -> None:
    assert CASES


@pytest.mark.parametrize("path", CASES, ids=[os.path.basename(p) for p in CASES])
def test_reduced_case_agrees_with_gcc(path: str, capsys: pytest.CaptureFixture) -> None:
    with open(path, encoding="utf-8") as f:
        m = _HEADER.search(f.read(400))
    assert m, f"{path}: header does not name the target and mode"
    target, mode = m.group(1), m.group(2)
    if mode == "preprocess":
        assert compare(path, target) is None
        return
    gcc = subprocess.run([get_target(target).gcc, "-fsyntax-only", "-w", path],
                         capture_output=True, check=False)
    code = driver.main([f"--target={target}", "-fsyntax-only", "-w", path])
    capsys.readouterr()
    assert (code == 0) == (gcc.returncode == 0)
