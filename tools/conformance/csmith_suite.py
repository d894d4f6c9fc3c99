"""`--suite csmith`: csmith's random programs as a conformance suite.

    python -m tools.conformance --suite csmith --seeds 1-300 -O 0 -j 2

Each seed is one test, `csmith/<seed>.c`. The program is generated once
into build/csmith/src/ (csmith is deterministic for a seed and version).
The oracle is gcc at -O0 and -O2, as in tools/csmith_run.py (whose
functions do the building and running here): both must print the same
`checksum = ...` line, else the seed is not counted (`gcc-fail`, undefined
behaviour or a program too slow for the time limit). lcc builds the
program in-process in a pool worker at the harness's -O level and runs it;
pass = the same checksum line. A different checksum is a `differ` with the
group `wrong checksum`; build failures, crashes and timeouts are grouped as
in `--mode run`. The results go through the same table, JSON and
`--compare` as the torture suites.
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, Optional, Tuple

from tools.conformance.dg import TortureTest
from tools.conformance.modes import ROOT, Mode
from tools.conformance.pool import CRASH, TIMEOUT, Outcome
from tools.conformance.runmode import ice_group, link_error, run_group

SRC_DIR = os.path.join(ROOT, "build", "csmith", "src")
# gcc's two reference levels.
REFERENCE = ("-O0", "-O2")
# csmith's programs call fabsf and friends (gcc expands them inline).
LIBS = ["-lm"]
# A csmith program is a few thousand lines: lcc needs far longer than for
# a torture test.
COMPILE_TIMEOUT = 300.0
RUN_TIMEOUT = 10.0


def _csmith_run():  # type: ignore[no-untyped-def]
    # tools/csmith_run.py is also a script; import it as a module.
    from tools import csmith_run
    return csmith_run


def available() -> Optional[str]:
    """None when csmith and its headers are installed, else what is missing."""
    cr = _csmith_run()
    if not os.path.exists(cr.CSMITH):
        return "csmith is not installed (tools/install-deps.sh)"
    if not os.path.isdir(cr.CSMITH_INCLUDE):
        return f"{cr.CSMITH_INCLUDE} is missing (libcsmith-dev)"
    return None


def parse_seeds(text: str) -> List[int]:
    return _csmith_run().parse_seeds(text)


def _version() -> str:
    cr = _csmith_run()
    try:
        out = subprocess.run([cr.CSMITH, "--version"], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return " ".join(out.split())[:80]


def program(seed: int, src_dir: str = SRC_DIR) -> str:
    """The path of seed's program, generated if it is not there yet. The
    directory is per csmith version, so an upgrade regenerates."""
    version = _version()
    stamp = os.path.join(src_dir, "VERSION")
    os.makedirs(src_dir, exist_ok=True)
    try:
        with open(stamp, encoding="utf-8") as f:
            same = f.read().strip() == version
    except OSError:
        same = False
    if not same:
        for name in os.listdir(src_dir):
            if name.endswith(".c"):
                os.unlink(os.path.join(src_dir, name))
        with open(stamp, "w", encoding="utf-8") as f:
            f.write(version + "\n")
    path = os.path.join(src_dir, f"{seed}.c")
    if not os.path.exists(path):
        tmp = f"{path}.{os.getpid()}.tmp"
        trouble = _csmith_run().generate(seed, tmp)
        if trouble is not None:
            raise RuntimeError(f"csmith --seed {seed}: {trouble}")
        os.replace(tmp, path)
    return path


def collect(seeds: List[int], jobs: int = 1, src_dir: str = SRC_DIR) -> List[TortureTest]:
    """One test per seed (csmith runs in threads: it is a subprocess)."""
    program(seeds[0], src_dir) if seeds else None  # settle the VERSION stamp once
    with ThreadPoolExecutor(max(1, jobs)) as ex:
        paths = list(ex.map(lambda s: program(s, src_dir), seeds))
    tests = []
    for path in paths:
        t = TortureTest(path, "csmith")
        t.action = "run"
        tests.append(t)
    return tests


def gcc_runner(run_timeout: float, qemu: List[str]):  # type: ignore[no-untyped-def]
    """The oracle's runner (oracle.verdicts): cmd is [gcc, args..., path];
    the verdict holds gcc's checksum line when -O0 and -O2 agree."""
    cr = _csmith_run()

    def run(cmd: List[str], timeout: float) -> dict:
        work = tempfile.mkdtemp(prefix="lcc-csmith-gcc-")
        try:
            got = []
            for i, lvl in enumerate(REFERENCE):
                o = cr.build_and_run([cmd[0], lvl], dict(os.environ), cmd[-1],
                                     os.path.join(work, f"g{i}"), timeout, run_timeout,
                                     LIBS, runner=qemu)
                got.append(o)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if any(o.kind in ("timeout", "compile-timeout") for o in got):
            # Load-dependent: not cached.
            return {"code": "timeout", "first_error": None}
        why = "; ".join(f"gcc {lvl}: {o!r}" for lvl, o in zip(REFERENCE, got))
        if any(o.kind != "ok" for o in got) or got[0].text != got[1].text:
            return {"code": "disagree", "first_error": why[:300]}
        return {"code": 0, "first_error": None, "checksum": got[0].text}

    return run


def execute_csmith(task: Dict[str, object]) -> Dict[str, object]:
    """The pool worker's task kind "csmith": lcc builds in-process, runs."""
    cr = _csmith_run()
    work = tempfile.mkdtemp(prefix="lcc-csmith-")
    try:
        argv: List[str] = list(task["argv"])  # type: ignore[call-overload]
        o = cr.build_and_run(argv, {}, str(task["path"]), os.path.join(work, "t"),
                             COMPILE_TIMEOUT, float(task["run_timeout"]),  # type: ignore[arg-type]
                             LIBS, in_process=True,
                             runner=list(task["qemu"]))  # type: ignore[call-overload]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"code": 0 if o.kind not in ("compile-error", "ice", "compile-timeout") else 1,
            "kind": o.kind, "text": o.text, "stderr": o.text}


class CsmithMode(Mode):
    """lcc's checksum against gcc's (see the module comment)."""

    name = "csmith"

    def __init__(self, target: str, gcc: str, flags: List[str]) -> None:
        super().__init__(target, gcc, flags)
        self.run_timeout = RUN_TIMEOUT
        from lcc.target import TARGETS
        self.qemu = list(TARGETS[target].qemu)

    def configure(self, cc: Optional[str] = None,
                  run_timeout: Optional[float] = None) -> None:
        if cc:
            raise SystemExit("--cc is for --mode run; tools/csmith_run.py --cc checks "
                             "another compiler against gcc")
        if run_timeout is not None:
            self.run_timeout = run_timeout

    @property
    def tag(self) -> str:
        opt = next((f for f in self.flags if f.startswith("-O")), "-O0")
        return f"csmith{opt}"

    def gcc_args(self, test: TortureTest) -> List[str]:
        # The levels are the runner's; the run time limit changes verdicts.
        return ["-w", "-I", _csmith_run().CSMITH_INCLUDE, f"--run-timeout={self.run_timeout:g}"]

    def lcc_args(self, test: TortureTest) -> List[str]:
        return [f"--target={self.target}"] + self.flags

    def task(self, test: TortureTest) -> Dict[str, object]:
        return {"kind": "csmith", "argv": self.lcc_args(test), "path": test.path,
                "qemu": self.qemu, "run_timeout": self.run_timeout}

    def oracle_runner(self, tests: List[TortureTest]):  # type: ignore[no-untyped-def]
        return gcc_runner(self.run_timeout, self.qemu)

    def no_verdict(self, verdict: Optional[dict]) -> Optional[str]:
        if verdict is None or verdict.get("code") in ("timeout", "missing"):
            return "gcc could not give a verdict (timeout)"
        if verdict.get("code") != 0:
            return "gcc -O0/-O2 disagree: " + str(verdict.get("first_error"))[:80]
        return None

    def classify(self, verdict: Optional[dict], outcome: Outcome) -> Tuple[str, str]:
        why = self.no_verdict(verdict)
        if why is not None:
            return "gcc-fail", why
        if outcome.kind == TIMEOUT:
            return "timeout", "timeout (compile)"
        if outcome.kind == CRASH:
            return "crash", outcome.detail
        r = outcome.value
        kind, text = str(r.get("kind")), str(r.get("text", ""))
        if kind == "ok":
            if text == verdict.get("checksum"):
                return "pass", ""
            return "differ", "wrong checksum"
        if kind == "ice":
            return "ice", ice_group(text)
        if kind == "compile-error":
            return "reject", link_error(text) or run_group(text)
        if kind == "compile-timeout":
            return "timeout", "timeout (compile)"
        if kind == "timeout":
            return "timeout", "timeout (run)"
        if kind == "crash":
            from tools.conformance.runmode import signal_name
            return "runtime", "runtime: " + signal_name(-int(text.split()[-1]))
        return "runtime", f"runtime: {text}"

    def reproduce(self, test: TortureTest) -> str:
        inc = _csmith_run().CSMITH_INCLUDE
        rel = os.path.relpath(test.path, ROOT)
        flags = " ".join(shlex.quote(a) for a in self.lcc_args(test))
        run = " ".join(self.qemu + ["/tmp/t"])
        return (f"python -m lcc {flags} -w -I {inc} {rel} -lm -o /tmp/t && {run}; "
                f"{self.gcc} -w -I {inc} {rel} -lm -o /tmp/g && {' '.join(self.qemu + ['/tmp/g'])}")
