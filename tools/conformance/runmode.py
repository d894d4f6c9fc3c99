"""`--mode run`: compile each torture test, link it, run it; exit 0 = pass.

This module has the work (building, running, the oracle's runner, the
failure groups); the RunMode class that the harness uses is in modes.py.

    python -m tools.conformance --mode run --target x86_64 --suite execute -O2 -j 2
    python -m tools.conformance --mode run --cc gcc ...   (self-check: gcc
                                                           stands in for lcc)

The oracle is gcc doing the same (compile with the test's dg-options, link
with -lm as DejaGnu does, run with a time limit); its verdict is cached
like the syntax mode's, so a rerun only runs lcc. A test counts (is in the
denominator) only when gcc's binary passes. What a test does follows its
`dg-do`: run (link and run), link (link only), otherwise compile to an
object (the compile/ suite: code generation must not fail).

Failure groups, so triage by cause is one command: the first line of the
compile error (normalised), `link: ...` for a linker error, `ICE: <type
and first words>`, `runtime: exit N` / `runtime: signal NAME`, `timeout
(compile)` / `timeout (run)`.
"""
from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import tempfile
import time
from typing import Dict, List, Optional, Tuple

from tools.conformance.lccrun import first_error, normalise, run_lcc

# Seconds a test binary may run (gcc's own binaries take well under 1 s).
RUN_TIMEOUT = 10.0
# Libraries DejaGnu links every torture test with.
LINK_LIBS = ["-lm"]


def _no_core() -> None:
    # abort() in a failing test should not leave core files around.
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass


def run_binary(argv: List[str], timeout: float) -> Tuple[object, str]:
    """Run a test program: (exit status or "timeout", a short stderr tail)."""
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=timeout, preexec_fn=_no_core)
    except subprocess.TimeoutExpired:
        return "timeout", ""
    except OSError as e:
        return "exec-error", str(e)
    return p.returncode, p.stderr.decode("utf-8", "replace")[-500:]


def _action_args(action: str, out_dir: str) -> Tuple[List[str], str]:
    """Compiler arguments for a dg-do action and the output file."""
    if action == "run" or action == "link":
        exe = os.path.join(out_dir, "t.exe")
        return ["-o", exe], exe
    obj = os.path.join(out_dir, "t.o")
    return ["-c", "-o", obj], obj


def build_and_run(cc: List[str], args: List[str], path: str, action: str, qemu: List[str],
                  run_timeout: float, in_process: bool = False) -> Dict[str, object]:
    """Compile path with cc (or lcc in-process), then run it when action is
    "run". The result dict: code (compiler exit status), stderr, and for
    run tests run_code / run_stderr."""
    out_dir = tempfile.mkdtemp(prefix="lcc-run-")
    try:
        extra, out = _action_args(action, out_dir)
        libs = LINK_LIBS if action in ("run", "link") else []
        if in_process:
            result = run_lcc(args + [path] + extra + libs)
        else:
            try:
                p = subprocess.run(cc + args + [path] + extra + libs, capture_output=True,
                                   text=True, errors="replace", timeout=300)
                result = {"code": p.returncode, "stderr": p.stderr[-8000:]}
            except subprocess.TimeoutExpired:
                result = {"code": "timeout", "stderr": ""}
        if result.get("code") == 0 and action == "run":
            start = time.monotonic()
            code, err = run_binary(qemu + [out], run_timeout)
            result["run_code"] = code
            result["run_stderr"] = err
            result["run_seconds"] = round(time.monotonic() - start, 3)
        return result
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)


def gcc_runner(run_timeout: float, action_of: Dict[str, str], qemu: List[str]):  # type: ignore[no-untyped-def]
    """The oracle's runner (oracle.verdicts): cmd is [gcc, args..., path]."""

    def run(cmd: List[str], timeout: float) -> dict:
        path = cmd[-1]
        r = build_and_run([cmd[0]], cmd[1:-1], path, action_of.get(path, "run"), qemu,
                          run_timeout)
        code = r.get("code")
        if code == "timeout":
            return {"code": "timeout", "first_error": None}
        if code != 0:
            return {"code": "compile-error", "first_error": first_error(str(r["stderr"]))}
        run_code = r.get("run_code", 0)
        if run_code == "timeout":
            # A verdict, not an oracle failure: cache it.
            return {"code": "run-timeout", "first_error": None}
        return {"code": run_code, "first_error": None}

    return run


def signal_name(code: int) -> str:
    try:
        return signal.Signals(-code).name
    except ValueError:
        return f"signal {-code}"


_LD_LINE = re.compile(r"(undefined reference to|multiple definition of|relocation"
                      r"|cannot find|requires|can not be used)")


def link_error(stderr: str) -> Optional[str]:
    """The telling line of a linker failure (collect2's own line says
    nothing)."""
    if "collect2" not in stderr and "/ld:" not in stderr and "ld returned" not in stderr:
        return None
    for line in stderr.splitlines():
        m = _LD_LINE.search(line)
        if m:
            return "link: " + line[m.start():].strip()
    return "link: " + (first_error(stderr) or "failed")


def run_group(line: Optional[str]) -> str:
    """The group of a compile error. "... is not supported yet" keeps the
    quoted name (which builtin, which operation is the point); other
    messages are normalised as in the other modes."""
    if line and "not supported" in line:
        text = line[line.find("error:"):] if "error:" in line else line
        return re.sub(r"\b\d+\b", "N", text.strip())[:200]
    return normalise(line)


def ice_group(stderr: str) -> str:
    """`ICE: <exception type and first words>`."""
    line = first_error(stderr) or ""
    i = line.find("internal compiler error")
    text = line[i + len("internal compiler error"):].lstrip(": ") if i >= 0 else line
    if not text and "Traceback" in stderr:
        text = [x for x in stderr.splitlines() if x.strip()][-1]
    words = normalise(text).split()
    return "ICE: " + " ".join(words[:8])


def execute_run(task: Dict[str, object]) -> Dict[str, object]:
    """The pool worker's task kind "run"."""
    cc = task.get("cc")
    argv: List[str] = list(task["argv"])  # type: ignore[call-overload]
    return build_and_run([str(cc)] if cc else [], argv, str(task["path"]),
                         str(task["action"]), list(task["qemu"]),  # type: ignore[call-overload]
                         float(task["run_timeout"]),  # type: ignore[arg-type]
                         in_process=not cc)
