"""-g: DWARF 5 debug information in the assembly text, as gcc 12 -g emits it.

Line numbers: the printer (asm.py) asks `Debug.loc` for a `.loc FILE LINE
COL` row wherever MInst.loc changes; the assembler builds .debug_line from
them (`.file 0 "compdir" "name"` plus `.file N "name"`, DWARF 5 numbering).
Everything else is written here as data: .debug_abbrev and .debug_info
with one compile unit, a subprogram per function (frame base %rbp:
DW_OP_reg6, since lcc emits no CFI for DW_OP_call_frame_cfa), its named
parameters and variables (DW_OP_fbreg on a frame slot, DW_OP_regN for a
register local that kept one register; none otherwise: gdb then says
<optimized out>), and the types they need.  Strings are inline
(DW_FORM_string); type references are CU offsets computed here, so the
only relocations are the code addresses and .debug_line/.debug_abbrev.
"""
from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Tuple, Union

from lcc.asm.cfi import sleb, uleb
from lcc.target.x86_64.dwarf_die import Die, serialize

PRODUCER = "lcc (a C compiler in Python) -O0"

# DWARF register numbers of the x86-64 psABI.
_DWREG = {name: n for n, name in enumerate(
    ["rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp",
     "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"])}
_DWREG.update({"xmm%d" % i: 17 + i for i in range(16)})

# DW_ATE_* encodings
_BOOL, _CFLOAT, _FLOAT, _SIGNED, _SCHAR, _UNSIGNED, _UCHAR = 2, 3, 4, 5, 6, 7, 8


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Debug:
    """The -g state of one translation unit (compile_module makes one)."""

    def __init__(self, module: Any) -> None:
        self.module = module
        src = getattr(module, "source", None) or "<stdin>"
        self.source = src
        self.comp_dir = os.getcwd()
        self.files: Dict[str, int] = {}
        self.functions: List[Tuple[Any, Any, Dict[str, Any]]] = []  # (fn, mf, homes)
        self.index: Dict[str, int] = {}
        self.types: Dict[Any, Die] = {}
        self.type_dies: List[Die] = []

    # ------------------------------------------------------------ lines
    def file_no(self, path: str) -> Tuple[int, str]:
        """The .file number of path and the directive introducing it ("" if
        it was introduced before)."""
        n = self.files.get(path)
        if n is not None:
            return n, ""
        n = len(self.files) + 1
        self.files[path] = n
        return n, "\t.file %d %s\n" % (n, _quote(path))

    def loc(self, loc: Any) -> str:
        n, intro = self.file_no(loc.file)
        return "%s\t.loc %d %d %d" % (intro, n, loc.line, max(loc.col, 0))

    def header(self) -> str:
        return ('\t.file\t%s\n\t.text\n.Ltext0:\n\t.file 0 %s %s\n'
                % (_quote(os.path.basename(self.source)), _quote(self.comp_dir),
                   _quote(self.source)))

    def function_start(self, name: str) -> List[str]:
        n = self.index.setdefault(name, len(self.index))
        out = [".LFB%d:" % n]
        fn = self._fn(name)
        at = getattr(fn, "body_loc", None) if fn is not None else None
        if at is not None:
            out.append(self.loc(at))
        return out

    def opening_loc(self, name: str) -> Any:
        fn = self._fn(name)
        return getattr(fn, "body_loc", None) if fn is not None else None

    def function_end(self, name: str) -> List[str]:
        return [".LFE%d:" % self.index[name]]

    def _fn(self, name: str) -> Any:
        for fn, _, _ in self.functions:
            if fn.name == name:
                return fn
        return None

    def add_function(self, fn: Any, mf: Any, homes: Dict[str, Any]) -> None:
        """Record a function before it is printed; homes: Local name -> a
        Slot or a PReg name (resolved after allocation) or None."""
        self.functions.append((fn, mf, homes))

    # ------------------------------------------------------------ types
    def type_die(self, t: Any) -> Optional[Die]:
        """The DIE describing sema type t (None: void)."""
        key = _type_key(t)
        d = self.types.get(key)
        if d is not None:
            return d
        d = self._make_type(t)
        return d

    def _remember(self, t: Any, d: Die) -> Die:
        self.types[_type_key(t)] = d
        self.type_dies.append(d)
        return d

    def _make_type(self, t: Any) -> Optional[Die]:
        from lcc.sema.types import CONST, VOLATILE
        q = getattr(t, "quals", 0)
        if q & (CONST | VOLATILE):
            inner = self.type_die(t.unqual())
            d = Die(0x26 if q & CONST else 0x35, [])
            self._remember(t, d)
            if q & CONST and q & VOLATILE:
                v = Die(0x35, [])
                self.type_dies.append(v)
                _set_type(v, inner)
                inner = v
            _set_type(d, inner)
            return d
        if t.is_void:
            return None
        if t.is_integer:
            if getattr(t, "info", None) is not None:        # an enum: its int type
                return self.type_die(_underlying(t))
            name = t.base_name()
            enc = _BOOL if t.kind == "_Bool" else \
                (_SCHAR if t.signed else _UCHAR) if t.size() == 1 else \
                (_SIGNED if t.signed else _UNSIGNED)
            return self._remember(t, Die(0x24, [(0x0b, 0x0b, t.size()), (0x3e, 0x0b, enc),
                                                (0x03, 0x08, name)]))
        if t.is_float:
            enc = _CFLOAT if t.complex else _FLOAT
            return self._remember(t, Die(0x24, [(0x0b, 0x0b, t.size()), (0x3e, 0x0b, enc),
                                                (0x03, 0x08, t.base_name())]))
        if t.is_pointer:
            d = self._remember(t, Die(0x0f, [(0x0b, 0x0b, 8)]))
            target = t.target
            if not target.is_func:
                _set_type(d, self.type_die(target))
            return d
        if t.is_array:
            d = self._remember(t, Die(0x01, []))
            _set_type(d, self.type_die(t.elem))
            sub = Die(0x21, [(0x2f, 0x0f, t.length - 1)] if t.length else [])
            d.children.append(sub)
            return d
        if t.is_record:
            info = t.info
            tag = 0x17 if info.kind == "union" else 0x13
            attrs: List[Tuple[int, int, Any]] = []
            if info.tag:
                attrs.append((0x03, 0x08, info.tag))
            if not info.complete:
                return self._remember(t, Die(tag, attrs + [(0x3c, 0x19, None)]))
            d = self._remember(t, Die(tag, attrs + [(0x0b, 0x0f, info.size)]))
            for m in info.members:
                ma: List[Tuple[int, int, Any]] = []
                if m.name:
                    ma.append((0x03, 0x08, m.name))
                md = Die(0x0d, ma)
                _set_type(md, self.type_die(m.type))
                if m.bit_width is not None:
                    md.attrs += [(0x0d, 0x0f, m.bit_width),
                                 (0x6b, 0x0f, m.offset * 8 + m.bit_offset)]
                elif info.kind != "union":
                    md.attrs.append((0x38, 0x0f, m.offset))
                d.children.append(md)
            return d
        # vectors, functions...: an array of bytes of the right size
        d = self._remember(t, Die(0x01, []))
        _set_type(d, self.type_die(_uchar()))
        d.children.append(Die(0x21, [(0x2f, 0x0f, max(t.size(), 1) - 1)]))
        return d

    # ------------------------------------------------------------ output
    def trailer(self) -> str:
        """.Letext0 and the .debug_info/.debug_abbrev/.debug_line sections."""
        cu = Die(0x11, [(0x25, 0x08, PRODUCER), (0x13, 0x0b, 0x1d),
                        (0x03, 0x08, self.source), (0x1b, 0x08, self.comp_dir),
                        (0x11, 0x01, ".Ltext0"), (0x12, 0x07, ".Letext0-.Ltext0"),
                        (0x10, 0x17, ".Ldebug_line0")])
        subs = [self._subprogram(fn, homes) for fn, _, homes in self.functions
                if fn.name in self.index]
        cu.children = self.type_dies + subs
        info, abbrev = serialize(cu)
        return ("\t.text\n.Letext0:\n"
                "\t.section\t.debug_info,\"\",@progbits\n.Ldebug_info0:\n" + info +
                "\t.section\t.debug_abbrev,\"\",@progbits\n.Ldebug_abbrev0:\n" + abbrev +
                "\t.section\t.debug_line,\"\",@progbits\n.Ldebug_line0:\n")

    def _subprogram(self, fn: Any, homes: Dict[str, Any]) -> Die:
        n = self.index[fn.name]
        loc = fn.loc
        file_no = self.file_no(loc.file)[0] if loc is not None else 1
        attrs: List[Tuple[int, int, Any]] = [
            (0x3f, 0x0c, 1 if fn.linkage != "static" else 0),
            (0x03, 0x08, fn.name),
            (0x3a, 0x0f, file_no), (0x3b, 0x0f, loc.line if loc is not None else 0),
            (0x27, 0x0c, 1 if getattr(fn.ctype, "params", None) is not None else 0)]
        d = Die(0x2e, attrs)
        _set_type(d, self.type_die(fn.ctype.ret) if fn.ctype is not None else None)
        d.attrs += [(0x11, 0x01, ".LFB%d" % n), (0x12, 0x07, ".LFE%d-.LFB%d" % (n, n)),
                    (0x40, 0x18, bytes([0x56]))]            # frame base: DW_OP_reg6 (rbp)
        params = {p.name for p in fn.params}
        order = [p.name for p in fn.params] + [k for k in fn.syms if k not in params]
        for lname in order:
            sym = fn.syms.get(lname)
            if sym is None:
                continue
            tag = 0x05 if lname in params else 0x34
            sloc = getattr(sym, "loc", None)
            va: List[Tuple[int, int, Any]] = [(0x03, 0x08, sym.name)]
            if sloc is not None:
                va += [(0x3a, 0x0f, self.file_no(sloc.file)[0]), (0x3b, 0x0f, sloc.line)]
            v = Die(tag, va)
            _set_type(v, self.type_die(sym.type))
            expr = _location(homes.get(lname))
            if expr is not None:
                v.attrs.append((0x02, 0x18, expr))
            d.children.append(v)
        return d


def _location(home: Union[None, int, str]) -> Optional[bytes]:
    """A DWARF expression: DW_OP_fbreg off (frame base = %rbp) or DW_OP_regN."""
    if isinstance(home, int):
        return bytes([0x91]) + sleb(home)
    if isinstance(home, str) and home in _DWREG:
        r = _DWREG[home]
        return bytes([0x50 + r]) if r < 32 else bytes([0x90]) + uleb(r)
    return None


def _set_type(d: Die, t: Optional[Die]) -> None:
    if t is not None:
        d.attrs.append((0x49, 0x13, t))


def _type_key(t: Any) -> Any:
    """Types are keyed by structure (sema makes new objects for equal types);
    records and enums by their shared info."""
    q = getattr(t, "quals", 0) & 3
    if t.is_record:
        return ("rec", id(t.info), q)
    if t.is_pointer:
        return ("ptr", _type_key(t.target), q)
    if t.is_array:
        return ("arr", _type_key(t.elem), t.length, q)
    if t.is_integer:
        return ("int", t.kind, t.signed, id(getattr(t, "info", None)), q)
    if t.is_float:
        return ("flt", t.kind, t.complex, q)
    if t.is_void:
        return ("void", q)
    return ("other", t.size() if t.is_complete else 0, q)


def _underlying(t: Any) -> Any:
    from lcc.sema.types import IntType
    return IntType(t.kind, t.signed)


def _uchar() -> Any:
    from lcc.sema.types import IntType
    return IntType("unsigned char")


def watch_homes(mf: Any, homes: Dict[str, Any], names: Any) -> Dict[str, Any]:
    """Before allocation: for each named variable, its Slot, or the RegOps
    naming its virtual register (the allocator rewrites them in place)."""
    from lcc.mir import RegOp, Slot, VReg
    out: Dict[str, Any] = {}
    regs: Dict[Any, str] = {}
    for name in names:
        h = homes.get(name)
        if isinstance(h, Slot):
            out[name] = h
        elif isinstance(h, VReg):
            out[name] = []
            regs[h] = name
    if regs:
        for mi in mf.insts():
            for o in mi.operands:
                if isinstance(o, RegOp) and o.reg in regs:
                    out[regs[o.reg]].append(o)
    return out


def resolve_homes(watched: Dict[str, Any]) -> Dict[str, Any]:
    """After allocation and frame layout: name -> frame offset (int), a
    register name (one register everywhere), or None."""
    from lcc.mir import PReg
    out: Dict[str, Any] = {}
    for name, w in watched.items():
        if isinstance(w, list):
            names = {o.reg.name for o in w if isinstance(o.reg, PReg)}
            ok = len(names) == 1 and all(isinstance(o.reg, PReg) for o in w)
            out[name] = names.pop() if ok else None
        else:
            out[name] = w.offset
    return out
