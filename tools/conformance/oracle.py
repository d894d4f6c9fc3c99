"""gcc as the oracle, with its verdicts cached in build/conformance/.

A verdict depends only on the file's contents, the target's gcc (and its
version), the mode and the options, so it is cached under a key made of
exactly those; a rerun only runs lcc. The cache is one JSON file per target
and mode, rewritten atomically; two harnesses writing at once lose at most
each other's new entries, never the file.
"""
from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import subprocess
import tempfile
from typing import Callable, Dict, List, Optional

from tools.conformance.lccrun import first_error

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CACHE_DIR = os.environ.get("LCC_CONFORMANCE_CACHE", os.path.join(ROOT, "build", "conformance"))

_versions: Dict[str, str] = {}


def gcc_version(gcc: str) -> str:
    if gcc not in _versions:
        try:
            out = subprocess.run([gcc, "-dumpfullversion"], capture_output=True, text=True,
                                 timeout=30).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            out = "missing"
        _versions[gcc] = out or "unknown"
    return _versions[gcc]


def file_digest(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha1(f.read()).hexdigest()


class VerdictCache:
    def __init__(self, target: str, mode: str) -> None:
        self.path = os.path.join(CACHE_DIR, f"gcc-{target}-{mode}.json")
        self.data: Dict[str, dict] = {}
        self.dirty = False
        try:
            with open(self.path, encoding="utf-8") as f:
                self.data = json.load(f)
        except (OSError, ValueError):
            self.data = {}

    @staticmethod
    def key(path: str, gcc: str, argv: List[str]) -> str:
        return "|".join([file_digest(path), gcc, gcc_version(gcc), " ".join(argv)])

    def get(self, key: str) -> Optional[dict]:
        return self.data.get(key)

    def put(self, key: str, verdict: dict) -> None:
        self.data[key] = verdict
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        os.makedirs(CACHE_DIR, exist_ok=True)
        # Merge what another run may have written meanwhile.
        try:
            with open(self.path, encoding="utf-8") as f:
                merged = json.load(f)
        except (OSError, ValueError):
            merged = {}
        merged.update(self.data)
        fd, tmp = tempfile.mkstemp(dir=CACHE_DIR, prefix=".gcc-cache-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(merged, f, sort_keys=True)
        os.replace(tmp, self.path)
        self.dirty = False


def run_gcc(cmd: List[str], timeout: float) -> dict:
    """Run one gcc command; the verdict is its exit status and first error."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                           errors="replace")
    except subprocess.TimeoutExpired:
        return {"code": "timeout", "first_error": None}
    except OSError as e:
        return {"code": "missing", "first_error": str(e)}
    return {"code": p.returncode, "first_error": first_error(p.stderr)}


def verdicts(jobs: List[tuple], cache: VerdictCache, jobs_n: int, timeout: float,
             progress: Optional[Callable[[int, int], None]] = None,
             runner: Optional[Callable[[List[str], float], dict]] = None) -> Dict[str, dict]:
    """jobs: (name, path, gcc, argv-after-gcc) tuples; returns name -> verdict,
    running gcc (in threads: it is a subprocess) only for uncached ones.
    runner(cmd, timeout) replaces run_gcc (the run mode also links and
    runs the program)."""
    run_one = runner or run_gcc
    out: Dict[str, dict] = {}
    todo = []
    for name, path, gcc, argv in jobs:
        key = cache.key(path, gcc, argv)
        hit = cache.get(key)
        if hit is not None:
            out[name] = hit
        else:
            todo.append((name, key, [gcc] + argv + [path]))
    if todo:
        done = 0
        with concurrent.futures.ThreadPoolExecutor(max(1, jobs_n)) as ex:
            futs = {ex.submit(run_one, cmd, timeout): (name, key) for name, key, cmd in todo}
            for fut in concurrent.futures.as_completed(futs):
                name, key = futs[fut]
                verdict = fut.result()
                out[name] = verdict
                if verdict["code"] not in ("timeout", "missing"):
                    cache.put(key, verdict)
                done += 1
                if progress:
                    progress(done, len(todo))
        cache.save()
    return out
