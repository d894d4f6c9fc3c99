"""Static data: objects with static or thread storage duration as DataItems.

Lowering calls `define_global(lw_or_module, symbol, analyzer)` for every
file-scope object definition and every static local, `string_literal` for
string literals whose address is used, and `static_local_name` to name a
static local.  The bytes of an object come from `Symbol.init` (sema's flat
InitEntry list, later entries overriding earlier ones): the object is
zero-filled, each entry is encoded into a byte buffer, address constants
become relocation pieces, and the result is cut into DataItem pieces.

Where gcc decides something observable (section, alignment, names), this
module does what `gcc -O0` does on x86-64; tests/test_data.py compares the
bytes and relocations with gcc's object files.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from lcc import ast
from lcc.diagnostics import CompileError
from lcc.ir.func import DataItem, Module, Piece
from lcc.ir.data_float import encode_float, exact_complex, exact_value, float_const_bytes
from lcc.sema.types import CONST, ArrayType, FloatType, IntType, RecordType, Type, VectorType

# A relocation inside an object's buffer: offset -> ("addr", 8, name, addend),
# ("label", 8, label) or ("labeldiff", size, label, base label, addend).
Relocs = Dict[int, Tuple[Any, ...]]


# ------------------------------------------------------------------ names
def _state(module: Module) -> Dict[Any, Any]:
    return module.names


def new_data_name(module: Module) -> str:
    """A fresh `.LC<N>` name for anonymous data (string literals, jump
    tables, ...), unique in the module."""
    st = _state(module)
    n = st.get("lc", 0)
    st["lc"] = n + 1
    return ".LC%d" % n


def static_local_name(module: Module, symbol: Any) -> str:
    """The assembler name of a static local: `name.N` as gcc spells it, the
    same string every time for the same Symbol."""
    st = _state(module)
    table = st.setdefault("static_locals", {})
    hit = table.get(id(symbol))
    if hit is not None:
        return hit[1]
    if symbol.asm_label:
        name = symbol.asm_label
    else:
        n = st.get("static_n", 0)
        st["static_n"] = n + 1
        name = "%s.%d" % (symbol.name, n)
    table[id(symbol)] = (symbol, name)   # the symbol is kept so its id stays unique
    return name


def asm_name(module: Module, symbol: Any) -> str:
    """The assembler name of any object or function Symbol."""
    if symbol.kind == "var" and getattr(symbol, "is_local_static", False) \
            and symbol.scope_depth > 0 and symbol.linkage == "none":
        return static_local_name(module, symbol)
    return symbol.asm_label or symbol.name


def string_literal(module: Module, node: Any) -> str:
    """The name of a rodata item holding string literal `node` (identical
    literals of the same element type share one item)."""
    t = node.type
    esize = t.elem.size() if isinstance(t, ArrayType) else 1
    value = node.value
    if isinstance(value, (bytes, bytearray)):
        data = bytes(value)
    else:
        data = b"".join((u & ((1 << (8 * esize)) - 1)).to_bytes(esize, "little")
                        for u in value)
    key = ("str", esize, data)
    st = _state(module)
    table = st.setdefault("strings", {})
    name = table.get(key)
    if name is None:
        name = new_data_name(module)
        table[key] = name
        item = DataItem(name, len(data), esize, "rodata", "static",
                        [("bytes", data)] if data else [])
        module.data.append(item)
    return name


def compound_literal(module: Module, node: Any, analyzer: Any) -> str:
    """The name of the static object of a file-scope compound literal (or of
    one used in a static initializer), defined on first use."""
    st = _state(module)
    table = st.setdefault("literals", {})
    hit = table.get(id(node))
    if hit is not None:
        return hit[1]
    sym = analyzer.literal_symbols.get(node)
    if sym is None:
        raise CompileError(node.loc, "compound literal without an object (internal)")
    n = st.get("literal_n", 0)
    st["literal_n"] = n + 1
    name = "__compound_literal.%d" % n
    table[id(node)] = (node, name)
    t = sym.type
    item = _build_item(module, analyzer, sym, name, t, sym.init or [], "static", None)
    module.data.append(item)
    return name


# -------------------------------------------------------------- definitions
def define_global(lw_or_module: Any, symbol: Any, analyzer: Any = None) -> None:
    """Add the DataItem (and directives) for an object definition with static
    or thread storage: a file-scope definition (tentative ones included) or a
    static local.  `lw_or_module` is the Lowerer (inside a function: its
    `analyzer` is used and `&&label` initializers resolve to its labels) or
    the Module (file scope: pass `analyzer`)."""
    module: Module = getattr(lw_or_module, "module", lw_or_module)
    if analyzer is None:
        analyzer = getattr(lw_or_module, "analyzer", None)
    lw = lw_or_module if lw_or_module is not module else None
    name = asm_name(module, symbol)
    attrs = list(symbol.attrs or [])
    add_directives(module, symbol, name)
    if symbol.storage == "extern" and symbol.init is None:
        return                       # a declaration: no storage here
    if symbol.storage == "register":
        return                       # a global register variable (asm("rbx"))
    if _attr_value(attrs, "alias") is not None:
        return
    if symbol.linkage == "external":
        linkage = "weak" if "weak" in attrs else "global"
    else:
        linkage = "static"
    t = symbol.type
    if symbol.init is None and not symbol.defined and symbol.tentative \
            and linkage == "global" and _fcommon(analyzer) and not symbol.thread_local \
            and _attr_value(attrs, "section") is None:
        item = DataItem(name, max(t.size(), 1), _align(symbol, t), "bss", "common",
                        [("zero", max(t.size(), 1))])
        module.data.append(item)
        return
    item = _build_item(module, analyzer, symbol, name, t, symbol.init or [], linkage, lw)
    for a in attrs:
        if a == "used" or a.startswith("visibility="):
            item.attrs.append(a)
    module.data.append(item)


def _build_item(module: Module, analyzer: Any, symbol: Any, name: str, t: Type,
                init: List[Any], linkage: str, lw: Any) -> DataItem:
    size = t.size()
    if isinstance(t, ArrayType) and t.length is None:
        size = 0
    # A flexible array member initialized by the initializer extends the
    # object past sizeof (gcc allows it for static objects).
    # Only the bytes up to the last initialized one are built in memory
    # (`static char big[1 << 30];` is one zero piece).
    hi = 0
    for e in init:
        hi = max(hi, e.offset + _entry_size(e))
    end = max(size, hi)
    buf = bytearray(hi)
    relocs: Relocs = {}
    enc = _Encoder(module, analyzer, lw)
    # sema folds `const char a = 1; double b = a;` only while it analyses a
    # static initializer: tell fold() that this is one again
    saved = getattr(analyzer, "_static_init", False)
    if analyzer is not None:
        analyzer._static_init = True
    try:
        for e in init:
            enc.entry(buf, relocs, e, 0)
    finally:
        if analyzer is not None:
            analyzer._static_init = saved
    if symbol.thread_local:
        module.tls.add(name)
    section = _section(symbol, t, buf, relocs)
    item = DataItem(name, end, _align(symbol, t), section, linkage, [])
    item.pieces = _pieces(buf, relocs)
    if end > len(buf):
        if item.pieces and item.pieces[-1][0] == "zero":
            item.pieces[-1] = ("zero", item.pieces[-1][1] + end - len(buf))
        else:
            item.pieces.append(("zero", end - len(buf)))
    return item


def _entry_size(e: Any) -> int:
    if e.bit_width is not None:
        return (e.bit_offset + e.bit_width + 7) // 8
    t = e.type
    if isinstance(t, ArrayType) and t.length is None:
        # a flexible array member initialized by a string literal
        x = _strip(e.expr)
        if isinstance(x, ast.StringLit):
            return len(x.value) * t.elem.size()
    return t.size()


def _align(symbol: Any, t: Type) -> int:
    """gcc's alignment of a static object on x86-64: the type's, or the
    user's (_Alignas/aligned, never raised further); without a user
    alignment, arrays and structs of 8/16/32+ bytes get 8/16/32
    (ix86_data_alignment).  Thread-local objects only get raises up to 8
    ("TLS space is too precious"), plus 16 for public arrays of 16+ bytes
    (the psABI rule), as measured with gcc 12."""
    a = t.align()
    if symbol is not None and getattr(symbol, "align", None):
        return max(a, symbol.align)
    n = t.size()
    data_align = a
    if isinstance(t, (ArrayType, RecordType)):
        for limit in (32, 16, 8):
            if n >= limit:
                data_align = max(a, limit)
                break
    if symbol is None or not symbol.thread_local:
        return data_align
    if data_align <= 8:
        return data_align
    if symbol.linkage == "external" and isinstance(t, ArrayType) and n >= 16:
        return max(a, 16)
    return a


def _is_const(t: Type) -> bool:
    while isinstance(t, ArrayType):
        t = t.elem
    return bool(t.quals & CONST) and not _has_mutable(t)


def _has_mutable(t: Type) -> bool:
    # A const struct is read-only as a whole; nothing to check further
    # except volatile, which gcc keeps out of .rodata.
    return bool(t.quals & 2)


def _section(symbol: Any, t: Type, buf: bytearray, relocs: Relocs) -> str:
    explicit = _attr_value(list(symbol.attrs or []), "section") if symbol is not None else None
    if explicit is not None:
        return explicit
    zero = not relocs and not any(buf)
    if symbol is not None and symbol.thread_local:
        return "tbss" if zero else "tdata"
    if _is_const(t):
        # Addresses in a PIE or shared library are only known at load
        # time: gcc puts such constants where the dynamic linker may write
        # them before making them read-only (RELRO), never in .rodata.
        # (label differences are constants the assembler computes)
        dynamic = any(r[0] != "labeldiff" for r in relocs.values())
        return ".data.rel.ro" if dynamic else "rodata"
    return "bss" if zero else "data"


def _attr_value(attrs: List[str], key: str) -> Optional[str]:
    """The argument of an attribute kept by sema as `key=value` (section,
    alias, visibility); None if absent."""
    for a in attrs:
        if a.startswith(key + "="):
            return a[len(key) + 1:]
    return None


def _fcommon(analyzer: Any) -> bool:
    opts = getattr(analyzer, "opts", None)
    return bool(getattr(opts, "fcommon", False))


def add_directives(module: Module, symbol: Any, name: Optional[str] = None) -> None:
    """Module directives from a symbol's attributes: weak, alias, visibility
    (used for data and functions, declarations and definitions alike)."""
    if name is None:
        name = asm_name(module, symbol)
    attrs = list(symbol.attrs or [])
    seen = _state(module).setdefault("directives", set())

    def add(d: Tuple[Any, ...]) -> None:
        if d not in seen:
            seen.add(d)
            module.directives.append(d)
    if "weak" in attrs:
        add(("weak", name))
    target = _attr_value(attrs, "alias")
    if target is not None:
        link = "weak" if "weak" in attrs else (
            "global" if symbol.linkage == "external" else "static")
        add(("alias", name, target, link))
    vis = _attr_value(attrs, "visibility")
    if vis is not None:
        add(("visibility", name, vis))


def toplevel_asm(module: Module, node: Any) -> None:
    """A file-scope `asm("...")` (ast.AsmDecl)."""
    text = node.template
    if isinstance(text, ast.StringLit):
        v = text.value
        text = v[:-1].decode("latin-1") if isinstance(v, (bytes, bytearray)) else \
            "".join(map(chr, v[:-1]))
    module.toplevel_asm.append(str(text))


# ------------------------------------------------------------------ pieces
def _pieces(buf: bytearray, relocs: Relocs) -> List[Piece]:
    out: List[Piece] = []
    pos = 0
    n = len(buf)
    for off in sorted(relocs):
        _bytes_pieces(out, buf, pos, off)
        r = relocs[off]
        out.append(r)
        pos = off + r[1]
    _bytes_pieces(out, buf, pos, n)
    return out


def _bytes_pieces(out: List[Piece], buf: bytearray, start: int, end: int) -> None:
    """Bytes in [start, end): runs of 16+ zero bytes become zero pieces."""
    i = start
    lit = start
    while i < end:
        if buf[i] == 0:
            j = i
            while j < end and buf[j] == 0:
                j += 1
            if j - i >= 16 or (i == start and j == end):
                if i > lit:
                    out.append(("bytes", bytes(buf[lit:i])))
                out.append(("zero", j - i))
                lit = j
            i = j
        else:
            i += 1
    if end > lit:
        out.append(("bytes", bytes(buf[lit:end])))


# ---------------------------------------------------------------- encoding
class _Encoder:
    """Writes InitEntries into a byte buffer and its relocation map."""

    def __init__(self, module: Module, analyzer: Any, lw: Any) -> None:
        self.module = module
        self.analyzer = analyzer
        self.lw = lw

    def entry(self, buf: bytearray, relocs: Relocs, e: Any, base: int) -> None:
        off = base + e.offset
        t = e.type
        if e.bit_width is not None:
            self.bitfield(buf, relocs, off, e)
            return
        size = t.size()
        _clear(relocs, off, size)
        expr = e.expr
        if isinstance(t, ArrayType) or isinstance(t, RecordType) or isinstance(t, VectorType):
            buf[off:off + size] = bytes(size)
            self.aggregate(buf, relocs, off, t, expr)
            return
        buf[off:off + size] = self.scalar_bytes(relocs, off, t, expr)

    def aggregate(self, buf: bytearray, relocs: Relocs, off: int, t: Type, expr: Any) -> None:
        x = _strip(expr)
        if isinstance(x, ast.StringLit) and isinstance(t, ArrayType):
            esize = t.elem.size()
            units = x.value
            n = len(units) if t.length is None else min(len(units), t.length)
            for i in range(n):
                u = units[i]
                buf[off + i * esize:off + (i + 1) * esize] = \
                    (u & ((1 << (8 * esize)) - 1)).to_bytes(esize, "little")
            return
        if isinstance(x, ast.CompoundLiteral):
            sym = self.analyzer.literal_symbols.get(x)
            if sym is not None:
                for sub in sym.init or []:
                    self.entry(buf, relocs, sub, off)
                return
        if isinstance(x, ast.Ident) and x.symbol is not None and x.symbol.init is not None \
                and x.symbol.type.quals & CONST:
            for sub in x.symbol.init:
                self.entry(buf, relocs, sub, off)
            return
        raise CompileError(getattr(expr, "loc", None),
                           "initializer element is not constant")

    def bitfield(self, buf: bytearray, relocs: Relocs, off: int, e: Any) -> None:
        v = self.analyzer.fold(e.expr)
        if v is None:
            raise CompileError(getattr(e.expr, "loc", None),
                               "initializer element is not constant")
        v = int(v)
        nbytes = (e.bit_offset + e.bit_width + 7) // 8
        if off + nbytes > len(buf):
            buf.extend(bytes(off + nbytes - len(buf)))
        cur = int.from_bytes(buf[off:off + nbytes], "little")
        mask = ((1 << e.bit_width) - 1) << e.bit_offset
        cur = (cur & ~mask) | ((v << e.bit_offset) & mask)
        buf[off:off + nbytes] = cur.to_bytes(nbytes, "little")
        _clear(relocs, off, nbytes)

    def scalar_bytes(self, relocs: Relocs, off: int, t: Type, expr: Any) -> bytes:
        an = self.analyzer
        size = t.size()
        if isinstance(t, FloatType):
            if t.complex:
                half = size // 2
                parts = exact_complex(expr, half)
                if parts is not None:
                    return encode_float(parts[0], half) + encode_float(parts[1], half)
                v = an.fold(expr)
                if v is None:
                    v = _complex_parts(an, expr)
                if v is None:
                    raise CompileError(getattr(expr, "loc", None),
                                       "initializer element is not constant")
                c = complex(v)
                half = size // 2
                return encode_float(c.real, half) + encode_float(c.imag, half)
            ex = exact_value(an, expr, t)
            if ex is not None:
                return encode_float(ex, size)
            # infinities, NaNs (with payloads and signs) as gcc folds them
            special = float_const_bytes(expr, size)
            if special is not None:
                return special
            v = an.fold(expr)
            if v is None:
                raise CompileError(getattr(expr, "loc", None),
                                   "initializer element is not constant")
            if isinstance(v, complex):
                v = v.real
            return encode_float(v, size)
        v = an.fold(expr)
        if isinstance(v, complex):
            v = v.real
        if isinstance(v, float):
            v = int(v)
        if v is None:
            d = an.label_difference(expr) if isinstance(t, IntType) else None
            if d is not None:
                relocs[off] = ("labeldiff", size, self.label(d[0]), self.label(d[1]), d[2])
                return bytes(size)
            a = an.address_constant(expr)
            if a is None:
                raise CompileError(getattr(expr, "loc", None),
                                   "initializer element is not constant")
            if a.base is None:
                v = a.offset
            else:
                if size != 8:
                    raise CompileError(getattr(expr, "loc", None),
                                       "initializer element is not computable at load time")
                relocs[off] = self.reloc(a)
                return bytes(8)
        if isinstance(t, IntType) and t.kind == "_Bool":
            v = 1 if v else 0
        return (int(v) & ((1 << (8 * size)) - 1)).to_bytes(size, "little")

    def label(self, name: str) -> str:
        """The IR label of user label `name`, recorded as a target of the
        function's computed gotos (its address is taken)."""
        lw = self.lw
        if lw is None or not hasattr(lw, "label_for"):
            raise CompileError(None, "address of a label outside a function")
        label = lw.label_for(name)
        fn = getattr(lw, "fn", None)
        if fn is not None and label not in fn.label_targets:
            fn.label_targets.append(label)
        return label

    def reloc(self, a: Any) -> Tuple[Any, ...]:
        base = a.base
        if isinstance(base, tuple) and base and base[0] == "label":
            return ("label", 8, self.label(base[1]))
        if isinstance(base, ast.StringLit):
            return ("addr", 8, string_literal(self.module, base), a.offset)
        if isinstance(base, ast.CompoundLiteral):
            return ("addr", 8, compound_literal(self.module, base, self.analyzer), a.offset)
        return ("addr", 8, asm_name(self.module, base), a.offset)


def _strip(e: Any) -> Any:
    while isinstance(e, ast.ImplicitCast) and e.kind in ("lvalue", "array", "qual"):
        e = e.expr
    return e


def _clear(relocs: Relocs, off: int, size: int) -> None:
    """Forget relocations overlapping [off, off+size) (overwritten bytes)."""
    if not relocs:
        return
    if size <= 64:
        # a relocation is at most 8 bytes: probe the offsets that could
        # overlap instead of scanning them all (big pointer tables)
        cands = [r for r in range(max(0, off - 7), off + size) if r in relocs]
    else:
        cands = list(relocs)
    for r in cands:
        if r < off + size and r + relocs[r][1] > off:
            del relocs[r]


def _complex_parts(an: Any, expr: Any) -> Optional[complex]:
    """`re + im * I` style complex constants that fold() leaves alone:
    conversions from a real constant, __builtin_complex(a, b)."""
    x = expr
    if isinstance(x, (ast.ImplicitCast, ast.Cast)):
        v = an.fold(x.expr)
        if v is not None:
            return complex(v)
    if isinstance(x, ast.Call):
        f = x.func.expr if isinstance(x.func, ast.ImplicitCast) else x.func
        if isinstance(f, ast.Ident) and f.name == "__builtin_complex" and len(x.args) == 2:
            a, b = an.fold(x.args[0]), an.fold(x.args[1])
            if a is not None and b is not None:
                return complex(float(a), float(b))
    return None
