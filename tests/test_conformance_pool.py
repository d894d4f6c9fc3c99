"""The conformance harness's process pool: a task that exhausts a worker's
memory must not make the following tasks fail (the worker is replaced)."""
from __future__ import annotations

from typing import List

import pytest

from tools.conformance import pool

_LEAK: List[bytearray] = []


def _task(kind: str) -> str:
    """'hog' fills the address space and keeps it (as an interpreter keeps
    its heap after a MemoryError); 'work' needs 64 MB."""
    try:
        if kind == "hog":
            while True:
                _LEAK.append(bytearray(16 << 20))
        buf = bytearray(64 << 20)
        return f"ok {len(buf)}"
    except MemoryError:
        return "lcc: internal compiler error: MemoryError"


@pytest.mark.skipif(not pool._address_space(), reason="needs /proc/self/statm")
def test_worker_replaced_after_memory_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # room for 'work' but not for 'hog', above what the forked worker starts with
    monkeypatch.setattr(pool, "MEMORY_LIMIT", pool._address_space() + (512 << 20))
    tasks = ["work", "hog", "work", "work", "work"]
    got = [(t, o.kind, o.value) for t, o in pool.run_tasks(_task, tasks, 1, 60)]
    assert [k for _, k, _ in got] == ["ok"] * 5
    assert [v for _, _, v in got].count("lcc: internal compiler error: MemoryError") == 1
    assert [v for t, _, v in got if t == "work"] == [f"ok {64 << 20}"] * 4
