"""The conformance run as a library: collect tests, ask gcc, run lcc.

    from tools.conformance.harness import run_suite
    run = run_suite("x86_64", "syntax", ["compile", "execute"], flags=["-O0"])
    run.acceptance()      # lcc accepts / gcc accepts
    run.groups()          # failures grouped by cause, largest first

tests/test_torture_syntax.py and the command line (`python -m
tools.conformance`) both sit on this.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Callable, Dict, List, Optional, Sequence

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from lcc.target import TARGETS  # noqa: E402
from tools.conformance import oracle  # noqa: E402
from tools.conformance.dg import TortureTest, load_test  # noqa: E402
from tools.conformance.modes import FAILING, MODES, Mode  # noqa: E402
from tools.conformance.csmith_suite import CsmithMode  # noqa: E402
from tools.conformance.layout_suite import LayoutMode  # noqa: E402
from tools.conformance.pool import Outcome, run_tasks  # noqa: E402
from tools.conformance.progress import Progress  # noqa: E402
from tools.conformance.worker import execute, warm_up  # noqa: E402

SUITES = ("compile", "execute")
# Suites that are not torture directories; each has its own mode.
EXTRA_SUITES = ("csmith", "layout")
WARM_UP_FILE = os.path.join(ROOT, "examples", "hello.c")


ALL_MODES = dict(MODES, csmith=CsmithMode, layout=LayoutMode)
# Seconds for one lcc task when run_suite is not told (a csmith program is
# thousands of lines).
DEFAULT_TIMEOUT = {"csmith": 300.0}


def generates_code(target: str) -> bool:
    """Whether lcc has a back end for target (its run modes are possible):
    a back end is a package lcc/target/<name>/."""
    return os.path.isdir(os.path.join(ROOT, "lcc", "target", target))


def torture_files(suite: str) -> List[str]:
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    try:
        import corpora
    finally:
        sys.path.pop(0)
    return corpora.torture_tests(suite)


class Record:
    """One test's result in a run."""

    __slots__ = ("test", "status", "group", "seconds", "lcc_code", "gcc_code",
                 "first_error", "detail")

    def __init__(self, test: TortureTest, status: str, group: str = "",
                 seconds: float = 0.0) -> None:
        self.test = test
        self.status = status
        self.group = group
        self.seconds = seconds
        self.lcc_code: object = None
        self.gcc_code: object = None
        self.first_error: Optional[str] = None
        self.detail = ""

    def as_json(self) -> Dict[str, object]:
        return {"status": self.status, "group": self.group, "seconds": round(self.seconds, 3),
                "options": self.test.options, "lcc_code": self.lcc_code,
                "gcc_code": self.gcc_code, "first_error": self.first_error,
                "detail": self.detail, "skip": self.test.skip, "path": self.test.path}


class Run:
    """The results of one target, mode and set of suites."""

    def __init__(self, target: str, mode: Mode, suites: Sequence[str], flags: List[str]) -> None:
        self.target = target
        self.mode = mode
        self.suites = list(suites)
        self.flags = flags
        self.records: List[Record] = []
        self.seconds = 0.0
        self.started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())

    def count(self, *statuses: str) -> int:
        return sum(1 for r in self.records if r.status in statuses)

    def gcc_accepts(self) -> int:
        """Tests the oracle accepts: the denominator of acceptance."""
        return self.count("pass", *FAILING)

    def acceptance(self) -> float:
        n = self.gcc_accepts()
        return self.count("pass") / n if n else 0.0

    def failures(self) -> List[Record]:
        return [r for r in self.records if r.status in FAILING or r.status == "false-accept"]

    def groups(self) -> List[tuple]:
        """[(group, [records])] for failing tests, largest group first;
        false accepts form their own groups."""
        by: Dict[str, List[Record]] = {}
        for r in self.failures():
            key = r.group if r.status != "false-accept" else "false accept: " + r.group
            by.setdefault(key, []).append(r)
        return sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def collect(target: str, suites: Sequence[str], flags: List[str],
            files: Optional[Sequence[str]] = None, seeds: Optional[List[int]] = None,
            jobs: int = 1) -> List[TortureTest]:
    """The tests of suites (or just files, paths under a suite dir); seeds
    are csmith's."""
    tests: List[TortureTest] = []
    if "csmith" in suites and files is None:
        from tools.conformance import csmith_suite
        missing = csmith_suite.available()
        if missing:
            raise SystemExit(f"--suite csmith: {missing}")
        return csmith_suite.collect(seeds or csmith_suite.parse_seeds("1-20"), jobs)
    if "layout" in suites and files is None:
        from tools.conformance import layout_suite
        return layout_suite.collect(target)
    if files is not None:
        for path in files:
            suite = os.path.basename(os.path.dirname(path))
            if "csmith" in suites or "layout" in suites:
                # Generated programs carry no dg directives.
                t = TortureTest(path, suites[0])
                t.action = "run" if suites[0] == "csmith" else "compile"
                tests.append(t)
            else:
                tests.append(load_test(path, suite, target, flags))
        return tests
    for suite in suites:
        for path in torture_files(suite):
            tests.append(load_test(path, suite, target, flags))
    return tests


def run_suite(target: str, mode_name: str = "syntax", suites: Sequence[str] = SUITES,
              flags: Optional[List[str]] = None, jobs: Optional[int] = None,
              timeout: Optional[float] = None, files: Optional[Sequence[str]] = None,
              progress: bool = False,
              on_record: Optional[Callable[[Record], None]] = None,
              cc: Optional[str] = None, run_timeout: Optional[float] = None,
              seeds: Optional[List[int]] = None,
              lcc_flags: Sequence[str] = ()) -> Run:
    """cc / run_timeout: --mode run only (a compiler standing in for lcc,
    e.g. gcc to check the harness; the time limit of a test program).
    mode "csmith" (suite csmith, the given seeds) and "layout" (suite
    layout) are the generated suites; timeout defaults per mode.
    lcc_flags: run mode, options given to lcc only (-fintegrated-as)."""
    flags = list(flags or [])
    jobs = jobs or (os.cpu_count() or 1)
    if timeout is None:
        timeout = DEFAULT_TIMEOUT.get(mode_name, 30.0)
    mode = ALL_MODES[mode_name](target, TARGETS[target].gcc, flags)
    mode.configure(cc=cc, run_timeout=run_timeout)
    if lcc_flags:
        if mode_name != "run" or cc:
            raise SystemExit("--lcc-flag is for --mode run with lcc")
        mode.lcc_flags = list(lcc_flags)
    if mode_name in EXTRA_SUITES:
        suites = [mode_name]
    elif files is not None:
        suites = sorted({os.path.basename(os.path.dirname(f)) for f in files})
    run = Run(target, mode, suites, flags)
    start = time.monotonic()
    tests = collect(target, suites, flags, files, seeds, jobs)
    active = []
    for t in tests:
        if t.skip is not None:
            run.records.append(Record(t, "skip", t.skip))
        else:
            active.append(t)
    verdicts: Dict[str, dict] = {}
    if mode.cached_oracle and active:
        cache = oracle.VerdictCache(target, mode.name)
        bar = Progress(f"gcc {target} {mode.name}", 0) if progress else None

        def tick(done: int, total: int) -> None:
            if bar is not None:
                bar.total = total
                bar.update(done)

        verdicts = oracle.verdicts([(t.name, t.path, mode.gcc, mode.gcc_args(t)) for t in active],
                                   cache, jobs, timeout, tick, mode.oracle_runner(active))
        if bar is not None:
            bar.close()
        # No reference, no verdict: lcc's build would be wasted (a csmith
        # seed whose gcc binary hangs costs a run time limit).
        runnable = []
        for t in active:
            why = mode.no_verdict(verdicts.get(t.name))
            if why is None:
                runnable.append(t)
            else:
                run.records.append(Record(t, "gcc-fail", why))
        active = runnable
    from tools.conformance.breakage import apply_from_env
    broken = apply_from_env()
    if broken and progress:
        print(f"note: lcc deliberately broken ({broken}) for this run", file=sys.stderr)
    warm_up(WARM_UP_FILE, target)
    by_task = {}
    tasks = []
    for i, t in enumerate(active):
        task = mode.task(t)
        task["id"] = i
        by_task[i] = t
        tasks.append(task)
    bar = Progress(f"lcc {target} {mode.name}", len(tasks)) if progress else None
    done = 0
    bad = 0
    # A run-mode task also runs the program (up to its own limit).
    task_timeout = timeout + float(getattr(mode, "run_timeout", 0.0))
    for task, outcome in run_tasks(execute, tasks, jobs, task_timeout):
        t = by_task[task["id"]]  # type: ignore[index]
        rec = _record(mode, t, verdicts.get(t.name), outcome)
        run.records.append(rec)
        done += 1
        if rec.status in FAILING or rec.status == "false-accept":
            bad += 1
        if bar is not None:
            bar.update(done, f"{bad} bad")
        if on_record is not None:
            on_record(rec)
    if bar is not None:
        bar.close()
    run.records.sort(key=lambda r: r.test.name)
    run.seconds = time.monotonic() - start
    return run


def _record(mode: Mode, test: TortureTest, verdict: Optional[dict], outcome: Outcome) -> Record:
    from tools.conformance.lccrun import first_error

    status, group = mode.classify(verdict, outcome)
    rec = Record(test, status, group, outcome.seconds)
    if outcome.kind == "ok":
        value = outcome.value
        rec.lcc_code = value.get("code")
        rec.first_error = first_error(str(value.get("stderr", "")))
        rec.detail = str(value.get("diff", ""))
        if "run_code" in value:
            rec.detail = f"run: {value['run_code']} {value.get('run_stderr', '')}".strip()
        if "gcc_code" in value:
            rec.gcc_code = value["gcc_code"]
    else:
        rec.lcc_code = outcome.kind
        rec.detail = outcome.detail
    if verdict is not None:
        rec.gcc_code = verdict.get("code")
    return rec
