"""A process pool with a hard time limit per task.

multiprocessing.Pool cannot take back a task that hangs, and a fresh
interpreter per test would pay lcc's start-up (Lark grammars) every time.
Here each worker is a long-lived forked process that runs one task at a
time; the parent watches the clock and kills a worker whose task is over
its limit (or that died, e.g. a segfault on runaway recursion), reports
that task as a timeout or crash, and forks a replacement. Forking after the
parent has warmed lcc up (imported, grammars loaded, on PyPy JIT-compiled)
gives every worker a warm start.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Tuple

# What a task ended as, besides the function's own return value.
TIMEOUT = "timeout"
CRASH = "crash"


class Outcome:
    """kind is "ok" (value holds the function's result), TIMEOUT or CRASH
    (detail says how the worker died)."""

    __slots__ = ("kind", "value", "detail", "seconds")

    def __init__(self, kind: str, value: Any = None, detail: str = "",
                 seconds: float = 0.0) -> None:
        self.kind = kind
        self.value = value
        self.detail = detail
        self.seconds = seconds


# Address-space limit per worker: a runaway compile then fails with
# MemoryError (an ICE) instead of pushing the machine into the OOM killer.
MEMORY_LIMIT = int(os.environ.get("LCC_WORKER_MEMORY_MB", "4096")) * 1024 * 1024


def _limit_memory() -> None:
    try:
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if MEMORY_LIMIT > 0 and (soft == resource.RLIM_INFINITY or soft > MEMORY_LIMIT):
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, hard))
    except (ImportError, ValueError, OSError):
        pass


def _address_space() -> int:
    """This process's virtual size in bytes (what RLIMIT_AS counts), 0 if unknown."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _spent(result: Tuple[str, Any], base: int) -> bool:
    """Whether the worker should hand over to a fresh fork after this task.
    A task that ran out of memory (lcc turns MemoryError into an ICE, so it
    shows in the result's text) or used more than half of the room the
    limit left above the fork's size (`base`) leaves a worker whose
    interpreter keeps that memory: the next tasks would fail with
    MemoryError or crash although they are fine on their own."""
    return "MemoryError" in repr(result[1]) or (
        MEMORY_LIMIT > base > 0 and _address_space() > (base + MEMORY_LIMIT) // 2)


def _worker_main(conn: Connection, func: Callable[[Any], Any]) -> None:
    # The parent handles Ctrl-C; a worker just dies with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory()
    base = _address_space()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            result: Tuple[str, Any] = ("ok", func(task))
        except BaseException as e:  # noqa: BLE001 - reported, not fatal
            result = ("error", f"{type(e).__name__}: {e}")
        spent = _spent(result, base)
        try:
            conn.send(result + (spent,))
        except (OSError, ValueError):
            return
        if spent:
            return


class _Worker:
    __slots__ = ("proc", "conn", "task", "started")

    def __init__(self, ctx: Any, func: Callable[[Any], Any]) -> None:
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, func), daemon=True)
        self.proc.start()
        child.close()
        self.conn: Connection = parent
        self.task: Any = None
        self.started = 0.0

    def kill(self) -> None:
        try:
            if self.proc.pid is not None:
                os.kill(self.proc.pid, signal.SIGKILL)
        except OSError:
            pass
        self.proc.join(5)
        self.conn.close()


def _context() -> Any:
    # fork keeps the parent's warm interpreter; spawn is the fallback where
    # fork does not exist.
    try:
        return multiprocessing.get_context("fork")
    except ValueError:
        return multiprocessing.get_context()


def run_tasks(func: Callable[[Any], Any], tasks: Iterable[Any], jobs: int,
              timeout: float) -> Iterator[Tuple[Any, Outcome]]:
    """Yield (task, Outcome) for every task, in completion order.

    func must be a module-level function (it runs in the workers). With
    jobs <= 1 the tasks still run in one worker process, so a hang or crash
    cannot take the caller down."""
    ctx = _context()
    pending: List[Any] = list(tasks)
    pending.reverse()
    jobs = max(1, min(jobs, len(pending)))
    workers: List[_Worker] = []
    try:
        for _ in range(jobs):
            workers.append(_Worker(ctx, func))
        busy: Dict[Connection, _Worker] = {}

        def assign(w: _Worker) -> None:
            if pending:
                w.task = pending.pop()
                w.started = time.monotonic()
                w.conn.send(w.task)
                busy[w.conn] = w

        def replace(w: _Worker) -> _Worker:
            """A fresh fork in w's place (w is dead or being killed)."""
            fresh = _Worker(ctx, func)
            workers[workers.index(w)] = fresh
            return fresh

        for w in workers:
            assign(w)
        while busy:
            now = time.monotonic()
            first_deadline = min(w.started + timeout for w in busy.values())
            ready = wait(list(busy), timeout=max(0.0, first_deadline - now))
            now = time.monotonic()
            for conn in ready:
                w = busy.pop(conn)  # type: ignore[arg-type]
                elapsed = now - w.started
                try:
                    kind, value, spent = conn.recv()  # type: ignore[union-attr]
                except (EOFError, OSError):
                    w.proc.join(5)
                    code = w.proc.exitcode
                    detail = (f"worker killed by signal {-code}" if code is not None and code < 0
                              else f"worker exited with status {code}")
                    yield w.task, Outcome(CRASH, detail=detail, seconds=elapsed)
                    w.conn.close()
                    assign(replace(w))
                    continue
                if kind == "ok":
                    yield w.task, Outcome("ok", value, seconds=elapsed)
                else:
                    yield w.task, Outcome(CRASH, detail=f"harness error: {value}",
                                          seconds=elapsed)
                if spent:
                    w.proc.join(5)
                    w.conn.close()
                    w = replace(w)
                assign(w)
            for w in list(busy.values()):
                if now - w.started >= timeout:
                    del busy[w.conn]
                    w.kill()
                    yield w.task, Outcome(TIMEOUT, detail=f"over {timeout:g} s",
                                          seconds=now - w.started)
                    assign(replace(w))
    finally:
        for w in workers:
            if w.proc.is_alive():
                try:
                    w.conn.send(None)
                except (OSError, ValueError):
                    pass
        deadline = time.monotonic() + 2
        for w in workers:
            w.proc.join(max(0.0, deadline - time.monotonic()))
            if w.proc.is_alive():
                w.kill()


def default_jobs() -> int:
    return os.cpu_count() or 1


def optional(value: Optional[int]) -> int:
    return value if value and value > 0 else default_jobs()
