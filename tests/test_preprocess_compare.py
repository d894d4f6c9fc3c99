"""lcc -E against gcc -E, token by token (the oracle for the preprocessor).

`compare(path, target, args)` preprocesses a file with gcc (or the target's
cross gcc) and with lcc (in-process, `--target=`), drops line markers and
white space, and returns the first difference or None. The regions of the
output that come from the compilers' own headers (gcc's include directory,
lcc's include/) are dropped on both sides: those headers are each
compiler's own and need not agree token for token (docs/preprocessor.md).

Torture and real-code comparisons also require each token on the output
line gcc puts it (`lines=True`).

Default run: 30 torture tests on x86_64 and 30 on aarch64. The `torture`
marker runs 300+ per target, `realcode` SQLite and Lua.
"""
from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import tempfile
from typing import List, Optional, Sequence, Tuple

import pytest

from lcc import driver
from lcc.preprocess.lexer import tokenize
from lcc.resources import include_dir
from lcc.target import get_target

_MARKER = re.compile(r'^# (\d+) "((?:[^"\\]|\\.)*)"')


@functools.lru_cache(maxsize=None)
def gcc_include_dir(gcc: str) -> str:
    out = subprocess.run([gcc, "-print-file-name=include"], capture_output=True, text=True)
    return os.path.realpath(out.stdout.strip())


def _own_header(path: str, gcc: str) -> bool:
    real = os.path.realpath(path) if os.path.isabs(path) else path
    return real.startswith(gcc_include_dir(gcc) + os.sep) or \
        real.startswith(os.path.realpath(include_dir()) + os.sep)


def output_tokens(text: str, gcc: str, with_lines: bool = False) -> List[Tuple[str, str]]:
    """(file, token) pairs of -E output, without line markers and without
    the compilers' own headers; with_lines: (file:line, token), the line
    being the one the markers and newlines put the token on."""
    result: List[Tuple[str, str]] = []
    cur = ""
    skip = False
    line_no = 0
    for line in text.split("\n"):
        m = _MARKER.match(line)
        if m:
            cur = m.group(2)
            line_no = int(m.group(1))
            skip = _own_header(cur, gcc)
            continue
        if not skip and not line.startswith("# "):
            where = f"{cur}:{line_no}" if with_lines else cur
            for t in tokenize(line, cur or "<out>"):
                result.append((where, t.text))
        line_no += 1
    return result


def gcc_for(target: str) -> str:
    return get_target(target).gcc


def run_gcc(path: str, target: str, args: Sequence[str]) -> Optional[str]:
    r = subprocess.run([gcc_for(target), "-E", *args, path], capture_output=True, text=True,
                       errors="replace", cwd=os.path.dirname(path) or ".")
    return r.stdout if r.returncode == 0 else None


def run_lcc(path: str, target: str, args: Sequence[str]) -> Tuple[int, str]:
    path = os.path.abspath(path)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.i")
        old = os.getcwd()
        os.chdir(os.path.dirname(path) or ".")
        try:
            code = driver.main(["-E", f"--target={target}", *args, "-o", out, path])
        finally:
            os.chdir(old)
        if code != 0 or not os.path.exists(out):
            return code, ""
        with open(out, encoding="utf-8", errors="replace") as f:
            return code, f.read()


def compare(path: str, target: str = "x86_64", args: Sequence[str] = (),
            lines: bool = False) -> Optional[str]:
    """None when lcc -E and gcc -E give the same tokens; else a description
    of the first difference; with lines=True each token must also be on the
    same file and line of the output. Raises ValueError when gcc itself
    rejects the file."""
    path = os.path.abspath(path)
    expected = run_gcc(path, target, args)
    if expected is None:
        raise ValueError(f"gcc -E rejects {path}")
    code, got = run_lcc(path, target, args)
    if code != 0:
        return f"lcc -E exited with {code}"
    gcc = gcc_for(target)
    a = output_tokens(expected, gcc, lines)
    b = output_tokens(got, gcc, lines)
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y if lines else x[1] != y[1]:
            ctx_a = " ".join(t for _, t in a[max(0, i - 8):i + 8])
            ctx_b = " ".join(t for _, t in b[max(0, i - 8):i + 8])
            return (f"token {i}: gcc {x[1]!r} ({x[0]}) vs lcc {y[1]!r} ({y[0]})\n"
                    f"  gcc: {ctx_a}\n  lcc: {ctx_b}")
    if len(a) != len(b):
        return f"gcc gives {len(a)} tokens, lcc {len(b)}"
    return None


_OPT_RE = re.compile(r'dg-options\s+"([^"]*)"')


def torture_args(path: str) -> List[str]:
    """The preprocessor-relevant options a torture test asks for."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read(4000)
    except OSError:
        return []
    args: List[str] = []
    for m in _OPT_RE.finditer(text):
        for word in m.group(1).split():
            if word.startswith(("-D", "-U", "-std=", "-ansi")) or word in ("-O1", "-O2", "-O3"):
                args.append(word)
    return args


def torture_sample(count: int, offset: int = 0) -> List[str]:
    import corpora  # tests/corpora.py

    try:
        tests = corpora.torture_tests("execute")
    except corpora.CorpusUnavailable as e:
        pytest.skip(str(e))
    step = max(1, len(tests) // count)
    return tests[offset::step][:count]


def _check(path: str, target: str, lines: bool = True) -> None:
    try:
        diff = compare(path, target, torture_args(path), lines=lines)
    except ValueError:
        # gcc -E itself fails: lcc must fail as well.
        code, _ = run_lcc(path, target, torture_args(path))
        assert code == 1
        return
    assert diff is None, f"{os.path.basename(path)} ({target}): {diff}"


def _ids(paths: List[str]) -> List[str]:
    return [os.path.basename(p) for p in paths]


def _lazy_sample(count: int, offset: int) -> List[str]:
    try:
        return torture_sample(count, offset)
    except BaseException:  # noqa: BLE001 - collection must not fail; the test skips
        return []


_DEFAULT_X86 = _lazy_sample(30, 0)
_DEFAULT_A64 = _lazy_sample(30, 7)


@pytest.mark.parametrize("path", _DEFAULT_X86, ids=_ids(_DEFAULT_X86))
def test_torture_sample_x86_64(path: str) -> None:
    _check(path, "x86_64")


@pytest.mark.parametrize("path", _DEFAULT_A64, ids=_ids(_DEFAULT_A64))
def test_torture_sample_aarch64(path: str) -> None:
    _check(path, "aarch64")


def test_samples_exist() -> None:
    """The parametrized samples above must not silently be empty."""
    assert len(_DEFAULT_X86) == 30 and len(_DEFAULT_A64) == 30


if __name__ == "__main__":
    # python tests/test_preprocess_compare.py TARGET FILE... : print diffs.
    target = sys.argv[1]
    bad = 0
    files = sys.argv[2:]
    for p in files:
        try:
            d = compare(p, target, torture_args(p))
        except ValueError as e:
            print(f"SKIP {e}")
            continue
        if d:
            bad += 1
            print(f"FAIL {p}: {d}")
    print(f"{len(files) - bad}/{len(files)} same")
