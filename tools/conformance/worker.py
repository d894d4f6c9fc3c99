"""The function pool workers run: one task dict in, one result dict out.

Task kinds: "lcc" (run lcc in-process, keep exit status and stderr), "pp"
(also run gcc -E and compare the token sequences), "run" (compile, link
and run a test: runmode.py), "csmith" (build and run a csmith program:
csmith_suite.py). Results hold only small
strings so the pipe back to the parent stays cheap.
"""
from __future__ import annotations

import subprocess
import time
from typing import Dict, List

from tools.conformance.lccrun import (first_difference, first_error, run_lcc,
                                      tokens_of_preprocessed)


def execute(task: Dict[str, object]) -> Dict[str, object]:
    start = time.monotonic()
    kind = task["kind"]
    argv: List[str] = list(task["argv"])  # type: ignore[call-overload]
    if kind == "lcc":
        result = run_lcc(argv)
    elif kind == "pp":
        result = _preprocess(task, argv)
    elif kind == "run":
        from tools.conformance.runmode import execute_run
        result = execute_run(task)
    elif kind == "csmith":
        from tools.conformance.csmith_suite import execute_csmith
        result = execute_csmith(task)
    elif kind == "mutant":
        from tools.conformance.mutate import generate_and_run
        result = generate_and_run(task)
    else:
        raise ValueError(f"unknown task kind {kind!r}")
    result["seconds"] = round(time.monotonic() - start, 3)
    return result


def warm_up(path: str, target: str) -> None:
    """Compile one small file so imports, grammar tables and (on PyPy) the
    JIT are ready before the workers fork."""
    try:
        run_lcc([f"--target={target}", "-fsyntax-only", "-w", path])
    except Exception:  # noqa: BLE001 - warming up is best effort
        pass


def _preprocess(task: Dict[str, object], argv: List[str]) -> Dict[str, object]:
    gcc_cmd: List[str] = list(task["gcc"])  # type: ignore[call-overload]
    try:
        # Bytes that are not UTF-8 decode as lcc's reader decodes them.
        p = subprocess.run(gcc_cmd, capture_output=True, text=True, timeout=60,
                           encoding="utf-8", errors="surrogateescape")
        gcc_code, gcc_out, gcc_err = p.returncode, p.stdout, p.stderr
    except (OSError, subprocess.TimeoutExpired) as e:
        gcc_code, gcc_out, gcc_err = -1, "", str(e)
    result = run_lcc(argv, keep_stdout=True)
    lcc_out = str(result.pop("stdout", ""))
    result["gcc_code"] = gcc_code
    result["gcc_error"] = first_error(gcc_err)
    if gcc_code == 0 and result["code"] == 0:
        a = tokens_of_preprocessed(gcc_out)
        b = tokens_of_preprocessed(lcc_out)
        index, excerpt = first_difference(a, b)
        result["same"] = index < 0
        if index >= 0:
            result["diff"] = f"token {index}:\n{excerpt}"
            ga = a[index] if index < len(a) else "<end>"
            lb = b[index] if index < len(b) else "<end>"
            # Group by the token pair, shown verbatim (backquotes: the
            # normaliser would turn quoted identifiers into 'ID').
            result["diff_key"] = f"gcc `{_short(ga)}` vs lcc `{_short(lb)}`"
    return result


def _short(tok: str) -> str:
    tok = tok.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return tok if len(tok) <= 30 else tok[:27] + "..."
