"""Register allocator tests.

Oracles:
  * lcc.regalloc.check, an abstract interpreter over the allocated code
    that tracks which original value each register and spill slot holds
    along every CFG path; run over random MFunctions (fixed seeds) with
    calls, fixed registers, two-address code, loops and high pressure;
  * a brute-force per-instruction liveness dataflow for the live ranges;
  * the checker itself is tested by corrupting correct allocations.
"""
from __future__ import annotations

import random
from typing import Dict, List, Set

import pytest

from lcc.mir import Imm, MBlock, MFunction, MInst, RegOp, VReg
from lcc.regalloc import allocate, assign_registers
from lcc.regalloc.check import CheckError, check_allocation, snapshot
from lcc.regalloc.liveness import analyse
from lcc.target.x86_64.regs import INT_ARGS, P, REGS
from tests.regalloc_gen import random_function

ALLOC = {p.name for lst in REGS.allocatable.values() for p in lst}

CONFIGS = [
    dict(nblocks=1, ninsts=10, nglobals=3),
    dict(nblocks=6, ninsts=12, nglobals=6),
    dict(nblocks=12, ninsts=8, nglobals=10),
    dict(nblocks=8, ninsts=10, nglobals=8, pressure=16),
    dict(nblocks=4, ninsts=20, nglobals=14, pressure=20),
    dict(nblocks=10, ninsts=10, nglobals=20, calls=False, pressure=12),
]


@pytest.mark.parametrize("cfg", range(len(CONFIGS)))
def test_random_functions_check(cfg: int) -> None:
    spilled = 0
    for seed in range(60):
        mf = random_function(seed * 7 + cfg, **CONFIGS[cfg])
        allocate(mf, REGS, check=True)
        spilled += sum(1 for s in mf.frame.slots if s.kind == "spill")
        for inst in mf.insts():
            assert all(r.__class__ is not VReg for r in inst.uses + inst.defs)
    if CONFIGS[cfg].get("pressure"):
        assert spilled > 0          # the spill path was exercised


def brute_points(mf: MFunction) -> Dict[object, Set[int]]:
    """Points each register covers, from per-instruction dataflow."""
    insts: List[MInst] = []
    succ: List[List[int]] = []
    first = {}
    n = 0
    for b in mf.blocks:
        first[b.label] = n
        n += len(b.insts)
    by_label = {b.label: b for b in mf.blocks}

    def entry_points(label: str, seen: Set[str]) -> List[int]:
        # An empty block passes control (and liveness) to its successors.
        if label in seen:
            return []
        seen.add(label)
        if by_label[label].insts:
            return [first[label]]
        return [i for s in by_label[label].succs for i in entry_points(s, seen)]

    for b in mf.blocks:
        for j, inst in enumerate(b.insts):
            insts.append(inst)
            if j + 1 < len(b.insts):
                succ.append([len(insts)])
            else:
                succ.append([i for s in b.succs for i in entry_points(s, set())])

    def key(r):  # type: ignore[no-untyped-def]
        return r.n if r.__class__ is VReg else (r.name if r.name in ALLOC else None)

    uses = [{key(r) for r in i.uses} - {None} for i in insts]
    defs = [({key(r) for r in i.defs} | {c.name for c in i.clobbers if c.name in ALLOC})
            - {None} for i in insts]
    lin: List[Set[object]] = [set() for _ in insts]
    lout: List[Set[object]] = [set() for _ in insts]
    changed = True
    while changed:
        changed = False
        for i in range(len(insts) - 1, -1, -1):
            o: Set[object] = set()
            for s in succ[i]:
                o |= lin[s]
            new_in = uses[i] | (o - defs[i])
            if o != lout[i] or new_in != lin[i]:
                lout[i], lin[i] = o, new_in
                changed = True
    pts: Dict[object, Set[int]] = {}
    # Points of instruction i (lcc/regalloc/liveness.py): 4i spill loads,
    # 4i+1 uses, 4i+2 defs and clobbers, 4i+3 spill stores.
    for i in range(len(insts)):
        for k in lin[i]:
            pts.setdefault(k, set()).update((4 * i, 4 * i + 1))
        for k in lout[i] | defs[i]:
            pts.setdefault(k, set()).add(4 * i + 2)
        for k in lout[i]:
            pts.setdefault(k, set()).add(4 * i + 3)
    return pts


@pytest.mark.parametrize("seed", range(40))
def test_liveness_matches_dataflow(seed: int) -> None:
    mf = random_function(seed, nblocks=7, ninsts=8, nglobals=6)
    # Empty blocks are legal; make some to exercise pass-through liveness.
    if seed % 3 == 0:
        mf.blocks.insert(1, MBlock(".E"))
        mf.blocks[1].succs = [mf.blocks[2].label]
        mf.blocks[0].succs = [".E" if s == mf.blocks[2].label else s
                              for s in mf.blocks[0].succs]
    lv = analyse(mf, ALLOC)
    got: Dict[object, Set[int]] = {}
    for k in lv.starts:
        for s, e in zip(lv.starts[k], lv.ends[k]):
            assert s < e
            got.setdefault(k, set()).update(range(s, e))
        # Disjoint, ascending, not adjacent (merged).
        for j in range(1, len(lv.starts[k])):
            assert lv.ends[k][j - 1] < lv.starts[k][j]
    assert got == brute_points(mf)


def _corrupt(mf: MFunction, r: random.Random) -> bool:
    """Redirect one register use to another register of its class."""
    cands = [(inst, k) for inst in mf.insts() for k, reg in enumerate(inst.uses)
             if any(isinstance(op, RegOp) and op.reg is reg for op in inst.operands)]
    if not cands:
        return False
    inst, k = r.choice(cands)
    old = inst.uses[k]
    new = r.choice([p for p in REGS.allocatable[old.cls] if p.name != old.name])
    for op in inst.operands:
        if isinstance(op, RegOp) and op.reg is old:
            op.reg = new
            break
    inst.uses[k] = new
    return True


def test_checker_catches_corruption() -> None:
    r = random.Random(5)
    caught = tried = 0
    for seed in range(80):
        mf = random_function(seed, nblocks=5, ninsts=10, nglobals=6, pressure=(seed % 2) * 16)
        snap = snapshot(mf)
        assign_registers(mf, REGS)
        check_allocation(snap, mf, REGS)       # correct before the corruption
        if not _corrupt(mf, r):
            continue
        tried += 1
        try:
            check_allocation(snap, mf, REGS)
        except CheckError:
            caught += 1
    # A redirected use may by chance read a register holding the same value.
    assert tried >= 70 and caught >= 0.85 * tried, (caught, tried)


def test_checker_catches_dropped_spill_store() -> None:
    caught = tried = 0
    for seed in range(40):
        mf = random_function(seed, nblocks=6, ninsts=10, nglobals=10, pressure=18)
        snap = snapshot(mf)
        assign_registers(mf, REGS)
        stores = [(b, i) for b in mf.blocks for i in b.insts
                  if i.op in ("movq", "movaps") and not i.defs and i.uses]
        if not stores:
            continue
        b, i = stores[seed % len(stores)]
        b.insts.remove(i)
        tried += 1
        try:
            check_allocation(snap, mf, REGS)
        except CheckError:
            caught += 1
    assert tried >= 30 and caught >= 0.8 * tried, (caught, tried)


def test_checker_catches_clobbered_value() -> None:
    # v lives across a call; force it into a caller-saved register.
    mf = MFunction("t")
    b = MBlock(".B0")
    mf.blocks = [b]
    v = mf.new_vreg("gpr")
    b.insts = [
        MInst("movq", [Imm(1), RegOp(v, 8)], defs=[v]),
        MInst("call", [], defs=[P["rax"]], clobbers=[p for p in REGS.caller_saved
                                                     if p.name != "rax"]),
        MInst("movq", [RegOp(v, 8), RegOp(P["rax"], 8)], uses=[v], defs=[P["rax"]],
              is_move=True),
        MInst("ret", [], uses=[P["rax"]], ends_block=True),
    ]
    snap = snapshot(mf)
    assign_registers(mf, REGS)
    check_allocation(snap, mf, REGS)
    assert b.insts[0].defs[0].name in {p.name for p in REGS.callee_saved}
    assert mf.used_callee_saved == [b.insts[0].defs[0]]
    for inst in b.insts[:3]:
        for op in inst.operands:
            if isinstance(op, RegOp) and op.reg is not P["rax"]:
                op.reg = P["rcx"]
        inst.uses = [P["rcx"] if r is not P["rax"] else r for r in inst.uses]
        inst.defs = [P["rcx"] if r is not P["rax"] else r for r in inst.defs]
    mf.used_callee_saved = []
    with pytest.raises(CheckError):
        check_allocation(snap, mf, REGS)


def test_moves_coalesced() -> None:
    # f(a, b) { return g(b, a) + a; }: the copies in and out of argument
    # registers should mostly vanish; the checker vouches for correctness.
    mf = MFunction("t")
    b = MBlock(".B0")
    mf.blocks = [b]
    a, c, t = mf.new_vreg("gpr"), mf.new_vreg("gpr"), mf.new_vreg("gpr")
    rdi, rsi, rax = INT_ARGS[0], INT_ARGS[1], P["rax"]
    b.insts = [
        REGS.move(a, rdi), REGS.move(c, rsi),
        REGS.move(rdi, c), REGS.move(rsi, a),
        MInst("call", [], uses=[rdi, rsi], defs=[rax],
              clobbers=[p for p in REGS.caller_saved if p.name != "rax"]),
        REGS.move(t, rax),
        MInst("addq", [RegOp(a, 8), RegOp(t, 8)], uses=[a, t], defs=[t]),
        REGS.move(rax, t),
        MInst("ret", [], uses=[rax], ends_block=True),
    ]
    allocate(mf, REGS, check=True)
    moves = [i for i in b.insts if i.is_move]
    # a lives across the call (callee-saved: one copy in), c goes straight
    # from %rsi to %rdi (one copy), a to %rsi (one copy); t and the result
    # share %rax.
    assert len(moves) == 3, b.insts
    assert mf.used_callee_saved and mf.used_callee_saved[0].name == "rbx"


def test_no_fpr_survives_call_in_register() -> None:
    for seed in range(30):
        mf = random_function(seed, nblocks=4, ninsts=14, nglobals=6)
        allocate(mf, REGS, check=True)
        # fpr has no callee-saved register: the checker already rejects a
        # float kept in a clobbered register; here only no xmm is "saved".
        assert all(p.cls == "gpr" for p in mf.used_callee_saved)


def test_large_function_check() -> None:
    """A few thousand instructions with many blocks, checked.  (Speed is
    measured, not asserted: `python3 -m tests.regalloc_gen --bench`.)"""
    mf = random_function(1, nblocks=200, ninsts=30, nglobals=30, pressure=8)
    assert sum(len(b.insts) for b in mf.blocks) > 3000
    allocate(mf, REGS, check=True)


@pytest.mark.torture
def test_torture_functions_check() -> None:
    """Every function of the torture execute suite that lcc lowers and
    selects is allocated and verified by the checker."""
    from tests.corpora import torture_tests
    from tests.regalloc_torture import check_file
    stats: Dict[str, float] = {}
    errors: List[str] = []
    for path in torture_tests("execute"):
        try:
            errors.extend(check_file(path, stats))
        except Exception:
            # A crash before allocation (front end, lowering, selector)
            # belongs to another piece; count it.
            stats["frontend_crash"] = stats.get("frontend_crash", 0) + 1
    assert stats.get("functions", 0) > 3000, stats
    assert not errors, "\n".join(errors[:10])


PRESSURE_C = r"""
#include <stdio.h>
#include <stdarg.h>
static long g(long x, long y) { return x * 3 + y; }
static double h(double a, double b) { return a * 0.5 + b; }
static long vsum(int n, ...) { va_list ap; long s = 0; va_start(ap, n);
  for (int i = 0; i < n; i++) s += va_arg(ap, long); va_end(ap); return s; }
int main(void) {
  long a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, k = 7, l = 8, m = 9, n = 10, o = 11,
       p = 12, q = 13, r = 14;
  double x = 1.5, y = 2.25, z = 3.125, w = 0.75;
  unsigned u = 0xdeadbeef;
  for (int i = 1; i < 200; i++) {
    a += b * i; b ^= c + (i << (a & 7)); c -= d / (i | 1); d += e % (i + 3);
    e = g(e, f) & 0xffff; f += k >> (i & 15); k = vsum(4, a, b, c, d) & 0xfffff;
    l += m * n; m -= o; n += p / (q | 1); o ^= r; p += a - b; q = g(q, i) % 1000;
    r += l & 255; x = h(x, y) - z; y += w * i; z = h(z, x) / (1.0 + i); w -= x / 1000.0;
    u = (u >> 3) | (u << 29); u += (unsigned)(a ^ r);
  }
  printf("%ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld\n",
         a, b, c, d, e, f, k, l, m, n, o, p, q, r);
  printf("%.6f %.6f %.6f %.6f %u\n", x, y, z, w, u);
  return 0;
}
"""


@pytest.mark.parametrize("mode", ["normal", "spillall"])
def test_pressure_program_matches_gcc(tmp_path, mode: str) -> None:
    """End to end against gcc: 14 longs, 4 doubles and an unsigned live
    across calls (plain and variadic), divisions and variable shifts in a
    loop; allocated normally (checker on) and with every vreg spilled."""
    import os
    import subprocess
    import sys
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    src = tmp_path / "p.c"
    src.write_text(PRESSURE_C)
    exp = subprocess.run(["gcc", "-w", str(src), "-o", str(tmp_path / "g")], check=True)
    want = subprocess.run([str(tmp_path / "g")], capture_output=True, check=True).stdout
    env = dict(os.environ, PYTHONPATH=root, LCC_CHECK_REGALLOC="1")
    if mode == "spillall":
        env["LCC_REGALLOC_SPILLALL"] = "1"
    c = subprocess.run([sys.executable, "-m", "lcc", "-w", str(src), "-o", str(tmp_path / "l")],
                       env=env, capture_output=True, text=True)
    assert c.returncode == 0, c.stderr
    got = subprocess.run([str(tmp_path / "l")], capture_output=True, timeout=20)
    assert got.returncode == 0 and got.stdout == want
    assert exp.returncode == 0


@pytest.mark.realcode
def test_sqlite_functions_check() -> None:
    """Every function of the SQLite amalgamation, allocated with the
    checker on (a few minutes: the front end dominates)."""
    import os
    from tests.corpora import sqlite_dir
    from tests.regalloc_torture import check_file
    stats: Dict[str, float] = {}
    errors = check_file(os.path.join(sqlite_dir(), "sqlite3.c"), stats)
    assert stats.get("functions", 0) > 2000, stats
    assert not errors, "\n".join(errors[:10])


# Mutants of the allocator (a source edit each): the random-function
# checker runs must reject every one, which shows they have teeth.
MUTANTS = [
    ("liveness", "                if k in alloc_names and k not in dkeys:",
     "                if False:", "calls clobber nothing"),
    ("liveness",
     "                add(k, d, d + 1 if e is None else e)\n            for r in inst.clobbers",
     "                add(k, d, d if e is None else e)\n            for r in inst.clobbers",
     "a dead def occupies no register"),
    ("liveness", "                    live[k] = d\n", "                    live[k] = d - 2\n",
     "a value dies before its last use"),
    ("liveness", "                if k not in kills[p]:", "                if False:",
     "liveness stops after one block"),
    ("assign", "        find = self.occ.find\n        for j in range(len(ss)):",
     "        find = self.occ.find\n        for j in range(1):",
     "conflicts checked on the first range only"),
]


@pytest.mark.parametrize("mutant", range(len(MUTANTS)))
def test_allocator_mutants_caught(mutant: int, monkeypatch) -> None:
    import importlib
    import types
    import lcc.regalloc as ra
    modname, old, new, what = MUTANTS[mutant]
    real = importlib.import_module("lcc.regalloc." + modname)
    src = open(real.__file__).read()
    assert src.count(old) == 1, what
    mod = types.ModuleType("mutant_" + modname)
    mod.__file__ = real.__file__
    exec(compile(src.replace(old, new), real.__file__, "exec"), mod.__dict__)
    if modname == "liveness":
        monkeypatch.setattr(ra, "analyse", mod.analyse)
    else:
        monkeypatch.setattr(ra, "assign", mod.assign)
    for seed in range(200):
        cfg = CONFIGS[seed % len(CONFIGS)]
        mf = random_function(seed, **cfg)
        try:
            allocate(mf, REGS, check=True)
        except CheckError:
            return
    pytest.fail("mutant not caught: " + what)
