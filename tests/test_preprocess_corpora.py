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
    assert compare(path, target, lines=True) is None


@pytest.mark.realcode
def test_realcode_present() -> None:
    names = {os.path.basename(p) for p in _REAL}
    assert "sqlite3.c" in names and "lvm.c" in names, "corpora missing (see tests/corpora.py)"


# ---- gcc's own preprocessor tests (gcc.dg/cpp), gcc -E as the oracle -------

GCC_SOURCE = "/usr/src/gcc-12/gcc-12.2.0-dfsg.tar.xz"
_CPP_PREFIX = "gcc-12.2.0/gcc/testsuite/gcc.dg/cpp/"

# Tests that need options lcc does not have (traditional mode, -C, -dD,
# charsets, ...) are not run.
_NEEDS_OPTIONS = ("traditional", "-C ", "-CC", "-P ", "-fdollars", "-fextended",
                  "-finput-charset", "-fexec-charset", "-ftrack", "-lang-asm",
                  "-x assembler", "-undef", "-dD", "-dM", "-dN", "-dI", "-dU",
                  "-fdirectives-only", "-fpreprocessed", "-A", "-H", "-fwide-exec",
                  "-fno-show-column", "-isysroot", "-iframework", "-M")

# Known differences from gcc, by cause (docs/preprocessor.md):
CPP_KNOWN = {
    # -std=iso9899:199409 is not a -std lcc's driver knows.
    "c94.c", "c94-pedantic.c", "digraph1.c",
    # C90 lexing: no `//` comments, no digraphs, C90 pp-numbers.
    "pr61854-1.c", "pr61854-4.c", "pr61854-5.c", "pr61854-7.c", "pr61854-c90.c",
    "digraph2.c", "pr23827_c90.c", "ucnid-4.c", "ucnid-5.c", "ucnid-6.c", "ucnid-6-utf8.c",
    "ucnid-7-utf8.c", "ucnid-10.c",
    # `#` keeps a digraph's spelling in gcc; lcc's tokens hold the plain form.
    "digraphs.c", "paste2.c",
    # `#` of an identifier with UCNs gives lcc's one spelling (\UXXXXXXXX):
    # the same characters, another spelling.
    "ucnid-2.c", "ucnid-2-utf8.c",
    # GCC assertions (#assert/#unassert) are not implemented.
    "assert1.c",
    # `#` spacing after empty macro expansions (gcc's padding tokens) and of
    # an invalid string; `x ## , ## __VA_ARGS__` with the comma elided.
    "strify2.c", "strify5.c", "pr30805.c",
    # #pragma GCC dependency without a file name is not diagnosed.
    "pr35322.c",
}


def _cpp_tests() -> List[str]:
    if not os.path.exists(GCC_SOURCE):
        return []

    def fill(tmp: str) -> None:
        import shutil
        import subprocess

        subprocess.run(["tar", "-xJf", GCC_SOURCE, "-C", tmp, "--wildcards",
                        _CPP_PREFIX + "*"], check=True)
        src = os.path.join(tmp, _CPP_PREFIX)
        for name in os.listdir(src):
            shutil.move(os.path.join(src, name), os.path.join(tmp, name))
        shutil.rmtree(os.path.join(tmp, "gcc-12.2.0"))

    try:
        d = corpora._locked_extract(os.path.join(corpora.CACHE, "gcc-dg-cpp"), fill)
    except Exception:  # noqa: BLE001 - no corpus: the size test below fails
        return []
    result = []
    for p in sorted(glob.glob(os.path.join(d, "*.c"))):
        with open(p, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if any(opt in text for opt in _NEEDS_OPTIONS) or os.path.basename(p) in CPP_KNOWN:
            continue
        result.append(p)
    return result


_CPP = _cpp_tests()


@pytest.mark.torture
@pytest.mark.parametrize("path", _CPP, ids=[os.path.basename(p) for p in _CPP])
def test_gcc_cpp_suite(path: str) -> None:
    # Tokens only: these tests exercise odd layouts (Mac line ends, #line
    # 4294967295, pragmas mid-line) whose -E line placement does not matter.
    _check(path, "x86_64", lines=False)


@pytest.mark.torture
def test_gcc_cpp_suite_size() -> None:
    assert len(_CPP) >= 300
