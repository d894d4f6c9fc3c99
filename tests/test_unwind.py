"""Call-frame information: lcc's functions carry .cfi_* directives (gcc's
-fasynchronous-unwind-tables default), so libgcc's unwinder and glibc's
backtrace() walk through them, including a realigned frame and saved
callee-saved registers. Oracle: the same program built by gcc."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent

pytestmark = pytest.mark.skipif(shutil.which("gcc") is None, reason="gcc is the oracle")


def _lcc(args: list, cwd: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, "-m", "lcc"] + args, cwd=cwd, env=env,
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr


@pytest.mark.parametrize("level", ["-O0", "-O2"])
def test_backtrace_as_gcc(tmp_path: Path, level: str) -> None:
    src = str(HERE / "unwind" / "backtrace.c")
    subprocess.run(["gcc", "-O0", "-rdynamic", src, "-o", str(tmp_path / "g")], check=True)
    _lcc([level, "-rdynamic", src, "-o", "l"], tmp_path)
    want = subprocess.run([str(tmp_path / "g")], capture_output=True, text=True, timeout=30)
    got = subprocess.run([str(tmp_path / "l")], capture_output=True, text=True, timeout=30)
    assert (got.returncode, got.stdout) == (want.returncode, want.stdout)
    frames = subprocess.run(["readelf", "--debug-dump=frames", str(tmp_path / "l")],
                            capture_output=True, text=True)
    assert frames.returncode == 0 and not frames.stderr
