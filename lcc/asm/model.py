"""The assembler's data model: sections made of fragments, symbols, and
fixups (a value to patch in once addresses are known).

A section is a list of fragments.  A fixed fragment holds bytes; a
variable one is a branch that may be short or long, or an alignment pad.
Relaxation (layout.py) gives every fragment its address; symbols are
(fragment, offset) pairs, so their addresses follow.
"""
from __future__ import annotations

from typing import List, Optional

from lcc.asm.expr import Expr


class Frag:
    """kind "fixed": data + fixups; "branch": a jmp/jcc that starts short
    (short/long encodings, target symbol); "align": pad to `align` with at
    most `max_skip` bytes, filled with `fill` (None = code NOPs); "leb": a
    .uleb128/.sleb128 of a value known only after layout (`data` holds
    its current encoding); "space": `size` zero bytes of a NOBITS section
    (never stored)."""
    __slots__ = ("kind", "data", "fixups", "addr", "size", "short", "long", "target",
                 "is_long", "align", "fill", "max_skip", "line", "expr", "dot", "signed", "plt",
                 "region", "marker")

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.data = bytearray()
        self.fixups: List[Fixup] = []
        self.addr = 0
        self.size = 0
        self.short: Optional[tuple] = None     # (bytes, field offset)
        self.long: Optional[tuple] = None      # (bytes, field offset, kind)
        self.target: Optional[Symbol] = None
        self.is_long = False
        self.align = 1
        self.fill: Optional[int] = None
        self.max_skip = 0
        self.line = 0
        self.expr: Optional[Expr] = None       # kind "leb": its value
        self.dot: Optional[tuple] = None
        self.signed = False
        self.plt = False                       # kind "branch": target@PLT
        self.region = 0                        # relaxation (layout.py)
        self.marker = False


class Section:
    __slots__ = ("name", "type", "flags", "entsize", "align", "frags", "cur", "sym",
                 "group", "index", "linked", "osec", "cfi_used")

    def __init__(self, name: str, type_: int, flags: int, entsize: int = 0) -> None:
        self.name = name
        self.type = type_
        self.flags = flags
        self.entsize = entsize
        self.align = 1
        self.frags: List[Frag] = [Frag("fixed")]
        self.cur = self.frags[0]
        self.sym: Optional[Symbol] = None       # the section symbol
        self.group: Optional[str] = None
        self.index = 0
        self.linked: Optional[str] = None
        self.osec: object = None
        self.cfi_used = False

    def new_frag(self, kind: str) -> Frag:
        f = Frag(kind)
        self.frags.append(f)
        if kind == "fixed":
            self.cur = f
        return f

    def size(self) -> int:
        last = self.frags[-1]
        return last.addr + (len(last.data) if last.kind == "fixed" else last.size)


class Symbol:
    """A name.  Defined by a label (section, frag, offset), by `.set`
    (expr, with `dot` captured), by `.comm`, or undefined.
    bind: None (local unless something says otherwise), "global", "weak",
    "local" (explicit)."""
    __slots__ = ("name", "section", "frag", "offset", "expr", "dot", "bind", "vis", "type",
                 "size_expr", "size_dot", "common", "in_reloc", "is_section", "osym",
                 "order", "tls", "line", "mentioned", "converted")

    def __init__(self, name: str, order: int) -> None:
        self.name = name
        self.section: Optional[Section] = None
        self.frag: Optional[Frag] = None
        self.offset = 0
        self.expr: Optional[Expr] = None
        self.dot: Optional[tuple] = None
        self.bind: Optional[str] = None
        self.vis = 0
        self.type = 0
        self.size_expr: Optional[Expr] = None
        self.size_dot: Optional[tuple] = None
        self.common: Optional[tuple] = None    # (size, align)
        self.in_reloc = False
        self.is_section = False
        self.osym: object = None
        self.order = order
        self.tls = False
        self.line = 0
        self.mentioned = True
        # a local label GNU turned into a full symbol early (see layout.py)
        self.converted = False

    def defined(self) -> bool:
        return self.section is not None or self.expr is not None

    def addr(self) -> int:
        f = self.frag
        return (f.addr if f is not None else 0) + self.offset

    def is_external(self) -> bool:
        return self.bind in ("global", "weak")

    def __repr__(self) -> str:
        return "Symbol(%s)" % self.name


class Fixup:
    """Patch `size` bytes at frag.data[offset] with expr's value.

    expr is an expression tree (data directives, `.set`), or None when
    `sym`/`addend` give it directly (instruction fixups).  kind: the
    relocation name the encoder chose (PC32, PLT32, 32S, ...) or None for
    data (chosen from size and whether it ends up PC-relative).  `dot` is
    the location `.` stood for; `branch` marks a call/jmp target whose
    relocation follows GNU's PLT32 rule; `forced` an explicit @PLT."""
    __slots__ = ("frag", "offset", "size", "kind", "expr", "sym", "addend", "dot", "line",
                 "branch", "forced", "signed")

    def __init__(self, frag: Frag, offset: int, size: int, kind: Optional[str],
                 expr: Optional[Expr], sym: Optional[Symbol], addend: int,
                 dot: Optional[tuple], line: int) -> None:
        self.frag = frag
        self.offset = offset
        self.size = size
        self.kind = kind
        self.expr = expr
        self.sym = sym
        self.addend = addend
        self.dot = dot
        self.line = line
        self.branch = False
        self.forced = False
        self.signed = False
