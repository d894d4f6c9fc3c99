"""Tree IR: operator names, the text form and the well-formedness checker.

The oracle for the checker is construction: random trees built only from
the typing rules documented in lcc/ir/tree.py must be accepted, and each
single-point corruption of such a tree (a kid of the wrong type, a missing
or extra kid, a missing value) must be rejected.
"""
from __future__ import annotations

import os
import random
import sys
from typing import List

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from lcc.ir.tree import (OPERATIONS, SIZES, IRError, Node, check_tree,  # noqa: E402
                         format_tree, operator, parse_tree)


def all_operator_names() -> List[str]:
    names = []
    for operation, (_, letters, _) in sorted(OPERATIONS.items()):
        for letter in letters:
            sizes = [str(s) for s in SIZES[letter]] or [""]
            for size in sizes:
                if operation == "CV":
                    names += ["CV%s%s%s" % (src, letter, size) for src in "IUPF"]
                else:
                    names.append(operation + letter + size)
    return names


def test_every_documented_operator_parses_back_to_its_parts() -> None:
    names = all_operator_names()
    assert len(names) > 150
    for name in names:
        op = operator(name)
        assert op.name == name
        rebuilt = op.operation + op.source + op.letter + (str(op.size) if op.size else "")
        assert rebuilt == name


@pytest.mark.parametrize("name", [
    "ADDB", "ADDI3", "MODF8", "CVI4", "ADDRLI4", "ADDP4", "RETV8", "ADDV", "FOOI4",
    "addi4", "CNSTB", "BANDF8", "NEGU4", "ADDI", "LABELI4", "CVXI4",
])
def test_bad_operator_names_are_rejected(name: str) -> None:
    with pytest.raises(IRError):
        operator(name)


# -- random well-typed trees --------------------------------------------------

VALUE_TYPES = ["I1", "I2", "I4", "I8", "U1", "U2", "U4", "U8", "P8", "F4", "F8", "F16"]


def gen_value(rng: random.Random, t: str, depth: int) -> Node:
    letter = t[0]
    if depth <= 0 or rng.random() < 0.25:
        if letter == "P" and rng.random() < 0.5:
            return Node(rng.choice(["ADDRLP8", "ADDRGP8", "ADDRFP8"]), (),
                        rng.choice(["x", "y", "p"]))
        return Node("CNST" + t, (), rng.choice([0, 1, -7, 1 << 40]) if letter != "F" else 1.5)
    choice = rng.randrange(6)
    if choice == 0:
        return Node("INDIR" + t, (gen_value(rng, "P8", depth - 1),))
    if choice == 1:
        src = rng.choice(VALUE_TYPES)
        return Node("CV" + src[0] + t, (gen_value(rng, src, depth - 1),))
    if letter == "P":
        return Node("ADDP8", (gen_value(rng, "P8", depth - 1),
                              gen_value(rng, rng.choice(["I8", "U8"]), depth - 1)))
    if choice == 2 and letter in "IU":
        return Node("LSH" + t, (gen_value(rng, t, depth - 1),
                                gen_value(rng, rng.choice(["I4", "U1"]), depth - 1)))
    if choice == 3:
        return Node(("NEG" if letter in "IF" else "BCOM") + t, (gen_value(rng, t, depth - 1),))
    op = rng.choice(["ADD", "SUB", "MUL", "DIV"] + (["BAND", "MOD"] if letter in "IU" else []))
    return Node(op + t, (gen_value(rng, t, depth - 1), gen_value(rng, t, depth - 1)))


def gen_stmt(rng: random.Random) -> Node:
    t = rng.choice(VALUE_TYPES)
    kind = rng.randrange(4)
    if kind == 0:
        return Node("ASGN" + t, (gen_value(rng, "P8", 2), gen_value(rng, t, 3)))
    if kind == 1:
        return Node("ARG" + t, (gen_value(rng, t, 3),))
    if kind == 2:
        return Node(rng.choice(["EQ", "LT", "GE"]) + t,
                    (gen_value(rng, t, 2), gen_value(rng, t, 2)), "L7")
    return Node("RET" + t, (gen_value(rng, t, 3),))


def nodes(t: Node) -> List[Node]:
    out = [t]
    for k in t.kids:
        out += nodes(k)
    return out


def test_random_well_typed_trees_pass_and_round_trip() -> None:
    rng = random.Random(1)
    for _ in range(400):
        t = gen_stmt(rng)
        check_tree(t)
        text = format_tree(t)
        again = parse_tree(text)
        check_tree(again)
        assert format_tree(again) == text


def test_single_corruptions_are_rejected() -> None:
    rng = random.Random(2)
    rejected = 0
    for _ in range(300):
        t = gen_stmt(rng)
        victim = rng.choice([n for n in nodes(t) if n.kids])
        how = rng.randrange(3)
        if how == 0:
            i = rng.randrange(len(victim.kids))
            kid = victim.kids[i]
            # A constant whose type differs in letter or size from the kid's.
            other = rng.choice([x for x in VALUE_TYPES
                                if x != kid.op.name[-len(x):] and not kid.op.name.endswith(x)])
            bad = Node("CNST" + other, (), 1 if other[0] != "F" else 1.0)
            if (victim.op.operation in ("LSH", "RSH") and i == 1 and other[0] in "IU") or \
                    (victim.op.operation == "CV" and other[0] == victim.op.source) or \
                    (victim.op.name in ("ADDP8",) and i == 1 and other in ("I8", "U8")):
                continue          # these kids may legitimately take other types
            victim.kids = victim.kids[:i] + (bad,) + victim.kids[i + 1:]
        elif how == 1:
            victim.kids = victim.kids[:-1]
        else:
            victim.kids = victim.kids + (victim.kids[0],)
        with pytest.raises(IRError):
            check_tree(t)
        rejected += 1
    assert rejected > 200


@pytest.mark.parametrize("text", [
    "CNSTI4", "ADDRLP8", "ADDI4[3](CNSTI4[1], CNSTI4[2])", "ASGNB(ADDRLP8[a], INDIRB(ADDRLP8[b]))",
    "LABELV", "EQI4(CNSTI4[1], CNSTI4[2])", "INDIRI4(CNSTI4[0])", "RETV(CNSTI4[0])",
    "ASGNI4(CNSTI4[0], CNSTI4[1])", "CVIF8(CNSTF4[1.0])",
])
def test_checker_rejects_malformed_values_and_kids(text: str) -> None:
    with pytest.raises(IRError):
        check_tree(parse_tree(text))


@pytest.mark.parametrize("text", ["ADDI4(", "ADDI4(CNSTI4[1] CNSTI4[2])", "(", "ADDI4 x", ""])
def test_bad_tree_text_is_rejected(text: str) -> None:
    with pytest.raises(IRError):
        parse_tree(text)


def test_printer_form() -> None:
    t = Node("ASGNI4", (Node("ADDRLP8", (), "x"),
                        Node("ADDI4", (Node("INDIRI4", (Node("ADDRLP8", (), "y"),)),
                                       Node("CNSTI4", (), 1)))))
    check_tree(t)
    assert format_tree(t) == "ASGNI4(ADDRLP8[x], ADDI4(INDIRI4(ADDRLP8[y]), CNSTI4[1]))"
    assert format_tree(parse_tree("LTI4[L3](CNSTI4[-1], CNSTI4[0x10])")) == \
        "LTI4[L3](CNSTI4[-1], CNSTI4[16])"
