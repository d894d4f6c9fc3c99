"""Assembler directives (pseudo-ops): sections, symbols, data, alignment.

Each handler takes the Assembler and the Directive (raw argument texts);
TABLE maps the directive name to its handler.
"""
from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Callable, Dict, List, Optional

from lcc.asm.expr import AsmError, parse_expr, symbols_of
from lcc.asm.parser import Directive
from lcc.elf.consts import (SHF_ALLOC, SHF_EXECINSTR, SHF_GROUP, SHF_MERGE, SHF_STRINGS,
                            SHF_TLS, SHF_WRITE, SHT_FINI_ARRAY, SHT_INIT_ARRAY, SHT_NOBITS,
                            SHT_NOTE, SHT_PREINIT_ARRAY, SHT_PROGBITS, STT_FUNC,
                            STT_GNU_IFUNC, STT_NOTYPE, STT_OBJECT, STT_TLS, STV_HIDDEN,
                            STV_INTERNAL, STV_PROTECTED, SHF_EXCLUDE, SHF_LINK_ORDER,
                            SHT_X86_64_UNWIND)

if TYPE_CHECKING:
    from lcc.asm.assembler import Assembler

Handler = Callable[["Assembler", Directive], None]
TABLE: Dict[str, Handler] = {}


def directive(*names: str) -> Callable[[Handler], Handler]:
    def reg(fn: Handler) -> Handler:
        for n in names:
            TABLE[n] = fn
        return fn
    return reg


# -- strings -----------------------------------------------------------------

_ESC = {"n": 10, "t": 9, "r": 13, "b": 8, "f": 12, "v": 11, "a": 7, "e": 27, "\\": 92,
        '"': 34, "'": 39}


def parse_string(text: str) -> bytes:
    """A double-quoted string with GNU as escapes -> bytes."""
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise AsmError("expected string, got `%s'" % text)
    out = bytearray()
    s = text[1:-1]
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c != "\\":
            out += c.encode("utf-8", "surrogateescape")
            i += 1
            continue
        i += 1
        if i >= n:
            break
        c = s[i]
        if c in "01234567":
            j = i
            while j < n and j < i + 3 and s[j] in "01234567":
                j += 1
            out.append(int(s[i:j], 8) & 0xFF)
            i = j
        elif c in "xX":
            j = i + 1
            while j < n and s[j] in "0123456789abcdefABCDEF":
                j += 1
            out.append(int(s[i + 1:j] or "0", 16) & 0xFF)
            i = j
        elif c in _ESC:
            out.append(_ESC[c])
            i += 1
        else:
            out += c.encode("utf-8", "surrogateescape")
            i += 1
    return bytes(out)


def _strings(d: Directive) -> List[bytes]:
    out: List[bytes] = []
    for a in d.args:
        a = a.strip()
        # adjacent literals ("a" "b") are one string
        parts: List[bytes] = []
        while a:
            if a[0] != '"':
                raise AsmError("expected string")
            j = 1
            while j < len(a) and a[j] != '"':
                j += 2 if a[j] == "\\" else 1
            parts.append(parse_string(a[:j + 1]))
            a = a[j + 1:].strip()
        out.append(b"".join(parts))
    return out


@directive(".ascii")
def _ascii(a: "Assembler", d: Directive) -> None:
    for s in _strings(d):
        a.emit(s)


@directive(".asciz", ".string")
def _asciz(a: "Assembler", d: Directive) -> None:
    for s in _strings(d):
        a.emit(s + b"\0")


# -- data ----------------------------------------------------------------------

def _data(size: int) -> Handler:
    def handler(a: "Assembler", d: Directive) -> None:
        for arg in d.args:
            if not arg:
                raise AsmError("missing value")
            if arg[0] in "-0123456789" and arg.lstrip("-").isdigit():
                v = int(arg)
                a.emit((v & ((1 << (8 * size)) - 1)).to_bytes(size, "little"))
                continue
            a.emit_value(parse_expr(arg), size)
    return handler


for _dnames, _dsize in (((".byte",), 1), ((".short", ".value", ".word", ".2byte", ".hword"), 2),
                        ((".long", ".int", ".4byte"), 4), ((".quad", ".8byte"), 8)):
    _h = _data(_dsize)
    for _n in _dnames:
        TABLE[_n] = _h


def _float_value(text: str) -> float:
    t = text.strip().lower()
    if len(t) > 2 and t[0] == "0" and t[1] in "fdrsex":
        t = t[2:]
    try:
        if t.startswith(("0x", "-0x", "+0x")):
            return float.fromhex(t)
        return float(t)
    except ValueError:
        raise AsmError("bad floating-point constant `%s'" % text) from None


@directive(".float", ".single")
def _float(a: "Assembler", d: Directive) -> None:
    for arg in d.args:
        a.emit(struct.pack("<f", _float_value(arg)))


@directive(".double")
def _double(a: "Assembler", d: Directive) -> None:
    for arg in d.args:
        a.emit(struct.pack("<d", _float_value(arg)))


def _leb(v: int, signed: bool) -> bytes:
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if signed:
            done = (v == 0 and not b & 0x40) or (v == -1 and b & 0x40)
        else:
            done = v == 0
        out.append(b if done else b | 0x80)
        if done:
            return bytes(out)


def _leb_directive(a: "Assembler", d: Directive, signed: bool) -> None:
    for arg in d.args:
        e = a.mention_expr(parse_expr(arg))
        try:
            v = a.const_now(e)
        except AsmError:
            v = None
        if v is not None:
            a.emit(_leb(v if signed or v >= 0 else v & ((1 << 64) - 1), signed))
            continue
        # known after layout (a forward label): a variable-size fragment
        sec = a.cur
        f = sec.new_frag("leb")
        f.expr = e
        f.dot = a.dot()
        f.signed = signed
        f.line = a.line
        f.data = bytearray(b"\0")
        sec.new_frag("fixed")


@directive(".uleb128")
def _uleb(a: "Assembler", d: Directive) -> None:
    _leb_directive(a, d, False)


@directive(".sleb128")
def _sleb(a: "Assembler", d: Directive) -> None:
    _leb_directive(a, d, True)


def leb(v: int, signed: bool) -> bytes:
    return _leb(v if signed or v >= 0 else v & ((1 << 64) - 1), signed)


@directive(".zero", ".skip", ".space")
def _skip(a: "Assembler", d: Directive) -> None:
    if not d.args:
        raise AsmError("missing size expression")
    n = a.absolute(d.args[0])
    fill = a.absolute(d.args[1]) & 0xFF if len(d.args) > 1 else 0
    if n < 0:
        raise AsmError(".space with negative value")
    if a.cur.type == SHT_NOBITS and not fill:
        # .bss holds no bytes: only the size (a `.zero 1200000000000000012`
        # of gcc's would not fit in memory)
        a.reserve(n)
        return
    a.emit(bytes([fill]) * n)


@directive(".fill")
def _fill(a: "Assembler", d: Directive) -> None:
    count = a.absolute(d.args[0])
    size = a.absolute(d.args[1]) if len(d.args) > 1 and d.args[1] else 1
    value = a.absolute(d.args[2]) if len(d.args) > 2 else 0
    size = min(size, 8)
    # GNU as: the value is 4 bytes at most, the rest of each item is zero
    item = (value & 0xFFFFFFFF).to_bytes(4, "little") + bytes(4)
    a.emit(item[:size] * count if size <= 8 else b"")


@directive(".incbin")
def _incbin(a: "Assembler", d: Directive) -> None:
    name = parse_string(d.args[0]).decode("utf-8", "surrogateescape")
    try:
        with open(name, "rb") as f:
            data = f.read()
    except OSError:
        raise AsmError("file not found: %s" % name) from None
    skip = a.absolute(d.args[1]) if len(d.args) > 1 else 0
    count = a.absolute(d.args[2]) if len(d.args) > 2 else len(data) - skip
    a.emit(data[skip:skip + count])


@directive(".org")
def _org(a: "Assembler", d: Directive) -> None:
    """Advance to a section offset (a constant, or `.`/a label of this
    section plus a constant): padding decided at layout."""
    e = a.mention_expr(parse_expr(d.args[0]))
    fill = a.absolute(d.args[1]) & 0xFF if len(d.args) > 1 else 0
    sec = a.cur
    f = sec.new_frag("org")
    f.expr = e
    f.dot = a.dot()
    f.fill = fill
    f.line = a.line
    sec.new_frag("fixed")


@directive(".endr")
def _endr(a: "Assembler", d: Directive) -> None:
    raise AsmError(".endr without .rept")


# -- alignment -----------------------------------------------------------------

def _align(a: "Assembler", align: int, args: List[str]) -> None:
    if align & (align - 1):
        raise AsmError("alignment not a power of 2")
    fill: Optional[int] = None
    if len(args) > 1 and args[1]:
        fill = a.absolute(args[1]) & 0xFF
    max_skip = a.absolute(args[2]) if len(args) > 2 and args[2] else 0
    sec = a.cur
    code = bool(sec.flags & SHF_EXECINSTR)
    if fill is None and not code:
        fill = 0
    if fill == 0x90 and code:
        fill = None                     # GNU as pads code with multi-byte NOPs
    if align > sec.align:
        sec.align = align
    if align <= 1:
        return
    f = sec.new_frag("align")
    f.align = align
    f.fill = fill
    f.max_skip = max_skip
    f.line = a.line
    sec.new_frag("fixed")


@directive(".p2align", ".p2alignw", ".p2alignl")
def _p2align(a: "Assembler", d: Directive) -> None:
    _align(a, 1 << a.absolute(d.args[0]) if d.args and d.args[0] else 1, d.args)


@directive(".balign", ".align", ".balignw", ".balignl")
def _balign(a: "Assembler", d: Directive) -> None:
    _align(a, a.absolute(d.args[0]) if d.args and d.args[0] else 1, d.args)


# -- sections --------------------------------------------------------------------

_TYPES = {"progbits": SHT_PROGBITS, "nobits": SHT_NOBITS, "note": SHT_NOTE,
          "init_array": SHT_INIT_ARRAY, "fini_array": SHT_FINI_ARRAY,
          "preinit_array": SHT_PREINIT_ARRAY, "unwind": SHT_X86_64_UNWIND}
_FLAGS = {"a": SHF_ALLOC, "w": SHF_WRITE, "x": SHF_EXECINSTR, "M": SHF_MERGE,
          "S": SHF_STRINGS, "T": SHF_TLS, "G": SHF_GROUP, "e": SHF_EXCLUDE,
          "o": SHF_LINK_ORDER, "R": 0, "d": 0, "y": 0}


def default_section(name: str) -> tuple:
    """GNU as's type and flags for a section named without attributes."""
    def pre(p: str) -> bool:
        return name == p or name.startswith(p + ".")
    if pre(".text"):
        return SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR
    if pre(".bss") or name.startswith(".gnu.linkonce.b"):
        return SHT_NOBITS, SHF_ALLOC | SHF_WRITE
    if pre(".tbss"):
        return SHT_NOBITS, SHF_ALLOC | SHF_WRITE | SHF_TLS
    if pre(".tdata"):
        return SHT_PROGBITS, SHF_ALLOC | SHF_WRITE | SHF_TLS
    if pre(".data") or pre(".data1") or pre(".data.rel.ro") or pre(".got"):
        return SHT_PROGBITS, SHF_ALLOC | SHF_WRITE
    if pre(".rodata") or pre(".rodata1") or name == ".eh_frame_hdr":
        return SHT_PROGBITS, SHF_ALLOC
    if pre(".init_array"):
        return SHT_INIT_ARRAY, SHF_ALLOC | SHF_WRITE
    if pre(".fini_array"):
        return SHT_FINI_ARRAY, SHF_ALLOC | SHF_WRITE
    if pre(".preinit_array"):
        return SHT_PREINIT_ARRAY, SHF_ALLOC | SHF_WRITE
    if pre(".init") or pre(".fini"):
        return SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR
    if pre(".eh_frame"):
        return SHT_X86_64_UNWIND, SHF_ALLOC
    if name.startswith(".note"):
        return SHT_NOTE, 0
    if pre(".ctors") or pre(".dtors"):
        return SHT_PROGBITS, SHF_ALLOC | SHF_WRITE
    if pre(".comment"):
        return SHT_PROGBITS, SHF_MERGE | SHF_STRINGS
    return SHT_PROGBITS, 0


def switch(a: "Assembler", args: List[str]) -> None:
    if not args or not args[0]:
        raise AsmError("missing section name")
    name = args[0].strip()
    if name.startswith('"'):
        name = name[1:-1]
    type_, flags = default_section(name)
    entsize = 0
    group: Optional[str] = None
    if len(args) > 1:
        fl = args[1].strip()
        if fl.startswith('"'):
            fl = fl[1:-1]
            flags = 0
            for ch in fl:
                if ch not in _FLAGS:
                    raise AsmError("unknown section attribute `%s'" % ch)
                flags |= _FLAGS[ch]
            rest = [x.strip() for x in args[2:]]
            if rest:
                t = rest.pop(0).lstrip("@%")
                if t not in _TYPES:
                    raise AsmError("unrecognized section type `%s'" % t)
                type_ = _TYPES[t]
            elif type_ == SHT_NOBITS and not name.startswith((".bss", ".tbss")):
                type_ = SHT_PROGBITS
            if not (args[2:] if len(args) > 2 else []):
                type_ = _default_type(name, flags)
            if flags & SHF_MERGE:
                if not rest:
                    raise AsmError("entity size for SHF_MERGE not specified")
                entsize = a.absolute(rest.pop(0))
            if flags & SHF_GROUP:
                if not rest:
                    raise AsmError("group name not specified")
                group = rest.pop(0)
                if rest and rest[0] == "comdat":
                    rest.pop(0)
        elif fl.startswith("#"):
            raise AsmError("section attributes `#...' are not supported yet")
    if type_ in (SHT_INIT_ARRAY, SHT_FINI_ARRAY, SHT_PREINIT_ARRAY):
        entsize = 8
    sec = a.section(name, type_, flags, entsize, group)
    a.prev, a.cur = a.cur, sec


def _default_type(name: str, flags: int) -> int:
    t, _ = default_section(name)
    return t


@directive(".section")
def _section(a: "Assembler", d: Directive) -> None:
    switch(a, d.args)


@directive(".text", ".data", ".bss")
def _std_section(a: "Assembler", d: Directive) -> None:
    if d.args and d.args[0] and d.args[0] != "0":
        raise AsmError("subsections are not supported yet")
    switch(a, [d.name])


@directive(".pushsection")
def _push(a: "Assembler", d: Directive) -> None:
    a.stack.append((a.cur, a.prev))
    switch(a, d.args)


@directive(".popsection")
def _pop(a: "Assembler", d: Directive) -> None:
    if not a.stack:
        raise AsmError(".popsection without corresponding .pushsection; ignored")
    a.cur, a.prev = a.stack.pop()


@directive(".previous")
def _previous(a: "Assembler", d: Directive) -> None:
    if a.prev is not None:
        a.cur, a.prev = a.prev, a.cur


# -- symbols ---------------------------------------------------------------------

def _names(d: Directive) -> List[str]:
    out = []
    for x in d.args:
        x = x.strip()
        if x.startswith('"') and x.endswith('"'):
            x = x[1:-1]
        if x:
            out.append(x)
    return out


@directive(".globl", ".global")
def _globl(a: "Assembler", d: Directive) -> None:
    for n in _names(d):
        s = a.sym(n)
        if s.bind != "weak":
            s.bind = "global"


@directive(".weak")
def _weak(a: "Assembler", d: Directive) -> None:
    for n in _names(d):
        a.sym(n).bind = "weak"


@directive(".local")
def _local(a: "Assembler", d: Directive) -> None:
    for n in _names(d):
        a.sym(n).bind = "local"


def _vis(v: int) -> Handler:
    def h(a: "Assembler", d: Directive) -> None:
        for n in _names(d):
            a.sym(n).vis = v
    return h


TABLE[".hidden"] = _vis(STV_HIDDEN)
TABLE[".protected"] = _vis(STV_PROTECTED)
TABLE[".internal"] = _vis(STV_INTERNAL)

_STT = {"function": STT_FUNC, "object": STT_OBJECT, "tls_object": STT_TLS,
        "gnu_indirect_function": STT_GNU_IFUNC, "notype": STT_NOTYPE, "common": 5,
        "gnu_unique_object": STT_OBJECT}


@directive(".type")
def _type(a: "Assembler", d: Directive) -> None:
    if len(d.args) < 2:
        raise AsmError("expected comma after name in .type")
    s = a.sym(_names(d)[0])
    t = d.args[1].strip().lstrip("@%#").strip('"').lower()
    if t.startswith("stt_"):
        t = t[4:]
    if t not in _STT:
        raise AsmError("unrecognized symbol type \"%s\"" % t)
    s.type = _STT[t]
    if t == "gnu_unique_object":
        s.bind = "unique"


@directive(".size")
def _size(a: "Assembler", d: Directive) -> None:
    if len(d.args) < 2:
        raise AsmError("expected comma after name in .size")
    s = a.sym(_names(d)[0])
    s.size_expr = a.mention_expr(parse_expr(d.args[1]))
    s.size_dot = a.dot()


@directive(".set", ".equ", ".equiv")
def _set(a: "Assembler", d: Directive) -> None:
    if len(d.args) < 2:
        raise AsmError("expected comma after \"%s\"" % (d.args[0] if d.args else ""))
    name = _names(d)[0]
    s = a.sym(name)
    if d.name == ".equiv" and s.defined():
        raise AsmError("symbol `%s' is already defined" % name)
    if s.section is not None:
        raise AsmError("symbol `%s' is already defined" % name)
    e = parse_expr(",".join(d.args[1:]))
    existing = [n for n, _ in symbols_of(e) if n in a.symbols]
    s.expr = a.mention_expr(e)
    s.dot = a.dot()
    # GNU makes a `.set` local label a full symbol here, then the local
    # labels its value names that exist already (symbol-table order)
    a.convert(s)
    for n in existing:
        a.convert(a.symbols[n])


@directive(".symver")
def _symver(a: "Assembler", d: Directive) -> None:
    """`.symver name, alias@VERSION`: settled at the end (layout.py)."""
    if len(d.args) < 2 or "@" not in d.args[1]:
        raise AsmError("expected symbol version")
    if len(d.args) > 2:
        raise AsmError(".symver with a visibility is not supported yet")
    name = _names(d)[0]
    a.sym(name)
    a.symvers.append((name, d.args[1].strip()))


@directive(".comm", ".lcomm")
def _comm(a: "Assembler", d: Directive) -> None:
    name = _names(d)[0]
    size = a.absolute(d.args[1])
    align = a.absolute(d.args[2]) if len(d.args) > 2 else 0
    s = a.sym(name)
    if d.name == ".lcomm" or s.bind == "local":
        # A local common goes to the end of .bss (GNU: subsection 1).
        if len(d.args) < 3:
            align = 8 if size >= 8 else 4 if size >= 4 else 2 if size >= 2 else 1
        if s.defined():
            raise AsmError("symbol `%s' is already defined" % name)
        a.local_commons.append((s, size, align))
        s.section = a.section(".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE)
        s.frag = None
        if s.type == 0:
            s.type = STT_OBJECT
        return
    if not align:
        align = 1
        while align < size and align < 16:
            align <<= 1
    s.common = (size, align)
    s.type = STT_OBJECT
    if s.bind is None:
        s.bind = "global"


# -- accepted and ignored, or informational ------------------------------------

@directive(".file")
def _file(a: "Assembler", d: Directive) -> None:
    if len(d.args) == 1 and d.args[0].startswith('"'):
        a.file_name = parse_string(d.args[0]).decode("utf-8", "surrogateescape")
        return
    a.line_table().file(",".join(d.args))


@directive(".ident")
def _ident(a: "Assembler", d: Directive) -> None:
    sec = a.section(".comment", SHT_PROGBITS, SHF_MERGE | SHF_STRINGS, 1)
    saved = a.cur
    a.cur = sec
    if not sec.cur.data:
        a.emit(b"\0")
    for s in _strings(d):
        a.emit(s + b"\0")
    a.cur = saved


def _ignore(a: "Assembler", d: Directive) -> None:
    return None


@directive(".loc")
def _loc(a: "Assembler", d: Directive) -> None:
    """A row of the DWARF line table (lcc/asm/dwarf_line.py)."""
    a.line_table().directive_loc(",".join(d.args))


@directive(".loc_mark_labels")
def _loc_mark_labels(a: "Assembler", d: Directive) -> None:
    a.line_table().mark_labels = bool(a.absolute(d.args[0]))


for _n in (".code64", ".att_syntax", ".arch", ".addrsig",
           ".addrsig_sym", ".text_unlikely", ".sleb", ".nolist", ".list", ".eject",
           ".title", ".psize", ".linkonce"):
    TABLE[_n] = _ignore


@directive(".intel_syntax", ".code32", ".code16")
def _unsupported(a: "Assembler", d: Directive) -> None:
    raise AsmError("%s is not supported" % d.name)


def _register_cfi() -> None:
    from lcc.asm import cfi
    for n in cfi.NAMES:
        TABLE[n] = cfi.directive


_register_cfi()
