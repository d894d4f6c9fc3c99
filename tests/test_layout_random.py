"""Random struct/union layouts: lcc's sizeof, _Alignof and offsetof equal gcc's.

tools/gen_layout.py makes 500 random struct and union types from a fixed
seed, has the target's gcc build a program printing their layout (run under
qemu-user for the cross targets; results cached in build/layout/), and turns
the output into one file of `_Static_assert`s over the same declarations.
`lcc -fsyntax-only --target=T` must accept that file: one lcc run per target.
A failing assertion names the type and member, e.g. "S17 offsetof m3 == 12"
(gcc's value after the ==).
"""
from __future__ import annotations

import importlib.util
import os
import signal
import re
import subprocess
from typing import List, Optional

import pytest

from lcc import driver

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "build", "layout")
COUNT = 500
TIME_LIMIT = 600  # seconds for one lcc run over ~9000 lines


def _load_generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "gen_layout", os.path.join(ROOT, "tools", "gen_layout.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen_layout = _load_generator()


class _TimeLimit(BaseException):
    """From SIGALRM; not an Exception, so the driver's ICE handler lets it by."""


def _alarm(signum, frame):  # type: ignore[no-untyped-def]
    raise _TimeLimit()


def assertion_file(target: str) -> str:
    """Write build/layout/asserts-<target>.c and return its path."""
    try:
        text, n = gen_layout.build(target, COUNT)
    except gen_layout.OracleError as e:
        pytest.fail(f"layout oracle unavailable: {e}")
    assert n >= 3 * COUNT  # size, align and at least one offset per type
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, f"asserts-{target}.c")
    tmp = f"{path}.{os.getpid()}"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)
    return path


def run_lcc(args: List[str]) -> Optional[int]:
    """driver.main(args) in-process; None when it ran out of time."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIME_LIMIT)
    try:
        return driver.main(args)
    except _TimeLimit:
        return None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def check_target(target: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = assertion_file(target)
    cc = gen_layout.TARGETS[target][0]
    # The oracle checks itself: gcc must accept its own numbers.
    p = subprocess.run([cc, "-w", "-fsyntax-only", path], capture_output=True, text=True,
                       check=False)
    assert p.returncode == 0, f"{cc} rejects {path}:\n{p.stderr[:3000]}"

    args = ["-fsyntax-only", "-w", f"--target={target}", path]
    status = run_lcc(args)
    _, err = capsys.readouterr()
    failed = err.count("static assertion failed")
    lines = err.splitlines()
    shown = "\n".join(lines[:90]) + (f"\n... ({len(lines) - 90} more lines)"
                                     if len(lines) > 90 else "")
    assert status is not None, f"lcc ran longer than {TIME_LIMIT} s on {path}"
    assert status == 0, (f"`lcc {' '.join(args)}` exited {status}; {failed} layout "
                         f"assertions failed:\n{shown}")


def test_generation_is_deterministic() -> None:
    a = gen_layout.printer_program(gen_layout.Generator(gen_layout.DEFAULT_SEED).generate(50))
    b = gen_layout.printer_program(gen_layout.Generator(gen_layout.DEFAULT_SEED).generate(50))
    assert a == b


def test_generator_covers_the_features() -> None:
    text = gen_layout.declarations(gen_layout.Generator(gen_layout.DEFAULT_SEED).generate(COUNT))
    for feature in ["__int128 m", "long double", "_Bool", "enum E2", "enum E4", "(*m",
                    " : 0;", "unsigned __int128 m", "long long m", "_Alignas(",
                    "__attribute__((packed))", "__attribute__((aligned(", "[];",
                    "union {", "struct {", "][", "_Complex long double"]:
        assert feature in text, f"no {feature!r} in the generated declarations"


def test_wrong_layout_is_rejected(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    """The canary: if lcc ignored _Static_assert, every layout test would pass.
    One assertion made false (gcc's size + 1) must fail, naming itself."""
    try:
        text, _ = gen_layout.build("x86_64", 1)
    except gen_layout.OracleError as e:
        pytest.fail(f"layout oracle unavailable: {e}")
    wrong, n = re.subn(r'== (\d+), "S0 size == \d+"',
                       lambda m: f'== {int(m.group(1)) + 1}, "S0 size is wrong"', text)
    assert n == 1
    path = tmp_path / "wrong.c"
    path.write_text(wrong)
    status = run_lcc(["-fsyntax-only", "-w", "--target=x86_64", str(path)])
    _, err = capsys.readouterr()
    assert status == 1, f"lcc accepted a false layout assertion (status {status}):\n{err}"
    assert 'static assertion failed: "S0 size is wrong"' in err, err


def test_layout_x86_64(capsys: pytest.CaptureFixture[str]) -> None:
    check_target("x86_64", capsys)


@pytest.mark.cross
def test_layout_aarch64(capsys: pytest.CaptureFixture[str]) -> None:
    check_target("aarch64", capsys)


@pytest.mark.cross
def test_layout_riscv64(capsys: pytest.CaptureFixture[str]) -> None:
    check_target("riscv64", capsys)
