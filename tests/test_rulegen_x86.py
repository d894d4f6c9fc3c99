"""isel/x86_64.rules: generated tables current, templates well formed, and
every IR operator/type combination of docs/backend.md selectable.

Oracles: tools.rulegen --check (regeneration is a no-op); insns.py's table
(every mnemonic a template uses is described, with that operand count);
GNU `as` (the selected code for every operator/type combination, in
register and memory operand contexts, assembles).
"""
from __future__ import annotations

import os
import subprocess
import sys
from typing import List, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for _p in (ROOT, os.path.dirname(os.path.abspath(__file__))):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import re  # noqa: E402

from lcc.ir.func import Module  # noqa: E402
from lcc.ir.tree import format_tree  # noqa: E402
from lcc.target.x86_64 import dump_isel  # noqa: E402
from lcc.isel import burs, gen_x86_64  # noqa: E402
from lcc.target.x86_64.asm import format_function  # noqa: E402
from lcc.target.x86_64.insns import INSNS  # noqa: E402
from lcc.target.x86_64.isel import Pool, Selector, _unbound_predicates  # noqa: E402
from lcc.target.x86_64.isel_emit import compiled  # noqa: E402
from x86_standins import StandInABI, finish_frame, make_function, spill_everything  # noqa: E402

INT = ["I4", "U4", "I8", "U8"]
SMALL = ["I1", "U1", "I2", "U2"]
FLT = ["F4", "F8", "F16"]


def test_generated_module_is_current() -> None:
    r = subprocess.run([sys.executable, "-m", "tools.rulegen", "isel/x86_64.rules",
                        "-o", "lcc/isel/gen_x86_64.py", "--check"], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_templates_compile_and_use_known_instructions() -> None:
    rs = burs.RuleSet(gen_x86_64, _unbound_predicates())
    assert len(rs.rules) > 500
    problems: List[str] = []
    for rule in rs.rules:
        tpl, _ = compiled(rs, rule)
        for item in tpl.items:
            if item[0] != "inst":
                continue
            info = INSNS.get(item[1])
            if info is None or len(item[2]) not in info.roles:
                problems.append("line %d: %s/%d" % (rule.line, item[1], len(item[2])))
    assert not problems


def _leaf(t: str, where: str) -> str:
    """A tree of type t read from a local (reg or mem) of that type."""
    return "INDIR%s(ADDRLP8[%s_%s])" % (t, where, t)


def _trees(where: str) -> List[str]:
    """One statement per operator/type combination of docs/backend.md."""
    out: List[str] = []
    v = lambda t: _leaf(t, where)  # noqa: E731
    dst = lambda t: "ADDRLP8[%s_%s]" % (where, t)  # noqa: E731
    for t in INT:
        for op in ("ADD", "SUB", "MUL", "DIV", "MOD", "BAND", "BOR", "BXOR"):
            out.append("ASGN%s(%s, %s%s(%s, %s))" % (t, dst(t), op, t, v(t), v(t)))
            out.append("ASGN%s(%s, %s%s(%s, CNST%s[5]))" % (t, dst(t), op, t, v(t), t))
        for op in ("LSH", "RSH"):
            out.append("ASGN%s(%s, %s%s(%s, %s))" % (t, dst(t), op, t, v(t), v("I4")))
            out.append("ASGN%s(%s, %s%s(%s, CNSTI4[3]))" % (t, dst(t), op, t, v(t)))
        out.append("ASGN%s(%s, BCOM%s(%s))" % (t, dst(t), t, v(t)))
        if t[0] == "I":
            out.append("ASGN%s(%s, NEG%s(%s))" % (t, dst(t), t, v(t)))
        out.append("ASGN%s(%s, CNST%s[-1])" % (t, dst(t), t))
        out.append("ASGN%s(%s, CNST%s[0x123456789])" % (t, dst(t), t))
    for t in INT + SMALL + ["P8"] + FLT:
        out.append("ASGN%s(INDIRP8(%s), %s)" % (t, dst("P8"), v(t)))
        out.append("ASGN%s(%s, INDIR%s(ADDP8(INDIRP8(%s), CNSTI8[8])))" % (t, dst(t), t,
                                                                          dst("P8")))
    for t in INT + ["P8"] + FLT:
        for op in ("EQ", "NE", "LT", "LE", "GT", "GE"):
            out.append("%s%s[.Lx](%s, %s)" % (op, t, v(t), v(t)))
    for t in FLT:
        for op in ("ADD", "SUB", "MUL", "DIV"):
            out.append("ASGN%s(%s, %s%s(%s, %s))" % (t, dst(t), op, t, v(t), v(t)))
        out.append("ASGN%s(%s, NEG%s(%s))" % (t, dst(t), t, v(t)))
        out.append("ASGN%s(%s, CNST%s[2.5])" % (t, dst(t), t))
        out.append("ASGN%s(%s, CNST%s[0.0])" % (t, dst(t), t))
    # conversions: integer <-> integer (every source size), float <-> int, float <-> float
    for s in INT + SMALL:
        for d in INT + SMALL:
            out.append("ASGN%s(%s, CV%s%s(%s))" % (d, dst(d), s[0], d, v(s)))
    for s in ("I8", "U8", "I4", "U4"):
        out.append("ASGNP8(%s, CV%sP8(%s))" % (dst("P8"), s[0], v(s)))
    for d in ("I8", "U8"):
        out.append("ASGN%s(%s, CVP%s(%s))" % (d, dst(d), d, v("P8")))
    for s in INT:
        for d in FLT:
            out.append("ASGN%s(%s, CV%s%s(%s))" % (d, dst(d), s[0], d, v(s)))
    for s in FLT:
        for d in INT:
            out.append("ASGN%s(%s, CVF%s(%s))" % (d, dst(d), d, v(s)))
        for d in FLT:
            if d != s:
                out.append("ASGN%s(%s, CVF%s(%s))" % (d, dst(d), d, v(s)))
    out += ["ASGNP8(%s, ADDP8(%s, %s))" % (dst("P8"), v("P8"), v("I8")),
            "ASGNP8(%s, SUBP8(%s, CNSTI8[16]))" % (dst("P8"), v("P8")),
            "ASGNP8(%s, ADDRGP8[gsym])" % dst("P8"),
            "ASGNP8(%s, ADDRGP8[tsym])" % dst("P8"),
            "ASGNI4(ADDRGP8[tsym], %s)" % v("I4"),
            "ASGNP8(%s, LADDRP8[.Lx])" % dst("P8"),
            "ASGNP8(%s, ALLOCAP8(%s))" % (dst("P8"), v("U8")),
            "ASGNB[40](INDIRP8(%s), INDIRB(ADDRLP8[blk]))" % dst("P8"),
            "ASGNB[400](ADDRLP8[blk], INDIRB(%s))" % v("P8"),
            "IJUMPV(%s)" % v("P8")]
    return out


def _module() -> Tuple[Module, List[str]]:
    m = Module(None)
    m.tls.add("tsym")
    names = []
    for where in ("r", "m"):
        typed = ["%s_%s:%s%s" % (where, t, t, ":mem" if where == "m" else "")
                 for t in INT + SMALL + ["P8"] + FLT]
        typed.append("blk:B400:mem")
        body = "\n".join(_trees(where)) + "\nRETV\n.Lx:\nRETV"
        body = body.replace(".Lx", ".Lx_" + where)
        fn = make_function("cover_" + where, [], body, typed)
        m.functions.append(fn)
        names.append(fn.name)
    return m, names


def test_every_operator_type_combination_selects_and_assembles(tmp_path) -> None:
    m, _ = _module()
    pool = Pool(m)
    text = []
    ntrees = 0
    for fn in m.functions:
        ntrees += sum(len(b.trees) for b in fn.blocks)
        mf = Selector(m, fn, pool=pool, abi=StandInABI).run()
        spill_everything(mf)
        finish_frame(mf)
        text.append(format_function(mf))
    text.append(pool.format_rodata())
    assert ntrees > 400
    src = tmp_path / "cover.s"
    src.write_text("".join(text))
    r = subprocess.run(["as", "--64", "-o", str(tmp_path / "cover.o"), str(src)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[:3000]


def test_dump_isel_lists_each_tree_with_consistent_costs() -> None:
    """Every statement appears as a `tree` line, in order; each derivation's
    root total is the sum of the own costs of its rule lines; each cited
    rules-file line holds a rule with that left-hand side."""
    m, _ = _module()
    text = dump_isel(m, abi=StandInABI)
    rules_lines = open(os.path.join(ROOT, "isel/x86_64.rules")).read().splitlines()
    trees = [format_tree(t) for fn in m.functions for b in fn.blocks for t in b.trees]
    dumped = [ln[5:] for ln in text.splitlines() if ln.startswith("tree ")]
    assert dumped == trees
    blocks = re.split(r"^tree .*$", text, flags=re.M)[1:]
    for block in blocks:
        rows = [ln for ln in block.splitlines() if "  cost " in ln]
        assert rows
        own = [int(re.search(r"  cost (\d+)", r).group(1)) for r in rows]
        total = int(re.search(r"total (\d+)", rows[0]).group(1))
        assert total == sum(own), block
        for r in rows:
            lhs = r.strip().split(":")[0]
            line = int(re.search(r"x86_64.rules:(\d+)\)", r).group(1))
            assert rules_lines[line - 1].split(":")[0].strip() == lhs, (r, line)


def test_too_deep_long_double_expression_is_an_error() -> None:
    """The x87 stack has 8 slots: a deeper expression is refused, not
    miscompiled; one that fits is selected."""
    from lcc.diagnostics import CompileError
    x = "INDIRF16(ADDRLP8[a])"

    def nest(n: int) -> str:
        t = x
        for _ in range(n):
            t = "ADDF16(%s, %s)" % (x, t)
        return "ASGNF16(ADDRLP8[a], %s)\nRETV" % t

    m = Module(None)
    m.functions.append(make_function("fits", [], nest(7), ["a:F16:mem"]))
    Selector(m, m.functions[0], abi=StandInABI).run()
    m.functions.append(make_function("deep", [], nest(8), ["a:F16:mem"]))
    try:
        Selector(m, m.functions[1], abi=StandInABI).run()
    except CompileError as e:
        assert "x87" in e.message
    else:
        raise AssertionError("a 9-deep x87 expression was accepted")
