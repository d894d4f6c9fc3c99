"""Tree IR operators and nodes.

An operator name is an operation, a type letter and a size, as in lcc:
ADDI4 (add two 4-byte signed ints), INDIRP8 (load a pointer), CNSTU8.
Type letters: I signed int, U unsigned int, P pointer, F float, B block
(struct; the byte count is the node's value, not part of the name) and V
void (no size).  Conversions name their source letter too: CVIF8 converts
some I to an 8-byte float, CVUI4 some U to a 4-byte int; the source size is
the kid's size.

The text form (used by --dump-ir, by tests and by the rules files) is
s-expressions, one tree per line:
    ASGNI4(ADDRLP8[x], ADDI4(INDIRI4(ADDRLP8[y]), CNSTI4[1]))
A value is written in brackets after the operator, kids in parentheses.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple, Union

Value = Union[int, float, str, None]

# operation -> (arity, type letters it exists for, kind of its value).
# Value kinds: "" none, "const" a number, "sym" a symbol name, "label" a
# label name, "size" a byte count (block operations).
OPERATIONS: Dict[str, Tuple[int, str, str]] = {
    "CNST": (0, "IUPF", "const"),
    "ADDRG": (0, "P", "sym"),     # address of a global
    "ADDRL": (0, "P", "sym"),     # address of a local
    "ADDRF": (0, "P", "sym"),     # address of a parameter
    "INDIR": (1, "IUPFB", ""),    # load from the address kid
    "ASGN": (2, "IUPFB", ""),     # store kid 1 at address kid 0
    "LOAD": (1, "IUPF", ""),      # register-to-register copy
    "CV": (1, "IUPF", ""),        # conversion; source letter in the name
    "NEG": (1, "IF", ""),
    "BCOM": (1, "IU", ""),
    "ADD": (2, "IUPF", ""),
    "SUB": (2, "IUPF", ""),
    "MUL": (2, "IUF", ""),
    "DIV": (2, "IUF", ""),
    "MOD": (2, "IU", ""),
    "BAND": (2, "IU", ""),
    "BOR": (2, "IU", ""),
    "BXOR": (2, "IU", ""),
    "LSH": (2, "IU", ""),
    "RSH": (2, "IU", ""),
    "EQ": (2, "IUPF", "label"),   # conditional jumps to the value label
    "NE": (2, "IUPF", "label"),
    "LT": (2, "IUPF", "label"),
    "LE": (2, "IUPF", "label"),
    "GT": (2, "IUPF", "label"),
    "GE": (2, "IUPF", "label"),
    "ARG": (1, "IUPFB", ""),      # (unused: arguments travel in the CallSite)
    "CALL": (1, "IUPFBV", "call"),  # call the address kid; value: ir.func.CallSite
    "RET": (1, "IUPFBV", ""),     # RETV has no kid (see _arity); RETB: kid is
                                  # the address of the struct to return
    "JUMP": (0, "V", "label"),
    "LABEL": (0, "V", "label"),
    "LADDR": (0, "P", "label"),   # address of a code label (&&label, jump tables)
    "IJUMP": (1, "V", ""),        # jump to the address kid (goto *p, jump tables)
    "ALLOCA": (1, "P", ""),       # allocate kid (U8) bytes on the stack, 16-aligned
    "VASTART": (1, "V", ""),      # va_start on the va_list whose address is the kid
    "ASM": (0, "V", "asm"),       # inline asm statement; value: ir.func.AsmInfo
}

# Sizes each type letter may carry.  Pointers are 8 bytes on all three
# targets; F16 is long double (x87 on x86-64, binary128 elsewhere).
SIZES: Dict[str, Tuple[int, ...]] = {
    "I": (1, 2, 4, 8), "U": (1, 2, 4, 8), "P": (8,), "F": (4, 8, 16),
    "B": (), "V": (),
}

_OP_RE = re.compile(r"^([A-Z]+?)([IUPF])?([IUPFBV])(\d*)$")


class IRError(Exception):
    """A malformed operator name or tree (a bug in whoever built it)."""


class Operator:
    """A parsed operator name such as ADDI4 or CVIF8."""
    __slots__ = ("name", "operation", "letter", "size", "source", "arity", "value_kind")

    def __init__(self, name: str, operation: str, letter: str, size: int,
                 source: str, arity: int, value_kind: str) -> None:
        self.name = name
        self.operation = operation
        self.letter = letter          # result type letter
        self.size = size              # result size in bytes, 0 for B and V
        self.source = source          # CV only: the source type letter
        self.arity = arity
        self.value_kind = value_kind

    def __repr__(self) -> str:
        return "Operator(%s)" % self.name


_OPERATORS: Dict[str, Operator] = {}   # cache: names are parsed once


def operator(name: str) -> Operator:
    """Parse and validate an operator name; raise IRError if it is not one."""
    op = _OPERATORS.get(name)
    if op is not None:
        return op
    m = _OP_RE.match(name)
    if m is None:
        raise IRError("not an operator name: %r" % name)
    operation, source, letter, size_text = m.group(1), m.group(2) or "", m.group(3), m.group(4)
    # CVII4 is CV + source I + result I4, but the non-greedy regex can also
    # read other names with a two-letter suffix; only CV takes a source.
    if source and operation != "CV":
        operation, source = operation + source, ""
    if operation not in OPERATIONS:
        raise IRError("unknown operation %r in %r" % (operation, name))
    arity, letters, value_kind = OPERATIONS[operation]
    if operation == "CV" and not source:
        raise IRError("%s: a conversion names its source type letter (CVIF8)" % name)
    if letter not in letters:
        raise IRError("%s: %s does not exist for type letter %s" % (name, operation, letter))
    if letter in "BV":
        if size_text:
            raise IRError("%s: type letter %s takes no size" % (name, letter))
        size = 0
    else:
        size = int(size_text) if size_text else -1
        if size not in SIZES[letter]:
            raise IRError("%s: bad size for type letter %s" % (name, letter))
    if operation == "RET" and letter == "V":
        arity = 0
    if operation == "ASGN" and letter == "B":
        value_kind = "size"
    op = Operator(name, operation, letter, size, source, arity, value_kind)
    _OPERATORS[name] = op
    return op


class Node:
    """One IR tree node.  The selector fills `state` while labelling.

    `loc` (statement roots only; None elsewhere and when unknown): the
    source position (lcc.diagnostics.Loc) of the C statement or expression
    the tree belongs to; lowering sets it, the selector copies it to the
    machine instructions (-g line info, docs/backend.md)."""
    __slots__ = ("op", "kids", "value", "state", "loc")

    def __init__(self, op: Union[str, Operator], kids: Tuple["Node", ...] = (),
                 value: Value = None) -> None:
        self.op: Operator = operator(op) if isinstance(op, str) else op
        self.kids: Tuple[Node, ...] = tuple(kids)
        self.value: Value = value
        # nonterminal -> (cost, rule index); None until labelled.
        self.state: Optional[Dict[str, Tuple[int, int]]] = None
        self.loc: object = None

    def __repr__(self) -> str:
        return "Node(%s)" % format_tree(self)


def format_tree(node: Node) -> str:
    """The one-line s-expression text of a tree."""
    text = node.op.name
    if node.value is not None:
        text += "[%s]" % (node.value,)
    if node.kids:
        text += "(" + ", ".join(format_tree(k) for k in node.kids) + ")"
    return text


def _kid_ok(op: Operator, index: int, kid: Operator) -> bool:
    """Whether `kid` may be kid number `index` of `op` (types must agree)."""
    same = kid.letter == op.letter and kid.size == op.size
    o = op.operation
    if o in ("INDIR", "CALL", "IJUMP", "VASTART") or (o == "ASGN" and index == 0) or \
            (o == "RET" and op.letter == "B"):
        return kid.letter == "P"
    if o == "ALLOCA":
        return kid.letter in "IU" and kid.size == 8
        return kid.letter == "P"
    if o == "CV":
        return kid.letter == op.source
    if o in ("LSH", "RSH") and index == 1:
        return kid.letter in "IU"            # shift count: any integer
    if op.letter == "P" and o in ("ADD", "SUB"):
        # pointer arithmetic: pointer plus an 8-byte integer offset;
        # SUBP8 of two pointers is their byte difference.
        if index == 0:
            return kid.letter == "P"
        return kid.letter in "IU" and kid.size == 8 or (o == "SUB" and kid.letter == "P")
    if op.letter == "B":
        return kid.letter == "B"
    return same


def check_tree(node: Node) -> None:
    """Raise IRError naming the first malformed node of the tree."""
    op = node.op
    if len(node.kids) != op.arity:
        raise IRError("%s takes %d kid(s), has %d: %s"
                      % (op.name, op.arity, len(node.kids), format_tree(node)))
    kind = op.value_kind
    v = node.value
    if kind == "" and v is not None:
        raise IRError("%s takes no value: %s" % (op.name, format_tree(node)))
    if kind == "const" and not isinstance(v, (int, float)):
        raise IRError("%s needs a numeric value: %s" % (op.name, format_tree(node)))
    if kind in ("sym", "label") and not (isinstance(v, str) and v):
        raise IRError("%s needs a name: %s" % (op.name, format_tree(node)))
    if kind in ("call", "asm") and v is None:
        raise IRError("%s needs its %s record: %s" % (op.name, kind, format_tree(node)))
    if kind == "size" and not (isinstance(v, int) and v > 0):
        raise IRError("%s needs a byte count: %s" % (op.name, format_tree(node)))
    for i, kid in enumerate(node.kids):
        if not isinstance(kid, Node):
            raise IRError("%s: kid %d is not a node" % (op.name, i))
        if not _kid_ok(op, i, kid.op):
            raise IRError("%s cannot take %s as kid %d: %s"
                          % (op.name, kid.op.name, i, format_tree(node)))
        check_tree(kid)


_TOKEN_RE = re.compile(r"\s*(?:([A-Z][A-Z0-9]*)|(\[[^\]]*\])|([(),]))")


def parse_tree(text: str) -> Node:
    """Parse the text form back into a tree (the inverse of format_tree)."""
    tokens: List[str] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN_RE.match(text, pos)
        if m is None or m.end() == pos:
            raise IRError("bad tree text at column %d: %r" % (pos + 1, text))
        tokens.append(m.group(m.lastindex or 0))
        pos = m.end()
    node, i = _parse_node(tokens, 0)
    if i != len(tokens):
        raise IRError("trailing text in tree: %r" % text)
    return node


def _parse_value(text: str) -> Value:
    try:
        return int(text, 0)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def _parse_node(tokens: List[str], i: int) -> Tuple[Node, int]:
    if i >= len(tokens) or not tokens[i][0].isalpha():
        raise IRError("expected an operator in tree text")
    name = tokens[i]
    i += 1
    value: Value = None
    if i < len(tokens) and tokens[i].startswith("["):
        value = _parse_value(tokens[i][1:-1])
        i += 1
    kids: List[Node] = []
    if i < len(tokens) and tokens[i] == "(":
        i += 1
        while True:
            kid, i = _parse_node(tokens, i)
            kids.append(kid)
            if i < len(tokens) and tokens[i] == ",":
                i += 1
                continue
            if i < len(tokens) and tokens[i] == ")":
                i += 1
                break
            raise IRError("expected ',' or ')' in tree text")
    return Node(name, tuple(kids), value), i
