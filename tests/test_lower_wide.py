"""__int128, _Complex, builtins and va_arg (lcc/ir/lower_wide.py,
lower_builtins.py, lower_atomic.py, lower_va.py) against gcc: each program
in tests/wide/ is compiled by lcc and by gcc, both are run, and their
output and exit status must be equal.  The IR of each is also checked with
`check_function`.  A marked test runs the torture tests that use these
features."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import Any, List

import pytest

from lcc.ir.func import check_function

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WIDE = os.path.join(HERE, "wide")
PROGRAMS = sorted(f for f in os.listdir(WIDE) if f.endswith(".c"))

pytestmark = pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc")


def _run(cmd: List[str], **kw: Any) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, **kw)


def lcc_compile(src: str, out: str) -> None:
    env = dict(os.environ, PYTHONPATH=ROOT)
    r = _run([sys.executable, "-m", "lcc", "-w", src, "-o", out], env=env)
    assert r.returncode == 0, r.stderr


def _gcc_libs(src: str) -> List[str]:
    # 24-byte generic __atomic_* calls are library calls for gcc
    with open(src) as f:
        return ["-latomic"] if "__atomic_load(" in f.read() else []


@pytest.mark.parametrize("name", PROGRAMS)
def test_program_against_gcc(tmp_path: Any, name: str) -> None:
    src = os.path.join(WIDE, name)
    exe_g = str(tmp_path / "g")
    exe_l = str(tmp_path / "l")
    r = _run(["gcc", "-w", "-O0", src, "-o", exe_g] + _gcc_libs(src))
    assert r.returncode == 0, r.stderr
    lcc_compile(src, exe_l)
    want = _run([exe_g])
    got = _run([exe_l])
    assert got.stdout == want.stdout
    assert got.returncode == want.returncode


def test_ir_is_well_formed() -> None:
    from tests.test_data import front
    from lcc.ir.lower import lower_unit
    for name in PROGRAMS:
        unit, an = front(os.path.join(WIDE, name))
        module = lower_unit(unit, an, an.opts.target, an.opts)
        assert module.functions
        for fn in module.functions:
            check_function(fn)


_FEATURES = ("__int128", "_Complex", "__complex__", "va_arg", "__sync_", "__atomic_",
             "__builtin_")


@pytest.mark.torture
def test_torture_wide_and_builtins(tmp_path: Any) -> None:
    """Torture execute tests using these features (gcc passes them all):
    lcc's binaries must exit 0 (known gaps listed).  lcc runs in-process,
    as tools/conformance does, to pay its start-up once."""
    import re
    from tests.corpora import torture_dir
    from tools.conformance.lccrun import run_lcc
    known = {
        "nest-stdar-1.c",   # nested functions
        "va-arg-pack-1.c",  # __builtin_va_arg_pack needs inlining
        "20030330-1.c",     # link_error: needs dead-code elimination
        "20020412-1.c",     # va_arg of a variably modified struct
        "pr82210.c",        # variably modified struct (lowering)
        "pr47237.c",        # __builtin_apply
    }
    d = os.path.join(torture_dir(), "execute")
    failed = []
    for f in sorted(os.listdir(d)):
        p = os.path.join(d, f)
        if not f.endswith(".c") or f in known:
            continue
        with open(p, encoding="latin-1") as fh:
            text = fh.read()
        if not any(k in text for k in _FEATURES) or "dg-skip-if" in text:
            continue
        m = re.search(r'dg-options "([^"]*)"', text)
        opts = [o for o in (m.group(1).split() if m else []) if o.startswith(("-std", "-f"))]
        exe = str(tmp_path / "l")
        r = run_lcc(["-w", "-O0"] + opts + [p, "-o", exe, "-lm"])
        try:
            ok = r["code"] == 0 and _run([exe]).returncode == 0
        except subprocess.TimeoutExpired:
            ok = False
        if not ok:
            failed.append(f)
    assert not failed, failed
