"""BURS engine and tools/rulegen, on the toy rules in tests/isel/toy.rules.

Oracle: a brute-force enumerator of every derivation (exponential, fine for
small trees) written from the rule tables alone.  On hundreds of random
trees the labeller's cost for every nonterminal at every node must equal
the enumerated minimum, and "no derivation" must agree both ways.
"""
from __future__ import annotations

import glob
import itertools
import os
import random
import subprocess
import sys
import types
from typing import Dict, FrozenSet, List, Set

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from lcc.ir.tree import Node, check_tree, parse_tree  # noqa: E402
from lcc.isel.burs import Match, RuleSet, SelectionError, dump_isel, select  # noqa: E402
from tools.rulegen import RulesError, generate_file, parse_rules  # noqa: E402

TOY = "tests/isel/toy.rules"

PREDICATES = {
    "imm32": lambda n: -(1 << 31) <= n.value < (1 << 31),
    "zero": lambda n: n.value == 0,
}


def load(rules_path: str = TOY) -> types.ModuleType:
    mod = types.ModuleType("gen_test")
    cwd = os.getcwd()
    os.chdir(ROOT)          # the generated module records the path as given
    try:
        exec(generate_file(rules_path), mod.__dict__)
    finally:
        os.chdir(cwd)
    return mod


@pytest.fixture(scope="module")
def tables() -> types.ModuleType:
    return load()


@pytest.fixture(scope="module")
def rs(tables: types.ModuleType) -> RuleSet:
    return RuleSet(tables, PREDICATES)


# -- the brute-force oracle ----------------------------------------------------

def _pattern_costs(tables: types.ModuleType, p: tuple, node: Node,
                   bound: Dict[str, Node]) -> Set[int]:
    if p[2]:
        bound[p[2]] = node
    if p[0] == "nt":
        return brute(tables, node, p[1], frozenset())
    if node.op.name != p[1] or len(node.kids) != len(p[3]):
        return set()
    per_kid = [_pattern_costs(tables, kp, kid, bound) for kp, kid in zip(p[3], node.kids)]
    return {sum(c) for c in itertools.product(*per_kid)} if per_kid else {0}


def holds(pname: str, args: tuple, bound: Dict[str, Node], node: Node) -> bool:
    if pname == "same":
        return repr(bound[args[0]]) == repr(bound[args[1]])
    return bool(PREDICATES[pname](bound[args[0]] if args else node))


def brute(tables: types.ModuleType, node: Node, nt: str, visiting: FrozenSet[str]) -> Set[int]:
    """Costs of all derivations of nt at node that repeat no nonterminal on
    one node (a repeat is a chain cycle: with costs >= 0 it never helps)."""
    out: Set[int] = set()
    for lhs, pattern, cost, preds, _tmpl, _line in tables.RULES:
        if lhs != nt:
            continue
        bound: Dict[str, Node] = {}
        if pattern[0] == "nt":
            if pattern[1] in visiting or pattern[1] == nt:
                continue
            if pattern[2]:
                bound[pattern[2]] = node
            costs = brute(tables, node, pattern[1], visiting | {nt})
        else:
            costs = _pattern_costs(tables, pattern, node, bound)
        if costs and all(holds(pn, args, bound, node) for pn, args in preds):
            out |= {c + cost for c in costs}
    return out


def all_nodes(t: Node) -> List[Node]:
    out = [t]
    for k in t.kids:
        out += all_nodes(k)
    return out


CONSTS = {"I4": [0, 1, -3, 1 << 31, -(1 << 31)], "U4": [0, 5, 1 << 31], "I8": [8, 1 << 40, 0]}


def gen(rng: random.Random, t: str, depth: int) -> Node:
    if t == "P8":
        if depth <= 0 or rng.random() < 0.3:
            return Node("ADDRLP8", (), rng.choice("xyz"))
        if rng.random() < 0.5:
            return Node("INDIRP8", (gen(rng, "P8", depth - 1),))
        return Node("ADDP8", (gen(rng, "P8", depth - 1), gen(rng, "I8", depth - 1)))
    if t == "I8" or depth <= 0 or rng.random() < 0.25:
        return Node("CNST" + t, (), rng.choice(CONSTS[t]))
    if rng.random() < 0.4:
        return Node("INDIR" + t, (gen(rng, "P8", depth - 1),))
    return Node("ADD" + t, (gen(rng, t, depth - 1), gen(rng, t, depth - 1)))


def gen_stmt(rng: random.Random) -> Node:
    t = rng.choice(["I4", "U4"])
    if rng.random() < 0.3:
        a = gen(rng, "P8", 2)
        # the read-modify-write shape, so the 3-level pattern gets exercised
        return Node("ASGN" + t, (a, Node("ADD" + t, (Node("INDIR" + t, (gen(rng, "P8", 1),)),
                                                    gen(rng, t, 2)))))
    return Node("ASGN" + t, (gen(rng, "P8", 2), gen(rng, t, 3)))


def test_labeller_agrees_with_brute_force(tables: types.ModuleType, rs: RuleSet) -> None:
    rng = random.Random(6)
    covered = uncovered = 0
    for _ in range(400):
        tree = gen_stmt(rng)
        check_tree(tree)
        trace: List[str] = []
        emitted: List[Match] = []
        try:
            select(tree, rs, emitted.append, trace=trace)
        except SelectionError:
            pass
        for node in all_nodes(tree):
            assert node.state is not None
            for nt in tables.NONTERMINALS:
                costs = brute(tables, node, nt, frozenset())
                got = node.state.get(nt)
                if costs:
                    assert got is not None and got[0] == min(costs), (nt, node)
                else:
                    assert got is None, (nt, node)
        goal = brute(tables, tree, tables.GOAL, frozenset())
        if goal:
            covered += 1
            # The reduction emits exactly the rules whose costs add up to the minimum.
            assert sum(m.rule.cost for m in emitted) == min(goal)
            assert emitted[-1].nonterminal == tables.GOAL and emitted[-1].node is tree
        else:
            uncovered += 1
    assert covered > 200 and uncovered > 20, (covered, uncovered)


def test_reduce_passes_operands_in_order(rs: RuleSet) -> None:
    # An emitter that makes virtual registers and prints the templates.
    out: List[str] = []
    counter = itertools.count()

    def emit(m: Match) -> str:
        if not m.rule.template:
            # rules without a template (addressing modes) pass their operand on
            return m.operands[0] if m.operands else str(m.node.value)
        # two-address rules (no {dst}) leave the result in the first operand
        dst = "%%v%d" % next(counter) if "{dst}" in m.rule.template else m.operands[0]
        fields = {k: (v.value if isinstance(v, Node) else v) for k, v in m.named.items()}
        out.append(m.rule.template.format(dst=dst, **fields))
        return dst if m.nonterminal != "stmt" else ""

    tree = parse_tree("ASGNI4(ADDRLP8[x], ADDI4(INDIRI4(ADDRLP8[y]), CNSTI4[1]))")
    select(tree, rs, emit)
    assert out == ["movl y, %v0", "addl $1, %v0", "movl %v0, x"]


def test_dump_isel_names_rules_costs_and_lines(rs: RuleSet) -> None:
    text = dump_isel([parse_tree("ASGNI4(ADDRLP8[x], CNSTI4[0])")], rs)
    lines = text.splitlines()
    assert lines[0] == "tree ASGNI4(ADDRLP8[x], CNSTI4[0])"
    with open(os.path.join(ROOT, TOY)) as f:
        rule_lines = f.read().splitlines()
    # every trace line cites a line of the rules file holding that rule's root
    for line in lines[1:]:
        where = line.split("(" + TOY + ":")[1].split(")")[0]
        assert line.strip().split(":")[0] == rule_lines[int(where) - 1].split(":")[0]
    assert len(lines) == 4


def test_uncovered_tree_names_the_node(rs: RuleSet) -> None:
    with pytest.raises(SelectionError, match="CNSTU4"):
        select(parse_tree("ASGNU4(ADDRLP8[x], CNSTU4[3])"), rs, lambda m: None)


def test_missing_predicate_implementation(tables: types.ModuleType) -> None:
    with pytest.raises(ValueError, match="zero"):
        RuleSet(tables, {"imm32": PREDICATES["imm32"]})


# -- tools/rulegen ---------------------------------------------------------------

def test_generated_modules_are_up_to_date() -> None:
    """Regenerating each committed module from its rules file changes nothing."""
    pairs = [(TOY, "tests/isel/gen_toy.py")]
    for rules in sorted(glob.glob(os.path.join(ROOT, "isel", "*.rules"))):
        arch = os.path.basename(rules)[:-len(".rules")]
        pairs.append(("isel/%s.rules" % arch, "lcc/isel/gen_%s.py" % arch))
    for rules, gen_path in pairs:
        r = subprocess.run([sys.executable, "-m", "tools.rulegen", rules, "-o", gen_path,
                            "--check"], cwd=ROOT, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr


def test_generation_is_deterministic_and_check_detects_drift(tmp_path) -> None:
    a = generate_file(os.path.join(ROOT, TOY))
    b = generate_file(os.path.join(ROOT, TOY))
    assert a == b and a.startswith("# generated by tools/rulegen from ")
    out = tmp_path / "gen.py"
    out.write_text(a.replace("cost", "cost "))
    r = subprocess.run([sys.executable, "-m", "tools.rulegen", os.path.join(ROOT, TOY),
                        "-o", str(out), "--check"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 1 and "out of date" in r.stderr


GOOD = "%goal stmt\n%predicate imm32\nstmt: r:reg cost 0\nreg: ADDRLP8 cost 1\n"


@pytest.mark.parametrize("line, col, what", [
    ("reg: ADDI4(reg) cost 1", 6, "takes 2 operand"),
    ("reg: ADDX4(reg, reg) cost 1", 6, "not an operator"),
    ("reg: ADDI4(reg, reg)", 21, "end of rule"),
    ("reg: ADDI4(reg, reg) cost 1 \"x\" junk", 33, "unexpected"),
    ("reg: c:CNSTI4 if small(c) cost 1", 0, "not declared"),
    ("reg: c:CNSTI4 if imm32(d) cost 1", 0, "unknown operand"),
    ("reg: c:CNSTI4 cost 1 \"mov {k}, {dst}\"", 0, "unknown operand {k}"),
    ("reg: ADDI4(x:reg, x:reg) cost 1", 0, "used twice"),
    ("reg: ADDI4(x:reg, y:reg) if same(x) cost 1", 29, "two operands"),
    ("reg: ADDI4(x:reg, y:reg) if imm32(x, y) cost 1", 29, "at most one"),
    ("reg: ADDI4(reg, foo) cost 1", 0, "foo has no rules"),
    ("Reg: CNSTI4 cost 1", 1, "lower-case"),
    ("reg: reg cost 0", 0, "derives itself"),
    ("%frobnicate", 1, "unknown directive"),
])
def test_rules_errors_are_located(line: str, col: int, what: str) -> None:
    with pytest.raises(RulesError) as e:
        parse_rules(GOOD + line + "\n", "t.rules")
    msg = str(e.value)
    prefix = "t.rules:5:%d: error: " % col if col else "t.rules:5: error: "
    assert msg.startswith(prefix) and what in msg, msg


def test_for_loops_expand_families() -> None:
    rf = parse_rules(GOOD + "%for T in I1 I2 U8\nreg: ADD$T(a:reg, b:reg) cost 1 \"add$T\"\n%end\n",
                     "t.rules")
    assert [r.pattern[1] for r in rf.rules[2:]] == ["ADDI1", "ADDI2", "ADDU8"]
    assert [r.line for r in rf.rules[2:]] == [6, 6, 6]


def test_good_header_parses() -> None:
    rf = parse_rules(GOOD, "t.rules")
    assert rf.goal == "stmt" and list(rf.predicates) == ["imm32"] and len(rf.rules) == 2
