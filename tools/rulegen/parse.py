"""Read a rules file (format: isel/README.md) into plain rule records.

Errors are reported gcc-style, `file:line:col: error: msg`, through
RulesError; a rules file is source code and its author needs the place.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Set, Tuple

from lcc.ir.tree import IRError, operator

# Pattern forms, kept as plain tuples so the generated module is pure data:
#   ("nt", nonterminal, name)              a nonterminal leaf
#   ("op", operator, name, (kids...))      an operator node
Pattern = tuple


# The one predicate with no target code: both named operands are the same tree
# (read-modify-write patterns such as ASGN(a, ADD(INDIR(b), v)) if same(a, b)).
BUILTIN_SAME = "same"

# The built-in nonterminal that matches any subtree at cost 0 without reducing
# it: the emitter gets the IR node itself (hooks such as calls evaluate their
# kids in their own order).  No rule may define it.
BUILTIN_TREE = "tree"

# Template names that are not pattern operands: the result register, the
# root's label, fresh temporaries (gpr tmp*, fpr ftmp*, stack scratch mtmp*),
# fresh local labels L1..L9 and rodata constants {k4:HEX} {k8:HEX} {k16:HEX}.
_RESERVED_REF = re.compile(r"^(dst|label|tmp\d?|ftmp\d?|mtmp\d?|L\d|k\d+)$")


class RulesError(Exception):
    pass


class Rule:
    __slots__ = ("lhs", "pattern", "cost", "predicates", "template", "line", "text")

    def __init__(self, lhs: str, pattern: Pattern, cost: int,
                 predicates: Tuple[Tuple[str, Tuple[str, ...]], ...], template: str,
                 line: int, text: str) -> None:
        self.lhs = lhs
        self.pattern = pattern
        self.cost = cost
        self.predicates = predicates      # (predicate name, operand names; () = root)
        self.template = template
        self.line = line                  # line in the rules file
        self.text = text                  # the rule as written (after %for)


class RuleFile:
    __slots__ = ("path", "goal", "predicates", "rules")

    def __init__(self, path: str) -> None:
        self.path = path
        self.goal = ""
        self.predicates: Dict[str, str] = {}   # name -> description
        self.rules: List[Rule] = []


_TOKEN = re.compile(r"""\s*(?:
    (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<int>-?\d+)
  | (?P<id>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>[:(),])
)""", re.X)


def _tokens(text: str, where: str) -> List[Tuple[str, str, int]]:
    out: List[Tuple[str, str, int]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            col = len(text) - len(text[pos:].lstrip()) + 1
            raise RulesError("%s:%d: error: unexpected character %r"
                             % (where, col, text[col - 1]))
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind), m.start(kind) + 1))
        pos = m.end()
    return out


class _LineParser:
    """Recursive descent over the tokens of one rule line."""

    def __init__(self, toks: List[Tuple[str, str, int]], where: str) -> None:
        self.toks = toks
        self.i = 0
        self.where = where          # "file:line"

    def error(self, msg: str) -> RulesError:
        if self.i < len(self.toks):
            col = self.toks[self.i][2]
        else:       # at the end of the line: point just past the last token
            col = self.toks[-1][2] + len(self.toks[-1][1]) if self.toks else 1
        return RulesError("%s:%d: error: %s" % (self.where, col, msg))

    def peek(self, value: Optional[str] = None) -> bool:
        if self.i >= len(self.toks):
            return False
        return value is None or self.toks[self.i][1] == value

    def take(self, kind: str, value: Optional[str] = None) -> str:
        if self.i >= len(self.toks):
            raise self.error("unexpected end of rule, expected %s" % (value or kind))
        k, v, _ = self.toks[self.i]
        if k != kind or (value is not None and v != value):
            raise self.error("expected %s, found %r" % (value or kind, v))
        self.i += 1
        return v

    def pattern(self) -> Pattern:
        name = ""
        if (self.i + 1 < len(self.toks) and self.toks[self.i][0] == "id"
                and self.toks[self.i + 1][1] == ":"):
            name = self.take("id")
            self.take("punct", ":")
        col_i = self.i
        word = self.take("id")
        if word[0].islower():
            return ("nt", word, name)
        try:
            op = operator(word)
        except IRError as e:
            self.i = col_i
            raise self.error(str(e))
        kids: List[Pattern] = []
        if self.peek("("):
            self.take("punct", "(")
            kids.append(self.pattern())
            while self.peek(","):
                self.take("punct", ",")
                kids.append(self.pattern())
            self.take("punct", ")")
        if len(kids) != op.arity:
            self.i = col_i
            raise self.error("%s takes %d operand(s), the pattern gives %d"
                             % (word, op.arity, len(kids)))
        return ("op", word, name, tuple(kids))


def _leaf_names(p: Pattern, out: List[str]) -> None:
    if p[2]:
        out.append(p[2])
    if p[0] == "op":
        for k in p[3]:
            _leaf_names(k, out)


def _nonterminals(p: Pattern, out: Set[str]) -> None:
    if p[0] == "nt":
        out.add(p[1])
    else:
        for k in p[3]:
            _nonterminals(k, out)


def _parse_rule(text: str, where: str, line: int) -> Rule:
    lp = _LineParser(_tokens(text, where), where)
    lhs = lp.take("id")
    if not lhs[0].islower():
        lp.i -= 1
        raise lp.error("a rule starts with a lower-case nonterminal, not %r" % lhs)
    lp.take("punct", ":")
    pattern = lp.pattern()
    preds: List[Tuple[str, Tuple[str, ...]]] = []
    if lp.peek("if"):
        lp.take("id", "if")
        while True:
            pred_at = lp.i
            pname = lp.take("id")
            args: List[str] = []
            if lp.peek("("):
                lp.take("punct", "(")
                args.append(lp.take("id"))
                while lp.peek(","):
                    lp.take("punct", ",")
                    args.append(lp.take("id"))
                lp.take("punct", ")")
            # `same` is built in and compares two operands; the others test one.
            if len(args) != (2 if pname == BUILTIN_SAME else len(args[:1])):
                lp.i = pred_at
                raise lp.error("%s takes %s" % (pname, "two operands" if pname == BUILTIN_SAME
                                                 else "at most one operand"))
            preds.append((pname, tuple(args)))
            if not lp.peek(","):
                break
            lp.take("punct", ",")
    lp.take("id", "cost")
    cost = int(lp.take("int"))
    if cost < 0:
        lp.i -= 1
        raise lp.error("a cost is not negative")
    template = ""
    if lp.peek():
        raw = lp.take("str")
        template = raw[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if lp.peek():
        raise lp.error("unexpected %r after the rule" % lp.toks[lp.i][1])
    names: List[str] = []
    _leaf_names(pattern, names)
    dup = sorted(n for n in set(names) if names.count(n) > 1)
    if dup or "dst" in names:
        raise RulesError("%s: error: operand name %r used twice (dst is the result)"
                         % (where, (dup or ["dst"])[0]))
    for pname, pargs in preds:
        for arg in pargs:
            if arg not in names:
                raise RulesError("%s: error: predicate %s names unknown operand %r"
                                 % (where, pname, arg))
    for ref in re.findall(r"\{(\w+)(?:[:@][^}]*)?\}", template):
        if not _RESERVED_REF.match(ref) and ref not in names:
            raise RulesError("%s: error: template names unknown operand {%s}" % (where, ref))
    return Rule(lhs, pattern, cost, tuple(preds), template, line, " ".join(text.split()))


def parse_rules(text: str, path: str) -> RuleFile:
    rf = RuleFile(path)
    loop: Optional[Tuple[str, List[str], List[Tuple[int, str]]]] = None
    lines: List[Tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        where = "%s:%d" % (path, number)
        line = raw.split("#", 1)[0].strip() if '"' not in raw else _strip_comment(raw)
        if not line:
            continue
        if line.startswith("%for "):
            m = re.match(r"%for\s+(\w+(?:/\w+)*)\s+in\s+(.+)$", line)
            if m is None or loop is not None:
                raise RulesError("%s:1: error: expected '%%for NAME in WORD...' "
                                 "(loops do not nest)" % where)
            # `%for T/S in I4/l I8/q`: several variables, words split on '/'.
            nvars = len(m.group(1).split("/"))
            if any(len(w.split("/")) != nvars for w in m.group(2).split()):
                raise RulesError("%s:1: error: every %%for word needs %d '/'-separated parts"
                                 % (where, nvars))
            loop = (m.group(1), m.group(2).split(), [])
        elif line == "%end":
            if loop is None:
                raise RulesError("%s:1: error: %%end without %%for" % where)
            var, words, body = loop
            # Expand word by word so each family member's rules stay together.
            names = var.split("/")
            for w in words:
                for n, b in body:
                    # longest names first so $TT is not read as $T + T
                    for name, part in sorted(zip(names, w.split("/")),
                                             key=lambda np: -len(np[0])):
                        b = b.replace("$" + name, part)
                    lines.append((n, b))
            loop = None
        elif loop is not None:
            loop[2].append((number, line))
        else:
            lines.append((number, line))
    if loop is not None:
        raise RulesError("%s:1: error: %%for without %%end" % path)
    for number, line in lines:
        where = "%s:%d" % (path, number)
        if line.startswith("%goal"):
            parts = line.split()
            if len(parts) != 2 or rf.goal:
                raise RulesError("%s:1: error: expected one '%%goal NONTERMINAL'" % where)
            rf.goal = parts[1]
        elif line.startswith("%predicate"):
            m = re.match(r'%predicate\s+(\w+)\s*("(?:[^"\\]|\\.)*")?\s*$', line)
            if m is None:
                raise RulesError('%s:1: error: expected %%predicate NAME "description"' % where)
            rf.predicates[m.group(1)] = (m.group(2) or '""')[1:-1]
        elif line.startswith("%"):
            raise RulesError("%s:1: error: unknown directive %s" % (where, line.split()[0]))
        else:
            rf.rules.append(_parse_rule(line, where, number))
    _check(rf)
    return rf


def _strip_comment(raw: str) -> str:
    """Drop a # comment that is not inside a "template"."""
    quoted = False
    for i, c in enumerate(raw):
        if c == '"' and (i == 0 or raw[i - 1] != "\\"):
            quoted = not quoted
        elif c == "#" and not quoted:
            return raw[:i].strip()
    return raw.strip()


def _check(rf: RuleFile) -> None:
    defined = {r.lhs for r in rf.rules}
    if not rf.goal:
        raise RulesError("%s:1: error: no %%goal" % rf.path)
    if rf.goal not in defined:
        raise RulesError("%s:1: error: goal %s has no rules" % (rf.path, rf.goal))
    for r in rf.rules:
        where = "%s:%d" % (rf.path, r.line)
        used: Set[str] = set()
        _nonterminals(r.pattern, used)
        if r.lhs == BUILTIN_TREE:
            raise RulesError("%s: error: %s is built in (any subtree, not reduced)"
                             % (where, BUILTIN_TREE))
        for nt in sorted(used - defined - {BUILTIN_TREE}):
            raise RulesError("%s: error: nonterminal %s has no rules" % (where, nt))
        for pname, _ in r.predicates:
            if pname not in rf.predicates and pname != BUILTIN_SAME:
                raise RulesError("%s: error: predicate %s is not declared with %%predicate"
                                 % (where, pname))
        if r.pattern[0] == "nt" and r.pattern[1] == r.lhs:
            raise RulesError("%s: error: chain rule %s: %s derives itself"
                             % (where, r.lhs, r.lhs))
