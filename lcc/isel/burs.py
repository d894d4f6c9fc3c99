"""BURS instruction selection over tree IR, driven by generated tables.

Labelling walks a tree bottom-up and records, for every node and every
nonterminal, the cheapest rule deriving that nonterminal there (dynamic
programming: a rule's cost plus the best costs of the nonterminal leaves of
its pattern).  Chain rules (`reg: con`) are closed to a fixed point per
node.  Reduction walks top-down from the goal nonterminal and calls an emit
callback per chosen rule, kids first, so instructions come out in
evaluation order.  Ties go to the rule written first in the rules file.

The tables come from tools/rulegen (see isel/README.md); predicates are
named in the rules file and implemented in Python by the target, one
function Node -> bool each.
"""
from __future__ import annotations

import os
from types import ModuleType
from typing import Any, Callable, Dict, List, Mapping, Optional, Set, Tuple

from lcc.ir.tree import Node, format_tree

Predicate = Callable[[Node], bool]

# Built-in nonterminal: any subtree, cost 0, not reduced; its operand is the
# IR node itself (hooks evaluate such kids themselves, in their own order).
TREE = "tree"


class SelectionError(Exception):
    """No rule covers a tree: the rules file is incomplete for this IR."""


class Rule:
    __slots__ = ("index", "lhs", "pattern", "cost", "predicates", "template", "line",
                 "shape", "deep", "leaves", "names")

    def __init__(self, index: int, lhs: str, pattern: tuple, cost: int,
                 predicates: Tuple[Tuple[str, Tuple[str, ...]], ...], template: str,
                 line: int) -> None:
        self.index = index
        self.lhs = lhs
        self.pattern = pattern        # see the generated module's docstring
        self.cost = cost
        self.predicates = predicates
        self.template = template
        self.line = line
        # (kid path, operator) of every operator node below the root: a cheap
        # test that rejects most non-matching rules before their leaves are costed.
        self.shape: Tuple[Tuple[Tuple[int, ...], str], ...] = tuple(_shape(pattern, ()))[1:]
        # the part of the shape below the root's kids (the kids' own
        # operators are checked once per kid-operator combination, see
        # RuleSet.candidates)
        self.deep = tuple(sp for sp in self.shape if len(sp[0]) > 1)
        # (kid path, nonterminal) of the nonterminal leaves, and name -> kid
        # path: the labeller matches without recursion or temporary dicts.
        leaves: List[Tuple[Tuple[int, ...], str]] = []
        self.names: Dict[str, Tuple[int, ...]] = {}
        _paths(pattern, (), leaves, self.names)
        self.leaves = tuple(leaves)

    @property
    def is_chain(self) -> bool:
        return self.pattern[0] == "nt"

    def __str__(self) -> str:
        return "%s: %s" % (self.lhs, format_pattern(self.pattern))


def _shape(p: tuple, path: Tuple[int, ...]) -> List[Tuple[Tuple[int, ...], str]]:
    if p[0] == "nt":
        return []
    out = [(path, p[1])]
    for i, k in enumerate(p[3]):
        out += _shape(k, path + (i,))
    return out


def _paths(p: tuple, path: Tuple[int, ...], leaves: List[Tuple[Tuple[int, ...], str]],
           names: Dict[str, Tuple[int, ...]]) -> None:
    if p[2]:
        names[p[2]] = path
    if p[0] == "nt":
        leaves.append((path, p[1]))
        return
    for i, k in enumerate(p[3]):
        _paths(k, path + (i,), leaves, names)


def _at(node: Node, path: Tuple[int, ...]) -> Node:
    for i in path:
        node = node.kids[i]
    return node


def format_pattern(p: tuple) -> str:
    name = p[2] + ":" if p[2] else ""
    if p[0] == "nt":
        return name + p[1]
    kids = p[3]
    if not kids:
        return name + p[1]
    return "%s%s(%s)" % (name, p[1], ", ".join(format_pattern(k) for k in kids))


class RuleSet:
    """A generated table module plus the target's predicate functions."""
    __slots__ = ("source", "goal", "rules", "by_op", "chains", "predicates", "_candidates")

    def __init__(self, tables: ModuleType, predicates: Mapping[str, Predicate]) -> None:
        missing = [p for p in tables.PREDICATES if p not in predicates]
        if missing:
            raise ValueError("%s: no implementation for predicate(s) %s"
                             % (tables.SOURCE, ", ".join(missing)))
        self.source: str = tables.SOURCE
        self.goal: str = tables.GOAL
        self.rules: List[Rule] = [Rule(i, *r) for i, r in enumerate(tables.RULES)]
        self.by_op: Dict[str, List[Rule]] = {
            op: [self.rules[i] for i in idx] for op, idx in tables.RULES_BY_OP.items()}
        self.chains: Dict[str, List[Rule]] = {
            nt: [self.rules[i] for i in idx] for nt, idx in tables.CHAIN_RULES.items()}
        self.predicates: Dict[str, Predicate] = dict(predicates)
        # cache: (operator, kid operators...) -> rules whose root and kids fit
        self._candidates: Dict[Tuple[str, ...], List[Rule]] = {}

    def candidates(self, node: Node) -> List[Rule]:
        """The rules rooted at node's operator whose kid operators fit."""
        key = (node.op.name,) + tuple(k.op.name for k in node.kids)
        found = self._candidates.get(key)
        if found is None:
            found = []
            for rule in self.by_op.get(node.op.name, ()):
                if all(len(path) != 1 or (path[0] < len(node.kids) and
                                          node.kids[path[0]].op.name == opname)
                       for path, opname in rule.shape):
                    found.append(rule)
            self._candidates[key] = found
        return found


def _same_tree(a: Node, b: Node) -> bool:
    if a is b:
        return True
    if a.op is not b.op or a.value != b.value or len(a.kids) != len(b.kids):
        return False
    return all(_same_tree(x, y) for x, y in zip(a.kids, b.kids))


def _predicates_hold(rs: RuleSet, rule: Rule, node: Node, bound: Dict[str, Node]) -> bool:
    for name, args in rule.predicates:
        if name == "same":
            # Trees are pure values here, so equal text means equal values.
            if not _same_tree(bound[args[0]], bound[args[1]]):
                return False
        elif not rs.predicates[name](bound[args[0]] if args else node):
            return False
    return True


def label(node: Node, rs: RuleSet) -> None:
    """Fill node.state (nonterminal -> (cost, rule index)) for the whole tree."""
    for kid in node.kids:
        label(kid, rs)
    state: Dict[str, Tuple[int, int]] = {}
    node.state = state
    for rule in rs.candidates(node):
        fits = True
        for path, opname in rule.deep:
            n = node
            for i in path:
                if i >= len(n.kids):
                    fits = False
                    break
                n = n.kids[i]
            if not fits or n.op.name != opname:
                fits = False
                break
        if not fits:
            continue
        c = rule.cost
        for path, nt in rule.leaves:
            if nt == TREE:
                continue
            n = node
            for i in path:
                n = n.kids[i]
            best = n.state.get(nt) if n.state is not None else None
            if best is None:
                fits = False
                break
            c += best[0]
        if not fits:
            continue
        old = state.get(rule.lhs)
        if old is not None and c >= old[0]:
            continue            # no better: skip the predicates
        if rule.predicates:
            bound = {name: _at(node, path) for name, path in rule.names.items()}
            if not _predicates_hold(rs, rule, node, bound):
                continue
        state[rule.lhs] = (c, rule.index)
    # Chain rules: improve until nothing changes.  Costs are non-negative
    # and an update needs a strict decrease, so this terminates.
    changed = True
    while changed:
        changed = False
        for nt in sorted(state):
            base = state[nt][0]
            for rule in rs.chains.get(nt, ()):
                c = base + rule.cost
                old = state.get(rule.lhs)
                if (old is None or c < old[0]) and (not rule.predicates or _predicates_hold(
                        rs, rule, node, {rule.pattern[2]: node})):
                    state[rule.lhs] = (c, rule.index)
                    changed = True


class Match:
    """What the emit callback gets for one chosen rule.

    operands  results of reducing the pattern's nonterminal leaves, left to
              right (what emit returned for them, e.g. virtual registers)
    named     operand name -> that result, or the IR Node for a named
              operator leaf (a constant or an address: read its .value)
    """
    __slots__ = ("rule", "node", "nonterminal", "operands", "named", "cost")

    def __init__(self, rule: Rule, node: Node, nonterminal: str, operands: List[Any],
                 named: Dict[str, Any], cost: int) -> None:
        self.rule = rule
        self.node = node
        self.nonterminal = nonterminal
        self.operands = operands
        self.named = named
        self.cost = cost              # total cost of this derivation


Emit = Callable[[Match], Any]


def _leaves(p: tuple, node: Node, out: List[Tuple[str, Node, str]],
            named: Dict[str, Any]) -> None:
    if p[0] == "nt":
        out.append((p[2], node, p[1]))
        return
    if p[2]:
        named[p[2]] = node
    for kp, kid in zip(p[3], node.kids):
        _leaves(kp, kid, out, named)


def _unmatched(node: Node, nt: str) -> str:
    """Describe the deepest uncovered node, the useful place to look."""
    for kid in node.kids:
        if not kid.state:
            return _unmatched(kid, "")
    return "no rule derives %s for %s" % (nt or "anything", format_tree(node))


# LCC_RULE_USAGE=FILE: the rules reduced with are appended, one "source
# index" line each, to FILE whenever the back end finishes a translation
# unit (flush_usage; tools/rule_usage.py sums them over a torture run: how
# many of the rules the suite exercises).
_USAGE: Optional[Set[Tuple[str, int]]] = set() if os.environ.get("LCC_RULE_USAGE") else None


def flush_usage() -> None:
    path = os.environ.get("LCC_RULE_USAGE")
    if not path or not _USAGE:
        return
    text = "".join("%s %d\n" % u for u in sorted(_USAGE))
    _USAGE.clear()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def _reduce(node: Node, nt: str, rs: RuleSet, emit: Emit,
            trace: Optional[List[str]], depth: int) -> Any:
    best = node.state.get(nt) if node.state is not None else None
    if best is None:
        raise SelectionError("%s: %s" % (rs.source, _unmatched(node, nt)))
    cost, index = best
    rule = rs.rules[index]
    if _USAGE is not None:
        _USAGE.add((rs.source, index))
    if trace is not None:
        trace.append("%s%s  cost %d  total %d  (%s:%d)  @ %s"
                     % ("  " * depth, rule, rule.cost, cost, rs.source, rule.line,
                        node.op.name))
    leaves: List[Tuple[str, Node, str]] = []
    named: Dict[str, Any] = {}
    _leaves(rule.pattern, node, leaves, named)
    operands: List[Any] = []
    for name, sub, sub_nt in leaves:
        r = sub if sub_nt == TREE else _reduce(sub, sub_nt, rs, emit, trace, depth + 1)
        operands.append(r)
        if name:
            named[name] = r
    return emit(Match(rule, node, nt, operands, named, cost))


def select(tree: Node, rs: RuleSet, emit: Emit, goal: Optional[str] = None,
           trace: Optional[List[str]] = None) -> Any:
    """Label the tree and reduce it from `goal` (default: the %goal).

    Returns what emit returned for the root.  When `trace` is a list, one
    line per chosen rule is appended to it (the --dump-isel text).
    """
    label(tree, rs)
    if trace is not None:
        trace.append("tree %s" % format_tree(tree))
    return _reduce(tree, goal or rs.goal, rs, emit, trace, 1)


def dump_isel(trees: List[Node], rs: RuleSet) -> str:
    """The --dump-isel text for trees: per tree, the rules chosen and costs."""
    lines: List[str] = []
    for t in trees:
        select(t, rs, lambda m: None, trace=lines)
    return "\n".join(lines) + ("\n" if lines else "")
