"""Real programs: SQLite and Lua 5.4 built by lcc must behave as built by gcc
(tools/realprog.py; marker `realcode`, deselected by default), and the small
cases reduced from their failures (tests/realprog/cases/) must agree with gcc
in the default run.

Each case is a complete program: gcc and lcc build it (-O0, -lm), both run,
and the exit status, stdout and stderr must be identical."""
from __future__ import annotations

import glob
import os
import subprocess
import sys

import pytest

from lcc import driver

HERE = os.path.dirname(os.path.abspath(__file__))
if os.path.dirname(HERE) not in sys.path:
    sys.path.insert(0, os.path.dirname(HERE))
CASES = sorted(glob.glob(os.path.join(HERE, "realprog", "cases", "*.c")))


def _run(exe: str) -> subprocess.CompletedProcess:
    return subprocess.run([exe], capture_output=True, timeout=60, check=False)


def test_cases_exist() -> None:
    assert CASES


@pytest.mark.parametrize("path", CASES, ids=[os.path.basename(p) for p in CASES])
def test_case_agrees_with_gcc(path: str, tmp_path, capsys: pytest.CaptureFixture) -> None:
    ref = str(tmp_path / "gcc.exe")
    got = str(tmp_path / "lcc.exe")
    subprocess.run(["gcc", "-O0", "-w", path, "-o", ref, "-lm"], check=True)
    code = driver.main(["-O0", "-w", path, "-o", got, "-lm"])
    err = capsys.readouterr().err
    assert code == 0, err
    r, g = _run(ref), _run(got)
    assert (g.returncode, g.stdout, g.stderr) == (r.returncode, r.stdout, r.stderr)
    # A case that prints nothing would not check much.
    assert r.stdout


def _realprog(*args: str) -> int:
    from tests.corpora import CorpusUnavailable
    from tools import realprog
    try:
        return realprog.main(list(args))
    except CorpusUnavailable as e:
        pytest.skip(f"corpus unavailable: {e}")


@pytest.mark.realcode
def test_sqlite_shell_matches_gcc() -> None:
    assert _realprog("sqlite") == 0


@pytest.mark.realcode
def test_lua_scripts_and_testes_match_gcc() -> None:
    assert _realprog("lua", "--testes") == 0


@pytest.mark.realcode
def test_sqlite_full_features_match_gcc() -> None:
    assert _realprog("sqlite", "--full") == 0


@pytest.mark.realcode
def test_lua_as_one_translation_unit_matches_gcc() -> None:
    assert _realprog("lua", "--onelua", "--testes") == 0


@pytest.mark.realcode
def test_lua_with_test_library_matches_gcc() -> None:
    assert _realprog("lua", "--ltests", "--testes") == 0
