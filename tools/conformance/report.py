"""Tables on the terminal, JSON in results/, and comparison of two runs."""
from __future__ import annotations

import json
import os
import platform
import subprocess
import time
from typing import Dict, List, Optional, Sequence, Tuple

from tabulate import tabulate

from tools.conformance.harness import ROOT, Run
from tools.conformance.modes import GOOD

RESULTS = os.path.join(ROOT, "results")


def summary_row(run: Run) -> List[object]:
    n = run.gcc_accepts()
    return [run.target, run.mode.tag, "+".join(run.suites), len(run.records),
            run.count("skip"), n, run.count("pass"),
            f"{100.0 * run.acceptance():.2f}%" if n else "-",
            run.count("reject"), run.count("differ"), run.count("runtime"), run.count("ice"),
            run.count("crash"),
            run.count("timeout"), run.count("agree-reject"), run.count("false-accept"),
            f"{run.seconds:.0f}s"]


SUMMARY_HEADERS = ["target", "mode", "suites", "tests", "skipped", "gcc ok", "lcc ok",
                   "acceptance", "reject", "differ", "runtime", "ICE", "crash", "timeout",
                   "both reject", "false accept", "time"]


def summary_table(runs: Sequence[Run]) -> str:
    return tabulate([summary_row(r) for r in runs], headers=SUMMARY_HEADERS)


def groups_table(run: Run, limit: int = 40) -> str:
    """Failures grouped by cause, largest first, each with a command that
    reproduces one member."""
    rows = []
    for group, records in run.groups()[:limit]:
        example = records[0]
        rows.append([len(records), group[:90], example.test.name,
                     run.mode.reproduce(example.test)])
    more = len(run.groups()) - limit
    text = tabulate(rows, headers=["count", "cause (first diagnostic, normalised)",
                                   "example", "reproduce"])
    if more > 0:
        text += f"\n... and {more} smaller groups (all in the JSON file)"
    return text


def lcc_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"


def to_json(run: Run) -> Dict[str, object]:
    return {
        "meta": {"target": run.target, "mode": run.mode.name, "tag": run.mode.tag,
                 "suites": run.suites,
                 "flags": run.flags, "started": run.started, "seconds": round(run.seconds, 1),
                 "commit": lcc_commit(),
                 # Set when lcc was broken on purpose (breakage.py).
                 "broken": os.environ.get("LCC_CONFORMANCE_BREAK", ""),
                 "python": f"{platform.python_implementation()} {platform.python_version()}"},
        "summary": dict(zip(SUMMARY_HEADERS, summary_row(run))),
        "groups": [{"cause": g, "count": len(rs), "tests": [r.test.name for r in rs],
                    "reproduce": run.mode.reproduce(rs[0].test)} for g, rs in run.groups()],
        "tests": {r.test.name: r.as_json() for r in run.records},
    }


def save(run: Run, directory: str = RESULTS) -> str:
    """Write results/<time>-<target>-<mode>.json and the latest-* copy;
    returns the timestamped path."""
    os.makedirs(directory, exist_ok=True)
    data = json.dumps(to_json(run), indent=1, sort_keys=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    tag = run.mode.tag
    path = os.path.join(directory, f"{stamp}-{run.target}-{tag}.json")
    for p in (path, os.path.join(directory, f"latest-{run.target}-{tag}.json")):
        tmp = p + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(tmp, p)
    return path


def _meta(path: str) -> Dict[str, object]:
    try:
        with open(path, encoding="utf-8") as f:
            return dict(json.load(f).get("meta", {}))
    except (OSError, ValueError):
        return {}


def _old_tag(meta: Dict[str, object]) -> object:
    """The tag of a file written before meta had one."""
    if meta.get("mode") == "run":
        flags = meta.get("flags") or []
        opt = next((f for f in flags if str(f).startswith("-O")), "-O0")  # type: ignore[union-attr]
        return f"run{opt}"
    return meta.get("mode")


def comparison_files(paths: Sequence[str]) -> List[str]:
    """The JSON files named by --compare: files as given, directories as
    their latest-*.json (else every *.json in them)."""
    out: List[str] = []
    for p in paths:
        if os.path.isdir(p):
            names = sorted(n for n in os.listdir(p) if n.endswith(".json"))
            latest = [n for n in names if n.startswith("latest-")]
            out += [os.path.join(p, n) for n in (latest or names)]
        elif os.path.exists(p):
            out.append(p)
        else:
            raise SystemExit(f"--compare: {p} not found")
    return out


def matching_file(run: Run, paths: Sequence[str], single: bool = False) -> Optional[str]:
    """The file among paths from the same target and mode tag as run (the
    newest if several); with single (one file named explicitly), that file
    when at least its target matches (e.g. -O2 against -O0)."""
    best: Optional[Tuple[str, str]] = None
    for p in paths:
        meta = _meta(p)
        tag = meta.get("tag") or _old_tag(meta)
        if meta.get("target") == run.target and tag == run.mode.tag:
            started = str(meta.get("started", ""))
            if best is None or started > best[0]:
                best = (started, p)
    if best is not None:
        return best[1]
    if single and paths and _meta(paths[0]).get("target") == run.target:
        return paths[0]
    return None


def compare(run: Run, old_path: str) -> Tuple[List[Tuple[str, str, str]],
                                              List[Tuple[str, str, str]]]:
    """(newly failing, newly passing) as (test, old status, new status)
    for tests present in both runs."""
    with open(old_path, encoding="utf-8") as f:
        old = json.load(f)["tests"]
    worse, better = [], []
    for r in run.records:
        before = old.get(r.test.name)
        if before is None:
            continue
        was_good = before["status"] in GOOD or before["status"] == "skip"
        is_good = r.status in GOOD or r.status == "skip"
        if was_good and not is_good:
            now = r.group if r.group.startswith(r.status) else f"{r.status}: {r.group}"
            worse.append((r.test.name, before["status"], now[:80]))
        elif is_good and not was_good:
            better.append((r.test.name, before["status"], r.status))
    return worse, better


def compare_text(run: Run, old_path: str) -> str:
    worse, better = compare(run, old_path)
    parts = [f"compared with {old_path}: {len(worse)} newly failing, "
             f"{len(better)} newly passing"]
    if worse:
        parts.append(tabulate(worse, headers=["newly failing", "was", "now"]))
    if better:
        # Newly failing tests are all listed; good news is capped.
        parts.append(tabulate(better[:40], headers=["newly passing", "was", "now"]))
        if len(better) > 40:
            parts.append(f"... and {len(better) - 40} more newly passing")
    return "\n".join(parts)
