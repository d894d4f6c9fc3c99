"""Assembler expressions: parsing GNU `as` operand expressions into small
trees, and evaluating them against the assembler's symbols.

Trees are tuples (cheap to build and to walk, on CPython and PyPy):
    ("num", value)
    ("sym", name, reloc)      reloc: None or the @suffix ("GOTPCREL", "PLT")
    ("dot",)                  the current location
    ("neg"|"not"|"lnot", e)   unary - ~ !
    (op, a, b)                op in + - * / % << >> & | ^ == != < > <= >= && ||
GNU `as` precedence is its own (lowest to highest): `|| &&`, then
`+ - == != < > <= >=`, then `| & ^ !`, then `* / % << >>`, then unary.

Evaluation gives a `Value`: an addend plus at most one symbol added and
one subtracted (`sym + 4`, `.L2 - .L1`, `foo - .`); the assembler turns a
difference of two symbols of one section into a number and anything still
symbolic into a relocation.
"""
from __future__ import annotations

from typing import Any, Callable, List, Optional, Tuple

Expr = tuple


class AsmError(Exception):
    """An error in assembly source; `line` is set by the assembler."""

    def __init__(self, msg: str, line: int = 0) -> None:
        super().__init__(msg)
        self.msg = msg
        self.line = line


_SYM_START = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.$")
_SYM_CHARS = _SYM_START | set("0123456789")
_OPS3 = ()
_OPS2 = ("<<", ">>", "==", "!=", "<=", ">=", "&&", "||", "<>")
_PREC = {"||": 1, "&&": 1,
         "+": 2, "-": 2, "==": 2, "!=": 2, "<>": 2, "<": 2, ">": 2, "<=": 2, ">=": 2,
         "|": 3, "&": 3, "^": 3, "!": 3,
         "*": 4, "/": 4, "%": 4, "<<": 4, ">>": 4}


def _char_value(text: str, i: int) -> Tuple[int, int]:
    """The character constant starting after the quote at text[i]: 'c or 'c'."""
    c = text[i]
    if c == "\\" and i + 1 < len(text):
        e = text[i + 1]
        table = {"n": 10, "t": 9, "r": 13, "b": 8, "f": 12, "v": 11, "a": 7, "\\": 92,
                 "'": 39, '"': 34, "0": 0}
        if e in table:
            v, j = table[e], i + 2
        else:
            v, j = ord(e), i + 2
    else:
        v, j = ord(c), i + 1
    if j < len(text) and text[j] == "'":
        j += 1
    return v, j


def tokenize(text: str) -> List[Tuple[str, object]]:
    """Tokens: ("num", int), ("sym", name), ("op", text), ("reloc", name)."""
    toks: List[Tuple[str, object]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in " \t":
            i += 1
            continue
        if c.isdigit():
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            word = text[i:j]
            if (word.endswith("f") or word.endswith("b")) and word[:-1].isdigit() \
                    and not word.lower().startswith("0x") and not word.startswith("0b"):
                toks.append(("sym", word))        # numeric local label 1f / 1b
            else:
                toks.append(("num", parse_int(word)))
            i = j
            continue
        if c in _SYM_START:
            j = i + 1
            while j < n and text[j] in _SYM_CHARS:
                j += 1
            toks.append(("sym", text[i:j]))
            i = j
            continue
        if c == '"':                               # quoted symbol name
            j = text.find('"', i + 1)
            if j < 0:
                raise AsmError("missing closing `\"'")
            toks.append(("sym", text[i + 1:j]))
            i = j + 1
            continue
        if c == "@":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            toks.append(("reloc", text[i + 1:j]))
            i = j
            continue
        if c == "'":
            if i + 1 >= n:
                raise AsmError("missing character after `''")
            v, i = _char_value(text, i + 1)
            toks.append(("num", v))
            continue
        two = text[i:i + 2]
        if two in _OPS2:
            toks.append(("op", two))
            i += 2
            continue
        if c in "+-*/%&|^~!<>()":
            toks.append(("op", c))
            i += 1
            continue
        raise AsmError("junk `%s' in expression" % text[i:])
    return toks


def parse_int(word: str) -> int:
    w = word.lower()
    try:
        if w.startswith("0x"):
            return int(w[2:], 16)
        if w.startswith("0b"):
            return int(w[2:], 2)
        if len(w) > 1 and w.startswith("0"):
            return int(w[1:], 8)
        return int(w, 10)
    except ValueError:
        raise AsmError("bad number `%s'" % word) from None


class _Parser:
    __slots__ = ("toks", "pos")

    def __init__(self, toks: List[Tuple[str, object]]) -> None:
        self.toks = toks
        self.pos = 0

    def peek(self) -> Optional[Tuple[str, object]]:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def binary(self, level: int) -> Expr:
        if level > 4:
            return self.unary()
        left = self.binary(level + 1)
        while True:
            t = self.peek()
            if t is None or t[0] != "op" or _PREC.get(t[1], 0) != level:  # type: ignore
                return left
            self.pos += 1
            op = "!=" if t[1] == "<>" else t[1]
            if op == "!":                       # binary ! is "or not"
                op = "ornot"
            right = self.binary(level + 1)
            left = (op, left, right)

    def unary(self) -> Expr:
        t = self.peek()
        if t is None:
            raise AsmError("missing operand")
        self.pos += 1
        kind, v = t
        if kind == "num":
            return ("num", v)
        if kind == "sym":
            name = v
            r = self.peek()
            reloc = None
            if r is not None and r[0] == "reloc":
                self.pos += 1
                reloc = r[1]
            if name == ".":
                return ("dot",)
            return ("sym", name, reloc)
        if kind == "op":
            if v == "(":
                e = self.binary(1)
                t2 = self.peek()
                if t2 is None or t2 != ("op", ")"):
                    raise AsmError("missing ')'")
                self.pos += 1
                r = self.peek()
                if r is not None and r[0] == "reloc" and e[0] == "sym":
                    self.pos += 1
                    e = ("sym", e[1], r[1])
                return e
            if v == "-":
                e = self.unary()
                return ("num", -e[1]) if e[0] == "num" else ("neg", e)
            if v == "+":
                return self.unary()
            if v == "~":
                e = self.unary()
                return ("num", ~e[1]) if e[0] == "num" else ("not", e)
            if v == "!":
                return ("lnot", self.unary())
        raise AsmError("bad expression")


def parse_expr(text: str) -> Expr:
    toks = tokenize(text)
    if not toks:
        raise AsmError("missing expression")
    p = _Parser(toks)
    e = p.binary(1)
    if p.pos != len(toks):
        raise AsmError("junk at end of expression `%s'" % text.strip())
    return e


def symbols_of(e: Expr) -> List[Tuple[str, Optional[str]]]:
    """(name, reloc) of every symbol in e, in order (for first-mention order)."""
    out: List[Tuple[str, Optional[str]]] = []

    def walk(x: Expr) -> None:
        k = x[0]
        if k == "sym":
            out.append((x[1], x[2]))
        elif k in ("num", "dot"):
            return
        else:
            for sub in x[1:]:
                walk(sub)
    walk(e)
    return out


class Value:
    """addend + sym - minus; `reloc` is the @suffix of sym."""
    __slots__ = ("addend", "sym", "minus", "reloc")

    def __init__(self, addend: int, sym: Any = None, minus: Any = None,
                 reloc: Optional[str] = None) -> None:
        self.addend = addend
        self.sym = sym
        self.minus = minus
        self.reloc = reloc

    def is_const(self) -> bool:
        return self.sym is None and self.minus is None


_MASK = (1 << 64) - 1


def _wrap(v: int) -> int:
    v &= _MASK
    return v - (1 << 64) if v >> 63 else v


def evaluate(e: Expr, lookup: Callable[[str], Value], dot: Callable[[], Value]) -> Value:
    """Evaluate e; lookup(name) gives a symbol's Value (a number for a
    defined absolute symbol, or sym+offset), dot() the current location."""
    k = e[0]
    if k == "num":
        return Value(e[1])
    if k == "sym":
        v = lookup(e[1])
        if e[2] is not None:
            if v.minus is not None:
                raise AsmError("bad relocation expression")
            return Value(v.addend, v.sym, None, e[2])
        return v
    if k == "dot":
        return dot()
    if k in ("neg", "not", "lnot"):
        a = evaluate(e[1], lookup, dot)
        if not a.is_const():
            if k == "neg" and a.minus is None and a.reloc is None:
                raise AsmError("can't negate a symbol")
            raise AsmError("expression is not a constant")
        if k == "neg":
            return Value(_wrap(-a.addend))
        if k == "not":
            return Value(~a.addend)
        return Value(0 if a.addend else 1)
    a = evaluate(e[1], lookup, dot)
    b = evaluate(e[2], lookup, dot)
    if k == "+":
        if b.is_const():
            return Value(_wrap(a.addend + b.addend), a.sym, a.minus, a.reloc)
        if a.is_const():
            return Value(_wrap(a.addend + b.addend), b.sym, b.minus, b.reloc)
        if a.minus is not None and b.sym is not None and b.minus is None and a.sym is None:
            return Value(_wrap(a.addend + b.addend), b.sym, a.minus, b.reloc)
        if b.minus is not None and a.sym is not None and a.minus is None and b.sym is None:
            return Value(_wrap(a.addend + b.addend), a.sym, b.minus, a.reloc)
        raise AsmError("can't add two symbols")
    if k == "-":
        if b.is_const():
            return Value(_wrap(a.addend - b.addend), a.sym, a.minus, a.reloc)
        if b.minus is None and b.reloc is None and a.minus is None:
            if a.sym is not None and a.sym is b.sym:
                return Value(_wrap(a.addend - b.addend))
            return Value(_wrap(a.addend - b.addend), a.sym, b.sym, a.reloc)
        if b.minus is not None and b.sym is not None and a.minus is None and a.sym is None:
            return Value(_wrap(a.addend - b.addend), b.minus, b.sym)
        raise AsmError("invalid symbol subtraction")
    if not (a.is_const() and b.is_const()):
        if k in ("==", "!=") and a.sym is b.sym and a.minus is b.minus:
            eq = a.addend == b.addend
            return Value(-1 if eq == (k == "==") else 0)
        raise AsmError("invalid operands for `%s'" % k)
    x, y = a.addend, b.addend
    if k == "*":
        r = x * y
    elif k in ("/", "%"):
        if y == 0:
            raise AsmError("division by zero")
        q = abs(x) // abs(y)
        if (x < 0) != (y < 0):
            q = -q
        r = q if k == "/" else x - q * y
    elif k == "<<":
        r = x << y if 0 <= y < 64 else 0
    elif k == ">>":
        r = (x & _MASK) >> y if 0 <= y < 64 else 0
    elif k == "&":
        r = x & y
    elif k == "|":
        r = x | y
    elif k == "^":
        r = x ^ y
    elif k == "ornot":
        r = x | ~y
    elif k == "==":
        r = -1 if x == y else 0
    elif k == "!=":
        r = -1 if x != y else 0
    elif k == "<":
        r = -1 if x < y else 0
    elif k == ">":
        r = -1 if x > y else 0
    elif k == "<=":
        r = -1 if x <= y else 0
    elif k == ">=":
        r = -1 if x >= y else 0
    elif k == "&&":
        r = 1 if x and y else 0
    elif k == "||":
        r = 1 if x or y else 0
    else:
        raise AsmError("bad operator %s" % k)
    return Value(_wrap(r))
