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


def test_unwind_h_as_gccs(tmp_path: Path) -> None:
    """lcc's <unwind.h> against gcc's: the same layout and constants (a
    program printing them), and every typedef and function declaration of
    lcc's header is a compatible redeclaration of gcc's (gcc -std=c11)."""
    src = str(HERE / "unwind" / "abi.c")
    subprocess.run(["gcc", src, "-o", str(tmp_path / "g")], check=True)
    _lcc([src, "-o", "l"], tmp_path)
    want = subprocess.run([str(tmp_path / "g")], capture_output=True, text=True).stdout
    assert want and subprocess.run([str(tmp_path / "l")], capture_output=True,
                                   text=True).stdout == want
    text = (ROOT / "include" / "unwind.h").read_text()
    decls, cur = [], ""
    for line in text.splitlines():
        if cur or line.startswith(("extern ", "typedef ")):
            cur += line + "\n"
            if cur.rstrip().endswith(";"):
                if "{" not in cur:            # enums and structs are compared above
                    decls.append(cur)
                cur = ""
    assert len(decls) > 20
    check = tmp_path / "redecl.c"
    check.write_text("#include <unwind.h>\n" + "".join(decls))
    p = subprocess.run(["gcc", "-std=c11", "-fsyntax-only", "-Werror", str(check)],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
