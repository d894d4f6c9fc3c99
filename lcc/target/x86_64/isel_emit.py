"""Expand a chosen rule's template into machine instructions.

burs.select calls Selector._emit_match once per chosen rule, operands
first; `expand` turns the rule's compiled template (isel_template.py) into
MInsts through sel.inst and returns the rule's result: a VReg (reg, freg),
a Mem (addr), an Imm (imm, cnt) or None (stmt, x87).
"""
from __future__ import annotations

import struct
from typing import Any, Dict, List, Optional, Tuple

from lcc.ir.tree import Node
from lcc.isel import burs
from lcc.mir import Imm, LabelOp, Mem, MInst, PReg, RegOp, SymOp, VReg
from lcc.target.x86_64.isel_template import Template, compile_template
from lcc.target.x86_64.regs import P

# cache: rule index -> (template, names of nonterminal leaves, name -> kid path)
_COMPILED: Dict[Tuple[str, int], Tuple[Template, Dict[str, Tuple[int, ...]]]] = {}


def _paths(p: tuple, path: Tuple[int, ...], out: Dict[str, Tuple[int, ...]],
           order: List[str]) -> None:
    if p[2]:
        out[p[2]] = path
        if p[0] == "nt":
            order.append(p[2])
    if p[0] == "op":
        for i, k in enumerate(p[3]):
            _paths(k, path + (i,), out, order)


def compiled(rs: burs.RuleSet, rule: burs.Rule) -> Tuple[Template, Dict[str, Tuple[int, ...]]]:
    key = (rs.source, rule.index)
    c = _COMPILED.get(key)
    if c is None:
        paths: Dict[str, Tuple[int, ...]] = {}
        order: List[str] = []
        _paths(rule.pattern, (), paths, order)
        try:
            tpl = compile_template(rule.template, rule.lhs, order)
        except Exception as e:
            raise burs.SelectionError("%s:%d: bad template %r: %s"
                                      % (rs.source, rule.line, rule.template, e))
        c = (tpl, paths)
        _COMPILED[key] = c
    return c


def default_width(node: Node) -> int:
    op = node.op
    if op.letter == "F":
        return 16
    if op.size in (1, 2, 4, 8):
        return op.size
    return 8


def _signed(v: int, bits: int) -> int:
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


def float_bytes(value: float, size: int) -> bytes:
    """IEEE single/double, or x87 80-bit extended padded to 16 bytes."""
    if size == 4:
        return struct.pack("<f", value)
    if size == 8:
        return struct.pack("<d", value)
    bits = struct.unpack("<Q", struct.pack("<d", value))[0]
    sign = bits >> 63
    exp = (bits >> 52) & 0x7FF
    frac = bits & ((1 << 52) - 1)
    if exp == 0x7FF:                     # inf / nan
        e80, mant = 0x7FFF, (1 << 63) | (frac << 11)
    elif exp == 0:
        if frac == 0:
            e80, mant = 0, 0
        else:                            # subnormal double: normalise
            shift = 52 - frac.bit_length() + 1
            e80 = 1 - 1023 + 16383 - shift
            mant = (frac << shift) << 11
    else:
        e80, mant = exp - 1023 + 16383, (1 << 63) | (frac << 11)
    return struct.pack("<QH", mant, (sign << 15) | e80) + b"\0" * 6


class _Env:
    __slots__ = ("sel", "m", "paths", "tied", "dst", "temps", "labels")

    def __init__(self, sel: Any, m: burs.Match, paths: Dict[str, Tuple[int, ...]],
                 tied: Optional[str]) -> None:
        self.sel = sel
        self.m = m
        self.paths = paths
        self.tied = tied
        self.dst: Optional[VReg] = None
        self.temps: Dict[str, VReg] = {}
        self.labels: Dict[str, str] = {}

    def node(self, name: str) -> Node:
        n = self.m.node
        for i in self.paths.get(name, ()):
            n = n.kids[i]
        return n

    def get_dst(self) -> VReg:
        if self.dst is None:
            self.dst = self.sel.new_vreg("fpr" if self.m.nonterminal == "freg" else "gpr")
        return self.dst

    def ref(self, name: str, width: Optional[int], reloc: Optional[str],
            kind: str = "operand") -> Any:
        sel = self.sel
        if kind == "operand" and name != self.tied:
            return self.operand_value(name, width, reloc)
        if kind == "dst" or name == self.tied:
            node = self.m.node if kind == "dst" else self.node(name)
            return RegOp(self.get_dst(), width or default_width(node))
        if kind == "label":
            return LabelOp(str(self.m.node.value))
        if kind == "tmp":
            t = self.temps.get(name)
            if t is None:
                t = sel.new_vreg("fpr" if name[0] == "f" else "gpr")
                self.temps[name] = t
            return RegOp(t, 16 if name[0] == "f" else (width or 8))
        if kind == "mtmp":
            return sel.scratch(int(name[4:] or "1"))
        if kind == "L":
            lab = self.labels.get(name)
            if lab is None:
                lab = sel.pool.label()
                self.labels[name] = lab
            return LabelOp(lab)
        raise ValueError("bad template name %s" % name)

    def operand_value(self, name: str, width: Optional[int], reloc: Optional[str]) -> Any:
        """A pattern operand: what its reduction returned, or a named IR leaf."""
        value = self.m.named[name]
        if isinstance(value, Node):
            return self.leaf(value, width, reloc)
        if isinstance(value, (VReg, PReg)):
            return RegOp(value, width or default_width(self.node(name)))
        if isinstance(value, Mem):
            return _copy_mem(value)
        if isinstance(value, Imm):
            return Imm(value.value, value.sym)
        raise ValueError("operand %s has no value (%r)" % (name, value))

    def leaf(self, n: Node, width: Optional[int], reloc: Optional[str]) -> Any:
        o = n.op.operation
        if o == "CNST":
            if n.op.letter == "F":
                # (not `n.value or 0`: that would turn -0.0 into +0.0)
                v = float(n.value) if n.value is not None else 0.0
                return self.sel.const_mem(float_bytes(v, n.op.size),
                                          n.op.size)
            size = n.op.size if n.op.size > 0 else 8
            return Imm(_signed(int(n.value or 0), 8 * size))
        if o == "ADDRG":
            return Mem(sym=str(n.value), reloc=reloc)
        if o == "LADDR":
            return Mem(sym=str(n.value))
        if o == "ADDRL":
            h = self.sel.home(str(n.value))
            if isinstance(h, Mem):
                return h
            loc = self.sel.fn.locals[str(n.value)]
            return RegOp(h, width or (16 if loc.letter == "F" else loc.nbytes or 8))
        raise ValueError("no operand form for %s" % n.op.name)

    def operand(self, spec: Any) -> Any:
        kind = spec[0]
        if kind == "ref":
            return self.ref(spec[1], spec[2], spec[3], spec[4])
        if kind == "phys":
            return RegOp(P[spec[1]], spec[2])
        if kind == "imm":
            return Imm(spec[1])
        if kind == "x87":
            return SymOp(spec[1])
        if kind == "const":
            n, v = spec[1], spec[2]
            return self.sel.const_mem(v.to_bytes(n, "little"), n)
        if kind == "sum":
            mem = Mem()
            for s in spec[1]:
                _merge(mem, self.operand(s))
            return mem
        if kind == "mem":
            _, seg, disp, base, index, scale = spec
            mem = Mem(seg=seg)
            for d in disp:
                _merge(mem, Imm(d) if isinstance(d, int) else self.operand(d))
            if base is not None:
                mem.base = self.operand(base).reg
            if index is not None:
                mem.index = self.operand(index).reg
            if isinstance(scale, int):
                mem.scale = scale
            elif scale[0] == "shl":
                mem.scale = 1 << self.operand(scale[1]).value
            else:
                mem.scale = self.operand(scale).value
            return mem
        raise ValueError("bad template operand %r" % (spec,))


def _copy_mem(m: Mem) -> Mem:
    return Mem(base=m.base, index=m.index, scale=m.scale, disp=m.disp, sym=m.sym,
               slot=m.slot, seg=m.seg, reloc=m.reloc)


def _merge(mem: Mem, o: Any) -> None:
    """Add operand o (an Imm displacement or a Mem) into mem."""
    if isinstance(o, Imm):
        mem.disp += o.value
        return
    if isinstance(o, RegOp):
        o = Mem(base=o.reg)
    if not isinstance(o, Mem):
        raise ValueError("cannot add %r to an address" % (o,))
    mem.disp += o.disp
    for f in ("sym", "slot", "seg", "reloc"):
        if getattr(o, f) is not None:
            setattr(mem, f, getattr(o, f))
    regs = [r for r in (o.base, o.index) if r is not None]
    if o.index is not None:
        mem.index, mem.scale = o.index, o.scale
        regs = [o.base] if o.base is not None else []
    for r in regs:
        if mem.base is None:
            mem.base = r
        elif mem.index is None:
            mem.index, mem.scale = r, 1
        else:
            raise ValueError("address with three registers")


def _move(dst: VReg, src: Any) -> MInst:
    if dst.cls == "gpr":
        return MInst("movq", [RegOp(src, 8), RegOp(dst, 8)], uses=[src], defs=[dst],
                     is_move=True)
    return MInst("movaps", [RegOp(src, 16), RegOp(dst, 16)], uses=[src], defs=[dst],
                 is_move=True)


def _hook(sel: Any, name: str, m: burs.Match) -> Any:
    node = m.node
    if name == "call":
        return sel.abi.emit_call(sel, node)
    if name == "ret":
        return sel.abi.emit_return(sel, node)
    if name == "vastart":
        return sel.abi.emit_vastart(sel, node)
    if name == "asm":
        return sel.inline_asm.emit_asm(sel, node)
    if name == "tlsgd":
        return sel.tls_gd(str(node.value))
    if name == "copy_block":
        sel.copy_block(m.named["a"], m.named["b"], int(node.value or 0))
        return None
    raise burs.SelectionError("unknown hook @%s" % name)


def expand(sel: Any, m: burs.Match) -> Any:
    tpl, paths = compiled(sel.rs, m.rule)
    env = _Env(sel, m, paths, tpl.tied)
    if m.node.op.operation == "ALLOCA":
        sel.mf.info["alloca"] = True
    if tpl.tied is not None:
        src = m.named[tpl.tied]
        sel.emit(_move(env.get_dst(), src))
    result: Any = None
    for item in tpl.items:
        kind = item[0]
        if kind == "inst":
            sel.inst(item[1], *[env.operand(s) for s in item[2]])
        elif kind == "label":
            lab = env.ref(item[1], None, None, "L").name
            sel.start_block(lab)
        elif kind == "hook":
            result = _hook(sel, item[1], m)
        elif kind == "result":
            r = env.operand(item[1])
            result = r.reg if isinstance(r, RegOp) else r
    if tpl.has_result or any(it[0] == "hook" for it in tpl.items):
        return result
    if m.nonterminal in ("reg", "freg"):
        return env.get_dst()
    return None
