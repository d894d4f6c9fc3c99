"""Invalid C programs: lcc must reject each one the way gcc does.

Every file in tests/invalid/ breaks exactly one C11 constraint or syntax rule,
named in its first-line comment.  The oracle is gcc itself, re-run on each
file every time (`gcc -std=c11 -pedantic-errors -fsyntax-only`): a file gcc
accepts is a defect of the corpus, not a pass.

For each file, lcc run with the same options must
- exit with status 1 (never 0, never 4 = internal compiler error),
- print `file:line:col: error: message` (gcc's `fatal error:` also allowed)
  followed by the source line (`    N | text`) and a caret line
  (`      |    ^`) whose caret stands under the column it names,
- print no Python traceback.
Whether lcc's first error is on the same line as gcc's first error is
measured over the whole corpus by test_error_lines_match_gcc.

An lcc that rejected everything would pass all that, so tests/invalid/
valid_twins/ holds, for a sample of the corpus, the same program with the
violation corrected by the smallest edit: gcc and lcc must both accept it.
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import signal
import subprocess
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, NamedTuple, Optional

import pytest

from lcc import driver

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "invalid")
FILES = sorted(glob.glob(os.path.join(CORPUS, "*.c")))
TWINS = sorted(glob.glob(os.path.join(CORPUS, "valid_twins", "*.c")))
OPTIONS = ["-std=c11", "-pedantic-errors", "-fsyntax-only"]
# lcc gets this long per file; a hang is a failure, not a stuck suite.
TIME_LIMIT = 20
# Share of the files (among those lcc rejects with a located error) whose
# first error line must equal gcc's.  Not 100%: a few errors have two
# defensible places (an unterminated #if at the #if or at the end of file).
LINE_MATCH_MIN = 0.90

# gcc omits the column for some preprocessor errors (`f.c:2: error: ...`).
_GCC_ERROR = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?:(?P<col>\d+):)? "
                        r"(?:fatal )?error: ")
_LCC_ERROR = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): "
                        r"(?:fatal )?error: \S")
_SOURCE_LINE = re.compile(r"^ *(?P<line>\d+) \| (?P<text>.*)$")
# gcc underlines a range (`~~~^~~`); lcc may too. The caret is what counts.
_CARET_LINE = re.compile(r"^ +\| (?P<pad>[ \t~]*)\^")


class Result(NamedTuple):
    status: int
    stderr: str


def _ids(paths: List[str]) -> List[str]:
    return [os.path.basename(p)[:-2] for p in paths]


# --- the gcc oracle, run once per session over the whole corpus (in threads:
# each run is a separate process, so this takes a few seconds on 2 cores).

_gcc_results: Dict[str, Result] = {}


def _run_gcc(path: str) -> Result:
    p = subprocess.run(["gcc", *OPTIONS, "-fdiagnostics-color=never", path],
                       capture_output=True, text=True, check=False,
                       env={**os.environ, "LC_ALL": "C"})
    return Result(p.returncode, p.stderr)


def gcc_result(path: str) -> Result:
    if not _gcc_results:
        if shutil.which("gcc") is None:
            pytest.fail("gcc is needed as the oracle for tests/invalid")
        with ThreadPoolExecutor(max_workers=4) as pool:
            for p, r in zip(FILES, pool.map(_run_gcc, FILES)):
                _gcc_results[p] = r
    if path not in _gcc_results:
        _gcc_results[path] = _run_gcc(path)
    return _gcc_results[path]


def first_error_line(stderr: str, path: str, pattern: "re.Pattern[str]") -> Optional[int]:
    for line in stderr.splitlines():
        m = pattern.match(line)
        if m and m.group("file") == path:
            return int(m.group("line"))
    return None


# --- lcc, in-process (start-up and grammar loading are paid once).

class _TimeLimit(BaseException):
    """Raised from SIGALRM; a BaseException so that the driver's own
    `except Exception` (which turns crashes into ICE reports) lets it by."""


def _alarm(signum, frame):  # type: ignore[no-untyped-def]
    raise _TimeLimit()


_lcc_results: Dict[str, Result] = {}


def lcc_result(path: str, capsys: pytest.CaptureFixture[str]) -> Result:
    if path in _lcc_results:
        return _lcc_results[path]
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIME_LIMIT)
    try:
        status = driver.main([*OPTIONS, path])
    except _TimeLimit:
        status = -1
    except SystemExit as e:  # a phase calling sys.exit is still a result
        status = e.code if isinstance(e.code, int) else 1
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    _, err = capsys.readouterr()
    if status == -1:
        err += f"\n[test] lcc ran longer than {TIME_LIMIT} s\n"
    _lcc_results[path] = Result(status, err)
    return _lcc_results[path]


def check_diagnostic_format(stderr: str, path: str) -> Optional[str]:
    """None when stderr holds a gcc-style located error for `path` followed by
    the right source line and a caret under the named column; else why not."""
    lines = stderr.splitlines()
    with open(path, encoding="utf-8", errors="replace") as f:
        source = f.read().split("\n")
    seen_error = False
    for i, line in enumerate(lines):
        m = _LCC_ERROR.match(line)
        if not m or m.group("file") != path:
            continue
        seen_error = True
        lineno, col = int(m.group("line")), int(m.group("col"))
        if i + 2 >= len(lines):
            return f"no source and caret lines after {line!r}"
        src, caret = _SOURCE_LINE.match(lines[i + 1]), _CARET_LINE.match(lines[i + 2])
        if not src or not caret:
            return f"source line and caret line expected after {line!r}, got " \
                   f"{lines[i + 1]!r} and {lines[i + 2]!r}"
        if int(src.group("line")) != lineno:
            return f"source line numbered {src.group('line')}, error says {lineno}"
        expected = source[lineno - 1].rstrip("\r") if 1 <= lineno <= len(source) else None
        if expected is not None and src.group("text").rstrip() != expected.rstrip():
            return f"quoted {src.group('text')!r}, line {lineno} is {expected!r}"
        if len(caret.group("pad")) != col - 1:
            return f"caret at column {len(caret.group('pad')) + 1}, error says {col}"
        return None
    if not seen_error:
        return "no `file:line:col: error:` diagnostic for the input file"
    return None


def test_corpus_is_large_and_documented() -> None:
    assert len(FILES) >= 150, f"only {len(FILES)} invalid programs"
    for path in FILES:
        with open(path, encoding="utf-8") as f:
            first = f.readline()
        assert re.match(r"^/\* C11 (\d+(\.\d+)*(p\d+)?|J\.\d+(\.\d+)*)\b.*: .+ \*/$", first), \
            f"{os.path.basename(path)}: first line must name the clause: {first!r}"


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_rejected_like_gcc(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    gcc = gcc_result(path)
    assert gcc.status != 0, f"corpus defect: gcc accepts {path}"
    assert first_error_line(gcc.stderr, path, _GCC_ERROR) is not None, \
        f"corpus defect: gcc gave no error for {path}:\n{gcc.stderr}"
    lcc = lcc_result(path, capsys)
    assert "Traceback (most recent call last)" not in lcc.stderr, lcc.stderr
    assert "internal compiler error" not in lcc.stderr, lcc.stderr
    assert lcc.status == 1, f"lcc exit status {lcc.status}, expected 1\n{lcc.stderr}"
    problem = check_diagnostic_format(lcc.stderr, path)
    assert problem is None, f"{problem}\n--- lcc stderr:\n{lcc.stderr}"


def test_error_lines_match_gcc(capsys: pytest.CaptureFixture[str]) -> None:
    """lcc's first error is on gcc's first error line for most files."""
    compared, mismatches = 0, []
    for path in FILES:
        gcc_line = first_error_line(gcc_result(path).stderr, path, _GCC_ERROR)
        lcc_line = first_error_line(lcc_result(path, capsys).stderr, path, _LCC_ERROR)
        if gcc_line is None or lcc_line is None:
            continue  # reported by test_rejected_like_gcc
        compared += 1
        if gcc_line != lcc_line:
            mismatches.append(f"{os.path.basename(path)}: gcc line {gcc_line}, lcc {lcc_line}")
    with capsys.disabled():
        print(f"\n[invalid corpus] first error line equals gcc's: "
              f"{compared - len(mismatches)}/{compared} located lcc errors "
              f"({len(FILES)} files)")
    assert compared > 0, "lcc gave no located error for any file"
    share = (compared - len(mismatches)) / compared
    assert share >= LINE_MATCH_MIN, \
        f"{share:.0%} of error lines match gcc's:\n" + "\n".join(mismatches)


@pytest.mark.parametrize("path", TWINS, ids=_ids(TWINS))
def test_valid_twin_accepted(path: str, capsys: pytest.CaptureFixture[str]) -> None:
    name = os.path.basename(path)
    assert os.path.exists(os.path.join(CORPUS, name)), f"{name} twins no invalid program"
    gcc = _run_gcc(path)
    assert gcc.status == 0, f"corpus defect: gcc rejects the valid twin {path}:\n{gcc.stderr}"
    lcc = lcc_result(path, capsys)
    assert "Traceback (most recent call last)" not in lcc.stderr, lcc.stderr
    assert lcc.status == 0 and "error:" not in lcc.stderr, \
        f"lcc rejects a valid program (status {lcc.status}):\n{lcc.stderr}"


def test_twins_exist() -> None:
    assert len(TWINS) >= 50, f"only {len(TWINS)} valid twins"
