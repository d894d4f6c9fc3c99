"""GNU extensions checked against gcc: each program in tests/gnu_builtins/
is built by gcc and by lcc with the same options and run; stdout and the
exit status must be the same.

- instrument.c: -finstrument-functions (entry/exit hooks, the
  no_instrument_function attribute, returns of every value class).
- align_func.c: __attribute__((aligned(N))) on functions.
- apply.c: __builtin_apply_args, __builtin_apply, __builtin_return.
- trampoline.c: addresses of nested functions called after other
  activations of their parent ran (trampolines), and the executable
  stack they need (PT_GNU_STACK as readelf shows it, against gcc's).
"""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import List, Sequence, Tuple

from lcc import driver

HERE = Path(__file__).parent / "gnu_builtins"


def _run(exe: Path) -> Tuple[int, str]:
    p = subprocess.run([str(exe)], capture_output=True, text=True, timeout=20)
    return p.returncode, p.stdout


def build_both(name: str, flags: List[str], tmp: Path,
               extra: Sequence[str] = ()) -> Tuple[Path, Path]:
    """gcc's and lcc's executables of tests/gnu_builtins/<name> (and the
    `extra` sources there)."""
    srcs = [str(HERE / n) for n in (name, *extra)]
    g, lc = tmp / "gcc.out", tmp / "lcc.out"
    subprocess.run(["gcc", *flags, *srcs, "-o", str(g)], check=True, capture_output=True)
    code = driver.main([*flags, *srcs, "-o", str(lc)])
    assert code == 0, "lcc failed on %s" % name
    return g, lc


def stack_flags(exe: Path) -> str:
    """The flags of the PT_GNU_STACK program header ("RW", "RWE")."""
    text = subprocess.run(["readelf", "-lW", str(exe)], capture_output=True, text=True,
                          check=True).stdout
    rows = [ln.split() for ln in text.splitlines() if ln.split()[:1] == ["GNU_STACK"]]
    assert len(rows) == 1, text
    return rows[0][6]


def same_behaviour(name: str, flags: List[str], tmp: Path, extra: Sequence[str] = ()) -> str:
    g, lc = build_both(name, flags, tmp, extra)
    expected = _run(g)
    assert expected[0] == 0 and expected[1], "gcc's build of %s misbehaves" % name
    assert _run(lc) == expected
    return expected[1]


def test_instrument_functions(tmp_path: Path) -> None:
    out = same_behaviour("instrument.c", ["-finstrument-functions"], tmp_path)
    assert "enter f_inl" in out           # the oracle did instrument


def test_instrument_functions_off(tmp_path: Path) -> None:
    # The last of -f/-fno- wins: neither compiler calls the hooks.
    out = same_behaviour("instrument.c", ["-finstrument-functions",
                                          "-fno-instrument-functions"], tmp_path)
    assert "enter" not in out


def test_function_alignment(tmp_path: Path) -> None:
    # __alignof__ of functions with and without aligned(N), and the
    # addresses the code really gets (the .p2align lcc emits).
    same_behaviour("align_func.c", [], tmp_path)


def test_builtin_apply(tmp_path: Path) -> None:
    # __builtin_apply_args / __builtin_apply / __builtin_return forwarding
    # integer, SSE, x87, stack, struct and variadic arguments and results.
    same_behaviour("apply.c", ["-w"], tmp_path)


def test_builtin_apply_instrumented(tmp_path: Path) -> None:
    # __builtin_return skips the exit hook in gcc: the depth printed at
    # exit by profile_hooks.c is gcc's.
    out = same_behaviour("apply.c", ["-w", "-finstrument-functions"], tmp_path,
                         ["profile_hooks.c"])
    assert "depth 7" in out


def test_trampolines(tmp_path: Path) -> None:
    out = same_behaviour("trampoline.c", ["-w"], tmp_path)
    assert "landed in 3" in out
    g, lc = tmp_path / "gcc.out", tmp_path / "lcc.out"
    assert stack_flags(lc) == stack_flags(g) == "RWE"


def test_no_trampoline_no_executable_stack(tmp_path: Path) -> None:
    # Nested functions only called directly: neither compiler asks for an
    # executable stack.
    g, lc = build_both("nested_direct.c", ["-w"], tmp_path)
    assert _run(lc) == _run(g)
    assert stack_flags(lc) == stack_flags(g) == "RW"
