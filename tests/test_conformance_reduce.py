"""The interestingness test of `--reduce` for wrong code (reduce_run.py).

creduce keeps a candidate only when the compiler under test still fails in
the same way *and* gcc's program is well defined. A stand-in compiler that
miscompiles on purpose (gcc -DBROKEN: the programs abort when BROKEN is
defined) shows each guard at work: a clean program is interesting; one
whose gcc build passes only by luck (an out-of-bounds read the sanitizer
build catches) or that gained an uninitialized-use warning is not.
"""
from __future__ import annotations

import stat

from tools.conformance.reduce_run import run_key, warning_kinds

ABORT = "#ifdef BROKEN\n  abort();\n#endif\n"
CLEAN = ("#include <stdlib.h>\nint a[4] = {1, 2, 3, 4};\nint main(void) {\n"
         "  volatile int i = 3;\n  if (a[i] != 4) return 1;\n" + ABORT + "  return 0;\n}\n")
# Reads a[4]: gcc's plain builds pass, the sanitized one does not.
OUT_OF_BOUNDS = CLEAN.replace("volatile int i = 3", "volatile int i = 4").replace(
    "if (a[i] != 4) return 1", "if (a[i] == 12345) return 1")
# Uses x uninitialized: no sanitizer sees it, gcc -Wall does.
UNINITIALIZED = CLEAN.replace("  return 0;\n}", "  int x;\n  sink = x;\n  return 0;\n}").replace(
    "int main", "volatile int sink;\nint main")


def _broken_cc(tmp_path):  # type: ignore[no-untyped-def]
    cc = tmp_path / "brokencc"
    cc.write_text('#!/bin/sh\nexec gcc -DBROKEN "$@"\n')
    cc.chmod(cc.stat().st_mode | stat.S_IXUSR)
    return [str(cc)]


def _key(tmp_path, text, allowed=frozenset()):  # type: ignore[no-untyped-def]
    path = tmp_path / "t.c"
    path.write_text(text)
    return run_key(str(path), "x86_64", ["-O0"], [], "run", set(allowed),
                   run_timeout=10, cc=_broken_cc(tmp_path))


def test_clean_program_is_interesting(tmp_path):
    assert _key(tmp_path, CLEAN) == "runtime: SIGABRT"
    # gcc itself (no BROKEN) is not a failure at all.
    path = tmp_path / "t.c"
    assert run_key(str(path), "x86_64", ["-O0"], [], "run", set(), cc=["gcc"]) is None


def test_undefined_behaviour_is_not_interesting(tmp_path):
    assert _key(tmp_path, OUT_OF_BOUNDS) is None


def test_new_dangerous_warning_is_not_interesting(tmp_path):
    path = tmp_path / "u.c"
    path.write_text(UNINITIALIZED)
    kinds = warning_kinds(str(path), "gcc", [])
    assert kinds & {"uninitialized", "maybe-uninitialized"}
    assert _key(tmp_path, UNINITIALIZED) is None
    # A warning the original file already had is allowed.
    assert _key(tmp_path, UNINITIALIZED, kinds) == "runtime: SIGABRT"
