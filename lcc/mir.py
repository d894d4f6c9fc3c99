"""Machine IR: selected instructions as objects, before and after register
allocation.

The instruction selector (lcc/target/<arch>/isel.py) turns IR Functions
into MFunctions; the register allocator (lcc/regalloc/) replaces virtual
registers by physical ones and adds spill code; the back end then lays out
the frame, and the printer (-S) or the encoder (lcc/asm/) consumes the
instructions.  Nothing here is target specific: a target names its
physical registers and instructions.

Registers
    VReg(n, cls)   virtual register number n of class cls ("gpr", "fpr")
    PReg(name, cls)  a physical register, canonical (widest) name: "rax",
                   "xmm0" on x86-64; "x0"/"d0" style on the others
Operands (what an MInst's `operands` list holds)
    RegOp(reg, size)   a register read or written at width `size` bytes
                       (x86-64 prints %eax for RegOp(rax, 4))
    Imm(value, sym)    an immediate: value, or symbol+value
    Mem(...)           a memory operand: base/index registers, scale, disp,
                       a symbol (sym+disp, rip-relative on x86-64), a stack
                       Slot (offset filled in by frame layout), a segment
    LabelOp(name)      a code label (jump targets)
    SymOp(name)        a symbol used directly (call targets)
The register sets `uses` and `defs` of an MInst are what the allocator
reads; the target computes them from its instruction table when it builds
the instruction (registers inside a Mem are uses).
"""
from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Sequence, Union


class VReg:
    __slots__ = ("n", "cls")

    def __init__(self, n: int, cls: str) -> None:
        self.n = n
        self.cls = cls

    def __repr__(self) -> str:
        return "%%v%d%s" % (self.n, "f" if self.cls == "fpr" else "")


class PReg:
    __slots__ = ("name", "cls")

    def __init__(self, name: str, cls: str) -> None:
        self.name = name
        self.cls = cls

    def __repr__(self) -> str:
        return "%" + self.name


Reg = Union[VReg, PReg]


class RegOp:
    __slots__ = ("reg", "size")

    def __init__(self, reg: Reg, size: int) -> None:
        self.reg = reg
        self.size = size

    def __repr__(self) -> str:
        return "%r:%d" % (self.reg, self.size)


class Imm:
    __slots__ = ("value", "sym")

    def __init__(self, value: int, sym: Optional[str] = None) -> None:
        self.value = value
        self.sym = sym

    def __repr__(self) -> str:
        if self.sym:
            return "$%s%+d" % (self.sym, self.value) if self.value else "$" + self.sym
        return "$%d" % self.value


class Slot:
    """A stack slot; `offset` (from the frame base) is set by frame layout."""
    __slots__ = ("n", "size", "align", "offset", "kind")

    def __init__(self, n: int, size: int, align: int, kind: str = "local") -> None:
        self.n = n
        self.size = size
        self.align = align
        self.offset: Optional[int] = None
        self.kind = kind          # "local", "spill", "outgoing", ...

    def __repr__(self) -> str:
        return "slot%d" % self.n


class Mem:
    """base + index*scale + disp (+ sym) (+ slot offset) [segment]."""
    __slots__ = ("base", "index", "scale", "disp", "sym", "slot", "seg", "reloc")

    def __init__(self, base: Optional[Reg] = None, index: Optional[Reg] = None,
                 scale: int = 1, disp: int = 0, sym: Optional[str] = None,
                 slot: Optional[Slot] = None, seg: Optional[str] = None,
                 reloc: Optional[str] = None) -> None:
        self.base = base
        self.index = index
        self.scale = scale
        self.disp = disp
        self.sym = sym
        self.slot = slot
        self.seg = seg
        self.reloc = reloc        # e.g. "GOTPCREL", "TPOFF", "GOTTPOFF" (sym@reloc)

    def regs(self) -> List[Reg]:
        return [r for r in (self.base, self.index) if r is not None]

    def __repr__(self) -> str:
        parts = []
        if self.seg:
            parts.append("%" + self.seg + ":")
        if self.sym:
            parts.append(self.sym + ("@" + self.reloc if self.reloc else ""))
        if self.slot is not None:
            parts.append("%r" % (self.slot,))
        if self.disp:
            parts.append("%+d" % self.disp)
        inner = ",".join(repr(r) for r in (self.base, self.index) if r is not None)
        return "".join(parts) + ("(%s)" % inner if inner else "")


class LabelOp:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


class SymOp:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


Operand = Union[RegOp, Imm, Mem, LabelOp, SymOp]


class MInst:
    """One machine instruction.

    op        the mnemonic, as the target's table and printer know it
    operands  in the target's assembly order (AT&T on x86-64: sources first)
    uses/defs registers read / written (explicit and implicit)
    clobbers  physical registers destroyed without being defs (calls)
    is_move   a register-to-register copy of one class: defs[0] <- uses[0]
              (the allocator may coalesce it away)
    targets   labels this instruction may jump to (besides falling through)
    ends_block  no fall-through after it (jmp, ret, ud2)
    text      for pseudo-instructions printed verbatim (inline asm)
    loc       the source position (lcc.diagnostics.Loc) of the statement
              the instruction was selected for, or None (spill code, the
              prologue): the printer's -g `.loc` rows; None continues the
              previous row.  Passes that replace an instruction copy it.
              (-g may make it a tuple of Locs: rows of statements whose
              own instructions the allocator deleted, then its own.)
    """
    __slots__ = ("op", "operands", "uses", "defs", "clobbers", "is_move", "targets",
                 "ends_block", "text", "loc")

    def __init__(self, op: str, operands: Sequence[Operand] = (),
                 uses: Sequence[Reg] = (), defs: Sequence[Reg] = (),
                 clobbers: Sequence[PReg] = (), is_move: bool = False,
                 targets: Sequence[str] = (), ends_block: bool = False,
                 text: Optional[str] = None) -> None:
        self.op = op
        self.operands: List[Operand] = list(operands)
        self.uses: List[Reg] = list(uses)
        self.defs: List[Reg] = list(defs)
        self.clobbers: List[PReg] = list(clobbers)
        self.is_move = is_move
        self.targets: List[str] = list(targets)
        self.ends_block = ends_block
        self.text = text
        self.loc: Optional[object] = None

    def replace_regs(self, mapping: Dict[VReg, Reg]) -> None:
        """Substitute registers everywhere (operands, uses, defs)."""
        def sub(r: Optional[Reg]) -> Optional[Reg]:
            return mapping.get(r, r) if isinstance(r, VReg) else r
        for op in self.operands:
            if isinstance(op, RegOp):
                op.reg = sub(op.reg)  # type: ignore[assignment]
            elif isinstance(op, Mem):
                op.base = sub(op.base)
                op.index = sub(op.index)
        self.uses = [sub(r) for r in self.uses]  # type: ignore[misc]
        self.defs = [sub(r) for r in self.defs]  # type: ignore[misc]

    def __repr__(self) -> str:
        text = self.op + " " + ", ".join(repr(o) for o in self.operands)
        return text.rstrip()


class MBlock:
    """A basic block of machine code; succs are labels of successor blocks."""
    __slots__ = ("label", "insts", "succs")

    def __init__(self, label: str) -> None:
        self.label = label
        self.insts: List[MInst] = []
        self.succs: List[str] = []


class Frame:
    """Stack slots of one function; the back end assigns their offsets."""
    __slots__ = ("slots",)

    def __init__(self) -> None:
        self.slots: List[Slot] = []

    def new_slot(self, size: int, align: int, kind: str = "local") -> Slot:
        s = Slot(len(self.slots), size, align, kind)
        self.slots.append(s)
        return s


class MFunction:
    """A function's machine code.

    blocks    in layout order; blocks[0] is the entry
    frame     its stack slots
    used_callee_saved  physical callee-saved registers the allocator used
                       (the back end saves them in the prologue)
    """
    __slots__ = ("name", "blocks", "frame", "nvregs", "used_callee_saved", "info")

    def __init__(self, name: str) -> None:
        self.name = name
        self.blocks: List[MBlock] = []
        self.frame = Frame()
        self.nvregs = 0
        self.used_callee_saved: List[PReg] = []
        self.info: Dict[str, object] = {}    # back-end private facts

    def new_vreg(self, cls: str) -> VReg:
        self.nvregs += 1
        return VReg(self.nvregs, cls)

    def insts(self) -> Iterator[MInst]:
        for b in self.blocks:
            yield from b.insts
