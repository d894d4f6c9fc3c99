"""Mutated C inputs for the robustness test (issue 2, acceptance 6).

Each mutant is a torture test with one to three random edits: delete,
duplicate or swap tokens, delete, duplicate or swap lines, or truncate the
file. Mutant number i of seed s is always the same file (its own
random.Random(f"{s}:{i}")), so a failure is reproduced by its number.

Whatever lcc makes of a mutant, it must exit with status 0 or 1, print no
traceback or `internal compiler error`, and finish within the time limit
(10 s of CPU time; a worker still running after max(3 x limit, limit + 20)
seconds of wall-clock time is killed and reported as a timeout).

    python -m tools.conformance.mutate --count 20000 -j 2
    python -m tools.conformance.mutate --show 1234      # print mutant 1234
"""
from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from typing import Dict, List, Optional, Sequence, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

DEFAULT_SEED = 20261124
# Bigger bases make slow mutants without finding more: most torture tests
# are under 1 kB.
MAX_BASE_BYTES = 6000

_TOKEN = re.compile(
    r"""/\*.*?\*/|//[^\n]*|\s+"""
    r"""|[LuU8]*"(?:\\.|[^"\\\n])*"?|[LuU8]*'(?:\\.|[^'\\\n])*'?"""
    r"""|\.?\d(?:[eEpP][+-]|[\w.])*|[A-Za-z_]\w*"""
    r"""|\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^!=<>]=|##|\S""",
    re.S)


def split_tokens(text: str) -> List[str]:
    """The text as a list of pieces (tokens, comments, whitespace) that
    join back to it exactly."""
    return _TOKEN.findall(text)


def _is_token(piece: str) -> bool:
    return not piece.isspace() and not piece.startswith(("/*", "//"))


def mutate_text(text: str, rng: random.Random) -> Tuple[str, List[str]]:
    """Apply 1-3 random edits; returns the new text and what was done."""
    done: List[str] = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        op = rng.choice(("del-token", "dup-token", "swap-tokens", "del-line", "dup-line",
                         "swap-lines", "truncate"))
        if op.endswith(("token", "tokens")):
            pieces = split_tokens(text)
            idx = [i for i, p in enumerate(pieces) if _is_token(p)]
            if len(idx) < 2:
                continue
            i = rng.choice(idx)
            if op == "del-token":
                pieces[i] = ""
            elif op == "dup-token":
                pieces[i] = pieces[i] + " " + pieces[i]
            else:
                j = rng.choice(idx)
                pieces[i], pieces[j] = pieces[j], pieces[i]
            text = "".join(pieces)
        elif op == "truncate":
            if not text:
                continue
            text = text[:rng.randrange(len(text))]
        else:
            lines = text.split("\n")
            if len(lines) < 2:
                continue
            i = rng.randrange(len(lines))
            if op == "del-line":
                del lines[i]
            elif op == "dup-line":
                lines.insert(i, lines[i])
            else:
                j = rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        done.append(op)
    return text, done


def base_files() -> List[str]:
    from tools.conformance.harness import torture_files

    files = torture_files("compile") + torture_files("execute")
    return [f for f in files if os.path.getsize(f) <= MAX_BASE_BYTES]


def make_mutant(bases: Sequence[str], seed: int, index: int) -> Tuple[str, str, List[str]]:
    """(text, base path, edits) of mutant number index."""
    rng = random.Random(f"{seed}:{index}")
    base = bases[rng.randrange(len(bases))]
    with open(base, encoding="latin-1") as f:
        text = f.read()
    new, edits = mutate_text(text, rng)
    return new, base, edits


_BASES: List[str] = []


def generate_and_run(task: Dict[str, object]) -> Dict[str, object]:
    """Worker side: make mutant task["index"], write it, run lcc on it.
    Generating in the workers keeps the parent from being the bottleneck;
    the file is removed again unless the run went wrong."""
    from tools.conformance.lccrun import is_ice, run_lcc

    if not _BASES:
        _BASES.extend(base_files())
    index = int(task["index"])  # type: ignore[call-overload]
    text, base, edits = make_mutant(_BASES, int(task["seed"]), index)  # type: ignore
    path = os.path.join(str(task["dir"]), f"m{index:06d}.c")
    with open(path, "w", encoding="latin-1") as f:
        f.write(text)
    start, cpu = time.monotonic(), time.process_time()
    result = run_lcc([f"--target={task['target']}", "-fsyntax-only", "-w", path])
    result["seconds"] = time.monotonic() - start
    result["cpu"] = time.process_time() - cpu
    result["base"] = os.path.relpath(base, ROOT)
    result["edits"] = edits
    result["path"] = path
    if not task.get("keep") and result["code"] in (0, 1) and not is_ice(str(result["stderr"])):
        os.unlink(path)
    return result


def check_outcome(outcome: object) -> Optional[str]:
    """Why a mutant's run is unacceptable, or None when it is fine."""
    from tools.conformance.lccrun import first_error, is_ice
    from tools.conformance.pool import Outcome

    assert isinstance(outcome, Outcome)
    if outcome.kind != "ok":
        return f"{outcome.kind}: {outcome.detail}"
    r = outcome.value
    stderr = str(r.get("stderr", ""))
    if is_ice(stderr):
        return "ICE: " + (first_error(stderr) or "")[:150]
    if r.get("code") not in (0, 1):
        return f"exit status {r.get('code')}"
    return None


def run_mutants(count: int, seed: int = DEFAULT_SEED, jobs: Optional[int] = None,
                timeout: float = 10.0, target: str = "x86_64", start: int = 0,
                keep: Optional[str] = None,
                progress: bool = False) -> Tuple[List[Dict[str, object]], float, Dict[str, int]]:
    """Run lcc -fsyntax-only on count mutants; returns (problems, seconds,
    exit-status counts). Each problem names the mutant, its base file, the
    edits and the reason."""
    from tools.conformance.harness import WARM_UP_FILE
    from tools.conformance.pool import run_tasks
    from tools.conformance.progress import Progress
    from tools.conformance.worker import execute, warm_up

    start_time = time.monotonic()
    directory = keep or tempfile.mkdtemp(prefix="lcc-mutants-")
    os.makedirs(directory, exist_ok=True)
    if not _BASES:
        _BASES.extend(base_files())
    warm_up(WARM_UP_FILE, target)
    tasks = [{"kind": "mutant", "id": i, "index": i, "seed": seed, "target": target,
              "dir": directory, "keep": keep is not None, "argv": []}
             for i in range(start, start + count)]
    problems: List[Dict[str, object]] = []
    stats: Dict[str, int] = {}
    bar = Progress("mutants", len(tasks)) if progress else None
    done = 0
    # The limit is on CPU time, which a busy machine does not inflate; the
    # wall-clock limit that kills a hung worker is looser.
    wall_limit = max(3 * timeout, timeout + 20)
    for task, outcome in run_tasks(execute, tasks, jobs or (os.cpu_count() or 1), wall_limit):
        done += 1
        status = (f"exit {outcome.value.get('code')}" if outcome.kind == "ok"
                  else outcome.kind)
        stats[status] = stats.get(status, 0) + 1
        why = check_outcome(outcome)
        if why is None and float(outcome.value.get("cpu", 0.0)) > timeout:
            why = f"took {outcome.value['cpu']:.1f} s of CPU (limit {timeout:g} s)"
        if why is not None:
            index = int(task["index"])  # type: ignore[call-overload]
            # A worker that was killed never reported its file: remake it.
            text, base, edits = make_mutant(_BASES, seed, index)
            path = os.path.join(directory, f"m{index:06d}.c")
            with open(path, "w", encoding="latin-1") as f:
                f.write(text)
            problems.append({"index": index, "path": path, "base": os.path.relpath(base, ROOT),
                             "edits": edits, "reason": why,
                             "seconds": round(outcome.seconds, 2)})
        if bar is not None:
            bar.update(done, f"{len(problems)} bad")
    if bar is not None:
        bar.close()
    if keep is None and not problems:
        try:
            os.rmdir(directory)
        except OSError:
            pass
    problems.sort(key=lambda p: int(p["index"]))  # type: ignore[call-overload]
    return problems, time.monotonic() - start_time, stats


def summarise(problems: List[Dict[str, object]], limit: int = 20) -> str:
    """Problems grouped by reason, largest group first."""
    from tools.conformance.lccrun import normalise

    groups: Dict[str, List[Dict[str, object]]] = {}
    for p in problems:
        groups.setdefault(normalise(str(p["reason"])), []).append(p)
    lines = []
    for reason, ps in sorted(groups.items(), key=lambda kv: -len(kv[1]))[:limit]:
        ex = ps[0]
        lines.append(f"{len(ps):5d}  {reason}\n       e.g. mutant {ex['index']} of {ex['base']} "
                     f"({', '.join(ex['edits'])}): python -m lcc -fsyntax-only -w {ex['path']}")
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.conformance.mutate")
    p.add_argument("--count", type=int, default=2000)
    p.add_argument("--start", type=int, default=0, help="first mutant number")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--timeout", type=float, default=10.0)
    p.add_argument("--target", default="x86_64", choices=["x86_64", "aarch64", "riscv64"])
    p.add_argument("--keep", metavar="DIR", help="write all mutants here and keep them")
    p.add_argument("--show", type=int, metavar="N", help="print mutant N and exit")
    args = p.parse_args(argv)
    if args.show is not None:
        text, base, edits = make_mutant(base_files(), args.seed, args.show)
        sys.stderr.write(f"mutant {args.show}: {os.path.relpath(base, ROOT)} {edits}\n")
        sys.stdout.write(text)
        return 0
    problems, seconds, stats = run_mutants(args.count, args.seed, args.jobs, args.timeout,
                                           args.target, args.start, args.keep, progress=True)
    print(f"{args.count} mutants (seed {args.seed}, from {args.start}) in {seconds:.0f} s "
          f"on {args.jobs} jobs: {len(problems)} problems; "
          + ", ".join(f"{k}: {v}" for k, v in sorted(stats.items())))
    if problems:
        print(summarise(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
