"""lcc -E against gcc -E on whole corpora (slow tiers).

- `torture`: 320 execute tests and 320 compile tests spread over each suite,
  for x86_64 and aarch64 (tests/test_preprocess_compare.py has the default
  sample of 30 per target);
- `realcode`: sqlite3.c, shell.c and every Lua 5.4 .c file, for x86_64 and
  aarch64.
Run with `make torture` / `make realcode`, or
`pytest -m torture tests/test_preprocess_corpora.py`.
"""
from __future__ import annotations

import glob
import os
from typing import List

import pytest

import corpora
from test_preprocess_compare import _check, compare

TARGETS = ["x86_64", "aarch64"]


def _spread(suite: str, count: int) -> List[str]:
    try:
        tests = corpora.torture_tests(suite)
    except corpora.CorpusUnavailable:
        return []
    step = max(1, len(tests) // count)
    return tests[::step][:count]


_EXEC = _spread("execute", 320)
_COMP = _spread("compile", 320)


@pytest.mark.torture
@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("path", _EXEC + _COMP,
                         ids=[f"{os.path.basename(os.path.dirname(p))}/{os.path.basename(p)}"
                              for p in _EXEC + _COMP])
def test_torture(path: str, target: str) -> None:
    _check(path, target)


@pytest.mark.torture
def test_torture_sample_size() -> None:
    assert len(_EXEC) >= 300 and len(_COMP) >= 300


def _realcode() -> List[str]:
    files: List[str] = []
    try:
        d = corpora.sqlite_dir()
        files += [os.path.join(d, "sqlite3.c"), os.path.join(d, "shell.c")]
    except corpora.CorpusUnavailable:
        pass
    try:
        files += sorted(glob.glob(os.path.join(corpora.lua_dir(), "*.c")))
    except corpora.CorpusUnavailable:
        pass
    return files


_REAL = _realcode()


@pytest.mark.realcode
@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("path", _REAL, ids=[os.path.basename(p) for p in _REAL])
def test_realcode(path: str, target: str) -> None:
    assert compare(path, target) is None


@pytest.mark.realcode
def test_realcode_present() -> None:
    names = {os.path.basename(p) for p in _REAL}
    assert "sqlite3.c" in names and "lvm.c" in names, "corpora missing (see tests/corpora.py)"
