"""Failure keys for reducing a *wrong-code* failure: `--reduce` in run mode
(a torture test lcc miscompiles) and for a csmith seed (wrong checksum).

The interestingness test must not let creduce drift into a program with
undefined behaviour, where "lcc and gcc disagree" proves nothing. So a
candidate is interesting only when
  1. gcc's program is well-behaved: gcc -O0 and gcc -O2 builds both pass
     (exit 0; for csmith: print the same checksum line), and so does a
     gcc -O0 build with `-fsanitize=undefined,address` (out-of-bounds,
     overflow, misaligned and null accesses abort it);
  2. gcc -Wall -Wextra reports no *new* kind of dangerous warning compared
     with the original file (uninitialized use, missing return value,
     implicit declarations, ...: UB the sanitizers do not see);
  3. lcc's program fails in the same way as the original: the same failure
     group as the harness reports (`runtime: SIGABRT`, `wrong checksum`,
     `ICE: ...`).
Every compiler runs as a subprocess, as creduce runs this test.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from typing import Dict, List, Optional, Set, Tuple

from lcc.target import TARGETS
from tools.conformance.lccrun import first_error
from tools.conformance.runmode import (build_and_run, ice_group, link_error, run_group,
                                      signal_name)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SANITIZE = ["-fsanitize=undefined,address", "-fno-sanitize-recover=all",
            "-fno-omit-frame-pointer"]
# Warnings that mean undefined or implementation-specific behaviour which
# the sanitizers miss.
DANGEROUS = {"uninitialized", "maybe-uninitialized", "return-type",
             "implicit-function-declaration", "implicit-int", "int-conversion",
             "incompatible-pointer-types", "int-to-pointer-cast", "pointer-to-int-cast",
             "sequence-point", "array-bounds", "stringop-overflow", "aggressive-loop-optimizations",
             "shift-count-overflow", "shift-count-negative", "overflow", "div-by-zero",
             "builtin-declaration-mismatch", "main", "return-local-addr", "free-nonheap-object",
             "nonnull", "format", "format-overflow", "restrict", "address", "dangling-pointer",
             "use-after-free", "vla-parameter", "array-parameter", "strict-aliasing"}
_WFLAG = re.compile(r"\[-W([a-z0-9-]+)(?:=[^\]]*)?\]")


def warning_kinds(path: str, gcc: str, options: List[str], timeout: float = 60.0) -> Set[str]:
    """The dangerous -W flags gcc -O2 -Wall -Wextra names for path."""
    try:
        p = subprocess.run([gcc, "-O2", "-Wall", "-Wextra", "-c", "-o", os.devnull]
                           + options + [path], capture_output=True, text=True,
                           errors="replace", timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return set()
    return {m.group(1) for m in _WFLAG.finditer(p.stderr)} & DANGEROUS


def _setup_env() -> None:
    """This process's environment, which the compilers and programs
    inherit: lcc from this tree, and no leak reports (a reduced program
    leaks freely; a leak is no wrong-code witness)."""
    if ROOT not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
        os.environ["PYTHONPATH"] = ROOT + os.pathsep + os.environ.get("PYTHONPATH", "")
    os.environ["ASAN_OPTIONS"] = "detect_leaks=0"


def _env() -> Dict[str, str]:
    _setup_env()
    return dict(os.environ)


def _gcc_passes(gcc: str, options: List[str], path: str, action: str, qemu: List[str],
                run_timeout: float, sanitize: bool) -> bool:
    extra = SANITIZE if sanitize and not qemu else []
    levels = ["-O0"] if sanitize else ["-O0", "-O2"]
    for lvl in levels:
        r = build_and_run([gcc], ["-w", lvl] + extra + options, path, action, qemu, run_timeout)
        if r.get("code") != 0 or r.get("run_code", 0) != 0:
            return False
    return True


def lcc_command(target: str, cc: Optional[List[str]] = None) -> List[str]:
    """The compiler under test: lcc from this tree, or cc (a stand-in such
    as gcc, to check the reducer itself)."""
    return list(cc) if cc else [sys.executable, "-m", "lcc", f"--target={target}"]


def lcc_group(path: str, target: str, flags: List[str], options: List[str], action: str,
              run_timeout: float, timeout: float,
              cc: Optional[List[str]] = None) -> Optional[str]:
    """The harness's failure group for lcc (or cc) on path (None: it passes)."""
    qemu = list(TARGETS[target].qemu)
    _setup_env()
    r = build_and_run(lcc_command(target, cc), ["-w"] + flags + options, path, action,
                      qemu, run_timeout)
    code = r.get("code")
    stderr = str(r.get("stderr", ""))
    if code == "timeout":
        return "timeout (compile)"
    if code == 4 or "internal compiler error" in stderr or "Traceback" in stderr:
        return ice_group(stderr)
    if code != 0:
        return link_error(stderr) or run_group(first_error(stderr))
    run_code = r.get("run_code", 0)
    if run_code == 0:
        return None
    if run_code == "timeout":
        return "timeout (run)"
    if isinstance(run_code, int) and run_code < 0:
        return f"runtime: {signal_name(run_code)}"
    return f"runtime: exit {run_code}"


def run_key(path: str, target: str, flags: List[str], options: List[str], action: str,
            allowed_warnings: Optional[Set[str]] = None, run_timeout: float = 10.0,
            timeout: float = 120.0, cc: Optional[List[str]] = None) -> Optional[str]:
    """The failure key of a torture test in run mode, or None when the
    file is not a well-behaved program that lcc gets wrong."""
    _setup_env()
    gcc = TARGETS[target].gcc
    qemu = list(TARGETS[target].qemu)
    if allowed_warnings is not None:
        if warning_kinds(path, gcc, flags + options) - allowed_warnings:
            return None
    if not _gcc_passes(gcc, flags + options, path, action, qemu, run_timeout, False):
        return None
    group = lcc_group(path, target, flags, options, action, run_timeout, timeout, cc)
    if group is None:
        return None
    if action == "run" and not _gcc_passes(gcc, options, path, action, qemu, run_timeout, True):
        # Checked last: the sanitizer build is the slowest gcc step.
        return None
    return group


def csmith_key(path: str, target: str, flags: List[str],
               allowed_warnings: Optional[Set[str]] = None,
               run_timeout: float = 10.0, timeout: float = 300.0,
               cc: Optional[List[str]] = None) -> Optional[str]:
    """The failure key of a csmith program: gcc -O0, -O2 and the sanitized
    build print one checksum line; lcc's build prints another or fails."""
    from tools import csmith_run as cr

    gcc = TARGETS[target].gcc
    qemu = list(TARGETS[target].qemu)
    inc = ["-I", cr.CSMITH_INCLUDE]
    if allowed_warnings is not None:
        if warning_kinds(path, gcc, inc) - allowed_warnings:
            return None
    work = tempfile.mkdtemp(prefix="lcc-reduce-csmith-")
    try:
        env = _env()
        sums: List[Tuple[str, object]] = []
        for i, extra in enumerate([["-O0"], ["-O2"]]):
            o = cr.build_and_run([gcc] + extra, env, path, os.path.join(work, f"g{i}"), timeout,
                                 run_timeout, ["-lm"], runner=qemu)
            if o.kind != "ok" or not o.text.startswith("checksum"):
                return None
            sums.append((o.kind, o.text))
        if sums[0] != sums[1]:
            return None
        lcc = cr.build_and_run(lcc_command(target, cc) + flags, env,
                               path, os.path.join(work, "l"), timeout, run_timeout, ["-lm"],
                               runner=qemu)
        if lcc.kind == "ok":
            if lcc.text == sums[0][1]:
                return None
            key = "wrong checksum"
        elif lcc.kind == "ice":
            key = "ICE"
        elif lcc.kind == "compile-error":
            key = "reject: " + (link_error(lcc.text) or run_group(lcc.text))
        else:
            key = f"runtime: {lcc.kind} {lcc.text}"
        if not qemu:
            o = cr.build_and_run([gcc, "-O0"] + SANITIZE, env, path, os.path.join(work, "s"),
                                 timeout, run_timeout * 3, ["-lm"])
            if o.kind != "ok" or o.text != sums[0][1]:
                return None
        return key
    finally:
        shutil.rmtree(work, ignore_errors=True)
