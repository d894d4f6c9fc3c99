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
import subprocess

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


def check_target(target: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = assertion_file(target)
    cc = gen_layout.TARGETS[target][0]
    # The oracle checks itself: gcc must accept its own numbers.
    p = subprocess.run([cc, "-w", "-fsyntax-only", path], capture_output=True, text=True,
                       check=False)
    assert p.returncode == 0, f"{cc} rejects {path}:\n{p.stderr[:3000]}"

    args = ["-fsyntax-only", "-w", f"--target={target}", path]
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIME_LIMIT)
    try:
        status = driver.main(args)
    except _TimeLimit:
        status = None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
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


def test_layout_x86_64(capsys: pytest.CaptureFixture[str]) -> None:
    check_target("x86_64", capsys)


@pytest.mark.cross
def test_layout_aarch64(capsys: pytest.CaptureFixture[str]) -> None:
    check_target("aarch64", capsys)


@pytest.mark.cross
def test_layout_riscv64(capsys: pytest.CaptureFixture[str]) -> None:
    check_target("riscv64", capsys)
