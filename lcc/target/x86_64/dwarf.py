"""-g: DWARF 5 debug information in the assembly text, as gcc 12 -g emits it.

Line numbers: the printer (asm.py) asks `Debug.loc` for a `.loc FILE LINE
COL` row wherever MInst.loc changes; the assembler builds .debug_line from
them (`.file 0 "compdir" "name"` plus `.file N "name"`, DWARF 5 numbering).
Everything else is written here as data: .debug_abbrev and .debug_info
with one compile unit, a subprogram per function (frame base %rbp:
DW_OP_reg6; the slots are %rbp-relative), its named
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
from lcc.target.x86_64.regs import DWARF_REGS

PRODUCER = "lcc (a C compiler in Python) -O0"

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
        objs = self._globals()        # (before type_dies is read: adds types)
        cu.children = self.type_dies + subs + objs
        info, abbrev = serialize(cu)
        return ("\t.text\n.Letext0:\n"
                "\t.section\t.debug_info,\"\",@progbits\n.Ldebug_info0:\n" + info +
                "\t.section\t.debug_abbrev,\"\",@progbits\n.Ldebug_abbrev0:\n" + abbrev +
                "\t.section\t.debug_line,\"\",@progbits\n.Ldebug_line0:\n")

    def _globals(self) -> List[Die]:
        """DW_TAG_variable for the file-scope objects defined here (not
        thread-local ones: their address is no DW_OP_addr)."""
        defined = {d.name for d in self.module.data}
        out: List[Die] = []
        seen = set()
        for name, sym in self.module.names.get("globals", []):
            if name not in defined or name in self.module.tls or name in seen:
                continue
            seen.add(name)
            attrs: List[Tuple[int, int, Any]] = [(0x03, 0x08, sym.name)]
            if sym.loc is not None:
                attrs += [(0x3a, 0x0f, self.file_no(sym.loc.file)[0]),
                          (0x3b, 0x0f, sym.loc.line)]
            attrs.append((0x3f, 0x0c, 0 if sym.linkage == "internal" else 1))
            d = Die(0x34, attrs)
            _set_type(d, self.type_die(sym.type))
            d.attrs.append((0x02, 0x18, name))
            out.append(d)
        return out

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
    if isinstance(home, str) and home in DWARF_REGS:
        r = DWARF_REGS[home]
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
    """Before allocation: for each named variable, its Slot, or the places
    (instruction, operand index, RegOp) naming its virtual register."""
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
            for k, o in enumerate(mi.operands):
                if isinstance(o, RegOp) and o.reg in regs:
                    out[regs[o.reg]].append((mi, k, o))
    return out


def resolve_homes(mf: Any, watched: Dict[str, Any], before: List[Any]) -> Dict[str, Any]:
    """After allocation and frame layout: name -> frame offset (int), a
    register name, or None (no single place).  The allocator rewrites a
    kept register in place; a spilled one's instructions get new operands
    (temporaries), loaded from / stored to its spill slot right beside
    (beside the next surviving instruction when the allocator deleted
    the rewritten copy; `before`: the instructions before allocation)."""
    from lcc.mir import PReg
    where: Dict[int, Tuple[Any, int]] = {}
    for b in mf.blocks:
        for i, mi in enumerate(b.insts):
            where[id(mi)] = (b, i)
    # A deleted instruction's place: between its surviving neighbours.
    after: Dict[int, List[Tuple[Any, int, bool]]] = {}
    near: Optional[Tuple[Any, int]] = None
    for mi in reversed(before):
        if id(mi) in where:
            near = where[id(mi)]
        elif near is not None:
            after[id(mi)] = [(near[0], near[1] - 1, True)]
    near = None
    for mi in before:
        if id(mi) in where:
            near = where[id(mi)]
        elif near is not None:
            after.setdefault(id(mi), []).insert(0, (near[0], near[1] + 1, False))
    out: Dict[str, Any] = {}
    for name, w in watched.items():
        if not isinstance(w, list):
            out[name] = w.offset
            continue
        places = set()
        for mi, k, op in w:
            now = mi.operands[k] if k < len(mi.operands) else None
            if now is op:
                if id(mi) in where:
                    places.add(op.reg.name if isinstance(op.reg, PReg) else None)
            elif id(mi) in where:
                b, i = where[id(mi)]
                reg = getattr(now, "reg", None)
                slot = _spill_slot(b, i - 1, reg, True)
                places.add(slot if slot is not None else _spill_slot(b, i + 1, reg, False))
            elif id(mi) in after:
                found = None
                for b, i, down in after[id(mi)]:
                    found = _spill_slot(b, i, getattr(now, "reg", None), down)
                    if found is not None:
                        break
                places.add(found)
        out[name] = places.pop() if len(places) == 1 else None
    return out


def _spill_slot(b: Any, i: int, reg: Any, down: bool) -> Optional[int]:
    """The offset of the spill slot that one of the (up to 4) instructions
    of block b from index i on (down: i, i-1, ...; else i, i+1, ...)
    loads `reg` from or stores it to, or None."""
    from lcc.mir import Mem, RegOp
    name = getattr(reg, "name", None)
    for n in range(4):
        j = i - n if down else i + n
        if j < 0 or j >= len(b.insts):
            break
        ops = b.insts[j].operands
        if len(ops) != 2:
            continue
        regs = [o.reg for o in ops if isinstance(o, RegOp)]
        slots = [o.slot for o in ops if isinstance(o, Mem) and o.slot is not None]
        if regs and slots and slots[0].kind == "spill" and name is not None and \
                getattr(regs[0], "name", None) == name:
            return slots[0].offset
    return None


def keep_lost_rows(before: List[Any], mf: Any) -> None:
    """After allocation: a statement whose only instructions were deleted
    (copies the allocator coalesced) still gets its line row, at the next
    surviving instruction (two rows at one address, as gcc emits for an
    empty statement): that instruction's loc becomes a tuple, the lost
    rows first (MInst.loc; the printer emits each)."""
    alive = {id(mi) for mi in mf.insts()}
    kept = {mi.loc for mi in mf.insts() if mi.loc is not None}
    lost: List[Any] = []
    for mi in before:
        if id(mi) not in alive:
            if mi.loc is not None and mi.loc not in kept and mi.loc not in lost:
                lost.append(mi.loc)
            continue
        if lost:
            own = mi.loc if isinstance(mi.loc, tuple) else (mi.loc,)
            mi.loc = tuple(lost) + tuple(x for x in own if x is not None)
            kept.update(lost)
            lost = []
