"""What a conformance run asks of lcc and of gcc, one class per --mode.

A mode says (1) which gcc command gives the oracle's verdict (cached), (2)
which task a pool worker runs for lcc, and (3) how the pair becomes a
status. Statuses: "pass" (lcc agrees with an accepting gcc),
"agree-reject" (both reject), "reject" (gcc accepts, lcc says error),
"ice" (internal compiler error or traceback), "crash" (worker died),
"timeout", "false-accept" (gcc rejects, lcc accepts), "differ" (outputs
differ), "skip" (not for this target), "gcc-fail" (the oracle itself could
not be run), and for `--mode run` (runmode.py) "runtime" (the program
lcc built failed). A new mode is a new class plus its worker task kind in
`worker.py`.
"""
from __future__ import annotations

import os
import shlex
from typing import Dict, List, Optional, Tuple

from tools.conformance.dg import TortureTest
from tools.conformance.lccrun import first_error, is_ice, normalise
from tools.conformance.pool import CRASH, TIMEOUT, Outcome
from tools.conformance.runmode import (RUN_TIMEOUT, gcc_runner, ice_group, link_error,
                                      run_group, signal_name)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Statuses that count as lcc doing what gcc does.
GOOD = {"pass", "agree-reject"}
# Statuses of tests gcc accepts but lcc does not.
FAILING = {"reject", "ice", "crash", "timeout", "differ", "runtime"}


class Mode:
    name = ""
    # Whether the oracle runs in the parent (cached) before the lcc tasks.
    cached_oracle = True

    def __init__(self, target: str, gcc: str, flags: List[str]) -> None:
        self.target = target
        self.gcc = gcc
        # Harness-wide options such as -O2.
        self.flags = flags
        # Options for lcc only (--lcc-flag), e.g. -fintegrated-as, -static.
        self.lcc_flags: List[str] = []

    @property
    def tag(self) -> str:
        """The mode's part of results/ file names."""
        return self.name

    def configure(self, cc: Optional[str] = None,
                  run_timeout: Optional[float] = None) -> None:
        """Options only some modes use (--cc, --run-timeout)."""
        if cc:
            raise SystemExit(f"--cc is for --mode run, not --mode {self.name}")

    def oracle_runner(self, tests: List[TortureTest]):  # type: ignore[no-untyped-def]
        """How the oracle runs one gcc command (None: oracle.run_gcc)."""
        return None

    def gcc_args(self, test: TortureTest) -> List[str]:
        raise NotImplementedError

    def lcc_args(self, test: TortureTest) -> List[str]:
        raise NotImplementedError

    def task(self, test: TortureTest) -> Dict[str, object]:
        raise NotImplementedError

    def no_verdict(self, verdict: Optional[dict]) -> Optional[str]:
        """Why gcc gave no usable verdict (the test is then `gcc-fail` and
        lcc is not run), or None."""
        if verdict is None or verdict.get("code") in ("timeout", "missing"):
            return "gcc could not give a verdict"
        return None

    def classify(self, verdict: Optional[dict], outcome: Outcome) -> Tuple[str, str]:
        """(status, group) for one test."""
        raise NotImplementedError

    def reproduce(self, test: TortureTest) -> str:
        """A command (run from the repository root) that shows the failure."""
        args = [os.path.relpath(a, ROOT) if a == test.path else a for a in self.lcc_args(test)]
        return "python -m lcc " + " ".join(shlex.quote(a) for a in args)


def _lcc_failure(outcome: Outcome) -> Optional[Tuple[str, str]]:
    """The status for a worker that timed out, crashed or hit an ICE."""
    if outcome.kind == TIMEOUT:
        return "timeout", f"timeout ({outcome.detail})"
    if outcome.kind == CRASH:
        return "crash", outcome.detail
    result = outcome.value
    stderr = str(result.get("stderr", ""))
    code = result.get("code")
    if code == 4 or is_ice(stderr):
        return "ice", "ICE: " + normalise(first_error(stderr))
    if code not in (0, 1):
        return "crash", f"exit status {code}"
    return None


class SyntaxMode(Mode):
    """Does `lcc -fsyntax-only -w` accept exactly what gcc accepts?"""

    name = "syntax"

    def gcc_args(self, test: TortureTest) -> List[str]:
        return ["-fsyntax-only", "-w"] + self.flags + test.options

    def lcc_args(self, test: TortureTest) -> List[str]:
        return ([f"--target={self.target}", "-fsyntax-only", "-w"] + self.flags
                + test.options + [test.path])

    def task(self, test: TortureTest) -> Dict[str, object]:
        return {"kind": "lcc", "argv": self.lcc_args(test)}

    def classify(self, verdict: Optional[dict], outcome: Outcome) -> Tuple[str, str]:
        why = self.no_verdict(verdict)
        if why is not None or verdict is None:
            return "gcc-fail", why or ""
        gcc_ok = verdict.get("code") == 0
        bad = _lcc_failure(outcome)
        if not gcc_ok:
            if bad is not None and bad[0] != "reject":
                return bad
            if outcome.kind == "ok" and outcome.value.get("code") == 0:
                return "false-accept", "accepted; gcc: " + normalise(verdict.get("first_error"))
            return "agree-reject", ""
        if bad is not None:
            return bad
        if outcome.value.get("code") == 0:
            return "pass", ""
        return "reject", normalise(first_error(str(outcome.value.get("stderr", ""))))


class PreprocessMode(Mode):
    """Does `lcc -E` give the same token sequence as `gcc -E`? The worker
    runs both (gcc's output is too big to cache usefully)."""

    name = "preprocess"
    cached_oracle = False

    def gcc_args(self, test: TortureTest) -> List[str]:
        return ["-E", "-w"] + self.flags + test.options

    def lcc_args(self, test: TortureTest) -> List[str]:
        return [f"--target={self.target}", "-E", "-w"] + self.flags + test.options + [test.path]

    def task(self, test: TortureTest) -> Dict[str, object]:
        return {"kind": "pp", "argv": self.lcc_args(test),
                "gcc": [self.gcc] + self.gcc_args(test) + [test.path]}

    def classify(self, verdict: Optional[dict], outcome: Outcome) -> Tuple[str, str]:
        bad = _lcc_failure(outcome)
        if bad is not None:
            return bad
        r = outcome.value
        if r.get("gcc_code") != 0:
            return ("agree-reject", "") if r.get("code") != 0 else (
                "false-accept", "accepted; gcc: " + normalise(r.get("gcc_error")))
        if r.get("code") != 0:
            return "reject", normalise(first_error(str(r.get("stderr", ""))))
        if r.get("same"):
            return "pass", ""
        return "differ", "tokens differ: " + normalise(str(r.get("diff_key", "")))


class RunMode(Mode):
    """Compile with lcc (or --cc), link, run; pass = exit 0, counted only
    when gcc's own binary passes."""

    name = "run"

    def __init__(self, target: str, gcc: str, flags: List[str]) -> None:
        super().__init__(target, gcc, flags)
        self.cc: Optional[str] = None  # None: lcc in-process
        self.run_timeout = RUN_TIMEOUT
        from lcc.target import TARGETS
        self.qemu = list(TARGETS[target].qemu)

    def configure(self, cc: Optional[str] = None,
                  run_timeout: Optional[float] = None) -> None:
        self.cc = cc
        if run_timeout is not None:
            self.run_timeout = run_timeout

    @property
    def tag(self) -> str:
        """Results file name part: the -O level matters here."""
        opt = next((f for f in self.flags if f.startswith("-O")), "-O0")
        extra = "".join("+" + f.lstrip("-") for f in self.lcc_flags)
        return f"run{opt}{extra}" + (f"-{os.path.basename(self.cc)}" if self.cc else "")

    def gcc_args(self, test: TortureTest) -> List[str]:
        # The action comes from the file itself, whose digest is part of
        # the verdict cache's key, so it need not be in the arguments.
        return ["-w"] + self.flags + test.options

    def lcc_args(self, test: TortureTest) -> List[str]:
        if self.cc:
            return ["-w"] + self.flags + test.options
        return [f"--target={self.target}", "-w"] + self.flags + self.lcc_flags + test.options

    def task(self, test: TortureTest) -> Dict[str, object]:
        return {"kind": "run", "argv": self.lcc_args(test), "path": test.path,
                "action": test.action, "cc": self.cc, "qemu": self.qemu,
                "run_timeout": self.run_timeout}

    def oracle_runner(self, tests: List[TortureTest]):  # type: ignore[no-untyped-def]
        return gcc_runner(self.run_timeout, {t.path: t.action for t in tests}, self.qemu)

    def no_verdict(self, verdict: Optional[dict]) -> Optional[str]:
        why = super().no_verdict(verdict)
        if why is None and verdict is not None and verdict.get("code") != 0:
            v = verdict.get("code")
            why = ("gcc: " + normalise(verdict.get("first_error"))
                   if v == "compile-error" else f"gcc's binary: {v}")
        return why

    def classify(self, verdict: Optional[dict], outcome: Outcome) -> Tuple[str, str]:
        why = self.no_verdict(verdict)
        if why is not None:
            return "gcc-fail", why
        if outcome.kind == TIMEOUT:
            return "timeout", "timeout (compile)"
        if outcome.kind == CRASH:
            return "crash", outcome.detail
        r = outcome.value
        stderr = str(r.get("stderr", ""))
        code = r.get("code")
        if code == "timeout":
            return "timeout", "timeout (compile)"
        if code == 4 or "internal compiler error" in stderr or "Traceback" in stderr:
            return "ice", ice_group(stderr)
        if code != 0:
            return "reject", link_error(stderr) or run_group(first_error(stderr))
        run_code = r.get("run_code", 0)
        if run_code == 0:
            return "pass", ""
        if run_code == "timeout":
            return "timeout", "timeout (run)"
        if isinstance(run_code, int) and run_code < 0:
            return "runtime", f"runtime: {signal_name(run_code)}"
        return "runtime", f"runtime: exit {run_code}"

    def reproduce(self, test: TortureTest) -> str:
        args = [os.path.relpath(a, ROOT) if a == test.path else a
                for a in self.lcc_args(test) + [test.path]]
        cc = self.cc or "python -m lcc"
        cmd = cc + " " + " ".join(shlex.quote(a) for a in args)
        if test.action not in ("run", "link"):
            # As the harness does it: code generation only.
            return cmd + " -c -o /tmp/t.o"
        cmd += " -lm -o /tmp/t"
        run = " ".join(self.qemu + ["/tmp/t"])
        return cmd + " && " + run if test.action == "run" else cmd


MODES = {"syntax": SyntaxMode, "preprocess": PreprocessMode, "run": RunMode}
