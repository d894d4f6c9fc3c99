"""x86-64 instruction selection: IR Function -> MFunction.

The rules in isel/x86_64.rules (tables: lcc/isel/gen_x86_64.py) choose the
instructions; lcc.isel.burs labels each statement tree and reduces it, and
this module expands the chosen rules' templates (isel_emit.py) into MInsts.
Hooks named in templates (`@call`, `@ret`, ...) call the ABI and inline asm
code, which use the API documented in docs/backend.md ("The selector's
API"): fn, mf, module, new_vreg, inst, emit, value, address, home,
copy_block.
"""
from __future__ import annotations

import copy
from typing import Any, Dict, List, Optional, Set, Tuple, Union

from lcc.ir.func import Function, Local, Module
from lcc.ir.tree import Node
from lcc.isel import burs
from lcc.mir import (Imm, LabelOp, Mem, MBlock, MFunction, MInst, PReg, Reg, RegOp, Slot, SymOp,
                     VReg)
from lcc.target.x86_64.insns import INSNS
from lcc.target.x86_64.regs import P

_BASE_RULES: List[burs.RuleSet] = []     # cache: the RuleSet, built once


class Pool:
    """Per-module state shared by the functions' selectors: rodata constants
    (.LCF<N>), fresh local labels, the set of symbols the module defines,
    and the code model.

    pic: code for a shared library (-fpic/-fPIC without -fpie): symbols
    another module may preempt (default visibility, not static) are
    reached through the GOT, called through the PLT, and thread-local
    ones by the general-dynamic model.  Otherwise (PIE, the default, and
    -fno-pie alike) everything is %rip-relative as in gcc -fPIE: direct
    for data (the linker makes copy relocations), the GOT only for the
    address of an undefined symbol, initial-exec TLS."""
    __slots__ = ("consts", "by_key", "nlabels", "defined", "pic", "local", "weak_undef")

    def __init__(self, module: Optional[Module] = None, pic: bool = False) -> None:
        self.consts: List[Tuple[str, int, bytes]] = []     # (label, align, bytes)
        self.by_key: Dict[Tuple[int, bytes], str] = {}
        self.nlabels = 0
        self.defined: Set[str] = set()
        self.pic = pic
        self.local: Set[str] = set()
        # weak references to symbols not defined here: possibly 0, so never
        # a copy relocation or a direct %rip displacement (gcc: the GOT)
        self.weak_undef: Set[str] = set()
        if module is not None:
            self.defined.update(f.name for f in module.functions)
            self.defined.update(d.name for d in module.data)
            self.local = _local_symbols(module)
            self.weak_undef = {d[1] for d in module.directives
                               if d[0] == "weak" and d[1] not in self.defined}

    def binds_locally(self, name: str) -> bool:
        """A reference to name always reaches this module's definition (in a
        shared library: static, hidden/internal/protected, or a local label)."""
        return name.startswith(".L") or name in self.local

    def preemptible(self, name: str) -> bool:
        """Reached through the GOT/PLT: in shared-library code, and weak
        undefined symbols everywhere."""
        return (self.pic and not self.binds_locally(name)) or name in self.weak_undef

    def const(self, data: bytes, align: int) -> str:
        key = (align, data)
        name = self.by_key.get(key)
        if name is None:
            name = ".LCF%d" % len(self.consts)
            self.consts.append((name, align, data))
            self.by_key[key] = name
        return name

    def label(self) -> str:
        self.nlabels += 1
        return ".LI%d" % self.nlabels

    def format_rodata(self) -> str:
        """The constants as assembly (printed after the functions)."""
        if not self.consts:
            return ""
        out = ["\t.section\t.rodata"]
        for name, align, data in self.consts:
            out.append("\t.p2align\t%d" % (align.bit_length() - 1))
            out.append("%s:" % name)
            out.append("\t.byte\t" + ",".join(str(b) for b in data))
        return "\n".join(out) + "\n"


def _local_symbols(module: Module) -> Set[str]:
    """Symbols of the module that cannot be preempted: static definitions,
    static aliases, hidden/internal visibility (definitions or
    declarations), and protected functions defined here (protected data
    still goes through the GOT, as gcc: the executable may hold a copy)."""
    local: Set[str] = set()
    functions = {f.name for f in module.functions}

    def vis_local(name: str, vis: str) -> bool:
        return vis in ("hidden", "internal") or (vis == "protected" and name in functions)
    for item in list(module.functions) + list(module.data):  # type: ignore[operator]
        attrs = list(getattr(item, "attrs", ()) or ())
        if item.linkage == "static" or any(a.startswith("visibility=")
                                           and vis_local(item.name, a[11:]) for a in attrs):
            local.add(item.name)
    for d in module.directives:
        if d[0] == "visibility" and vis_local(d[1], d[2]):
            local.add(d[1])
        elif d[0] == "alias" and d[3] == "static":
            local.add(d[1])
    return local


def _signed(v: int, bits: int) -> int:
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


class Selector:
    """Selects one Function.  run() returns its MFunction."""

    def __init__(self, module: Module, fn: Function, pool: Optional[Pool] = None,
                 trace: Optional[List[str]] = None, abi: Any = None,
                 inline_asm: Any = None) -> None:
        self.module = module
        self.fn = fn
        self.mf = MFunction(fn.name)
        self.pool = pool if pool is not None else Pool(module)
        self.trace = trace
        self._abi = abi
        self._inline_asm = inline_asm
        self.block: Optional[MBlock] = None
        # The position stamped on emitted instructions (MInst.loc): the
        # current statement tree's, the opening brace before the first.
        self.loc: Any = getattr(fn, "body_loc", None)
        self._need_block = False
        self._homes: Dict[str, Union[VReg, Slot]] = {}
        self._scratch: Dict[int, Slot] = {}
        self.rs = self._ruleset()

    # ------------------------------------------------------------ rules
    def _ruleset(self) -> burs.RuleSet:
        if not _BASE_RULES:
            from lcc.isel import gen_x86_64
            _BASE_RULES.append(burs.RuleSet(gen_x86_64, _unbound_predicates()))
        rs = copy.copy(_BASE_RULES[0])
        rs.predicates = _bound_predicates(self)
        return rs

    def is_reg_local(self, name: str) -> bool:
        loc = self.fn.locals.get(name)
        return loc is not None and loc.reg and not (loc.letter == "F" and loc.nbytes == 16)

    # ------------------------------------------------------------ API
    @property
    def abi(self) -> Any:
        if self._abi is None:
            from lcc.target.x86_64 import abi
            self._abi = abi
        return self._abi

    @property
    def inline_asm(self) -> Any:
        if self._inline_asm is None:
            from lcc.target.x86_64 import inline_asm
            self._inline_asm = inline_asm
        return self._inline_asm

    def new_vreg(self, cls: str) -> VReg:
        return self.mf.new_vreg(cls)

    def inst(self, op: str, *operands: Any) -> MInst:
        """Build an MInst, uses/defs from insns.py's table, emit it, return it."""
        mi = make_inst(op, list(operands), self.fn.label_targets)
        self.emit(mi)
        return mi

    def emit(self, mi: MInst) -> None:
        if self._need_block or self.block is None:
            self.start_block(self.pool.label())
        assert self.block is not None
        if mi.loc is None:
            # the `ret` pseudo becomes the epilogue: the closing brace's line
            end = getattr(self.fn, "end_loc", None) if mi.op == "ret" else None
            mi.loc = end if end is not None else self.loc
        self.block.insts.append(mi)
        if mi.targets or mi.ends_block:
            # a jump ends its machine block: what follows starts a new one
            self._need_block = True

    def start_block(self, label: str) -> MBlock:
        b = MBlock(label)
        self.mf.blocks.append(b)
        self.block = b
        self._need_block = False
        return b

    def select(self, tree: Node, goal: str) -> Any:
        if goal in ("stmt", "x87") and _x87_depth(tree) > 8:
            from lcc.diagnostics import CompileError
            raise CompileError(self.fn.loc, "a long double expression needing more than 8 "
                                            "x87 registers is not supported yet")
        return burs.select(tree, self.rs, self._emit_match, goal=goal, trace=self.trace)

    def value(self, tree: Node) -> Optional[Reg]:
        """Evaluate a call-free scalar tree: gpr/fpr VReg, None for F16 (on st0)."""
        op = tree.op
        if op.letter == "F":
            return self.select(tree, "x87" if op.size == 16 else "freg")
        return self.select(tree, "reg")

    def address(self, tree: Node) -> Mem:
        return copy_mem(self.select(tree, "addr"))

    def home(self, name: str) -> Union[VReg, Mem]:
        """A reg Local's virtual register, or a Mem on a memory Local's slot."""
        h = self._homes.get(name)
        if h is None:
            loc: Local = self.fn.locals[name]
            if self.is_reg_local(name):
                h = self.new_vreg("fpr" if loc.letter == "F" else "gpr")
            else:
                h = self.mf.frame.new_slot(max(loc.size, 1), max(loc.align, 1), "local")
            self._homes[name] = h
        return h if isinstance(h, VReg) else Mem(slot=h)

    def scratch(self, n: int) -> Mem:
        """Scratch stack slot n (16 bytes) for conversions within one template."""
        s = self._scratch.get(n)
        if s is None:
            s = self.mf.frame.new_slot(16, 16, "local")
            self._scratch[n] = s
        return Mem(slot=s)

    def copy_block(self, dst: Mem, src: Mem, size: int) -> None:
        """Copy size bytes: moves through a register when short, rep movsb when long."""
        if size <= 64:
            done = 0
            for w, op in ((8, "movq"), (4, "movl"), (2, "movw"), (1, "movb")):
                while size - done >= w:
                    t = self.new_vreg("gpr")
                    self.inst(op, _off(src, done), RegOp(t, w))
                    self.inst(op, RegOp(t, w), _off(dst, done))
                    done += w
            return
        self.inst("leaq", copy_mem(src), RegOp(P["rsi"], 8))
        self.inst("leaq", copy_mem(dst), RegOp(P["rdi"], 8))
        self.inst("movq", Imm(size), RegOp(P["rcx"], 8))
        self.inst("rep_movsb")

    def const_mem(self, data: bytes, align: int) -> Mem:
        return Mem(sym=self.pool.const(data, align))

    def call_symbol(self, name: str) -> str:
        """How a direct call names its callee: through the PLT when another
        module may define it (shared-library code), else directly (GNU as
        makes a PLT32 relocation either way; the linker resolves it)."""
        return name + "@PLT" if self.pool.preemptible(name) else name

    def tls_gd(self, name: str) -> VReg:
        """Address of thread-local `name` by the general-dynamic model, in
        exactly the byte sequence the linker knows how to relax (gcc's
        text: the leaq carries a data16 prefix, the call two more and a
        rex64)."""
        from lcc.target.x86_64.abi_call import RET_REGS
        from lcc.target.x86_64.regs import CALLER_SAVED
        rdi, rax = P["rdi"], P["rax"]
        self.emit(MInst("leaq", [Mem(sym=name, reloc="tlsgd"), RegOp(rdi, 8)], defs=[rdi],
                        text="\tdata16\tleaq\t%s@tlsgd(%%rip), %%rdi" % name))
        self.emit(MInst("call", [SymOp("__tls_get_addr@PLT")], uses=[rdi],
                        defs=list(RET_REGS), clobbers=list(CALLER_SAVED),
                        text="\t.value\t0x6666\n\trex64\n\tcall\t__tls_get_addr@PLT"))
        v = self.new_vreg("gpr")
        self.emit(MInst("movq", [RegOp(rax, 8), RegOp(v, 8)], uses=[rax], defs=[v],
                        is_move=True))
        return v

    # ------------------------------------------------------------ driver
    def run(self) -> MFunction:
        fn = self.fn
        # A separate entry block: the first IR block may be a jump target
        # (a loop head), and the parameter moves must run once.
        self.start_block(self.pool.label())
        self.abi.emit_params(self)
        for b in fn.blocks:
            self.start_block(b.label)
            for t in b.trees:
                if t.loc is not None:
                    self.loc = t.loc
                self.select(t, "stmt")
        self._fold_branches()
        self._fill_succs()
        return self.mf

    def _fold_branches(self) -> None:
        """Lowering ends a two-way branch with `jcc X` then a block `jmp Y`
        followed by X; `jncc Y` says the same in one instruction (a jcc and
        its inverse test complementary flag conditions, NaN cases included).
        A `jmp` to the very next block is dropped."""
        blocks = self.mf.blocks
        refs: Dict[str, int] = {}
        for b in blocks:
            for mi in b.insts:
                for t in mi.targets:
                    refs[t] = refs.get(t, 0) + 1
        taken = set(self.fn.label_targets)
        for i in range(len(blocks) - 2):
            b, c, d = blocks[i], blocks[i + 1], blocks[i + 2]
            if not b.insts or len(c.insts) != 1 or c.insts[0].op != "jmp":
                continue
            last = b.insts[-1]
            inverse = _INVERSE.get(last.op)
            if inverse is None or last.targets != [d.label]:
                continue
            # Only when the `jmp Y` block goes away: if something else jumps
            # to it, b would fall into it after the inverted jcc.
            if refs.get(c.label, 0) != 0 or c.label in taken:
                continue
            y = c.insts[0].targets[0]
            loc = b.insts[-1].loc
            b.insts[-1] = make_inst(inverse, [LabelOp(y)], self.fn.label_targets)
            b.insts[-1].loc = loc
            refs[d.label] -= 1
            c.insts = []
        for i in range(len(blocks) - 1):
            b = blocks[i]
            if b.insts and b.insts[-1].op == "jmp" and \
                    b.insts[-1].targets == [blocks[i + 1].label]:
                b.insts.pop()

    def _fill_succs(self) -> None:
        blocks = self.mf.blocks
        for i, b in enumerate(blocks):
            succs: List[str] = []
            for mi in b.insts:
                for t in mi.targets:
                    if t not in succs:
                        succs.append(t)
            falls = not (b.insts and b.insts[-1].ends_block)
            if falls and i + 1 < len(blocks) and blocks[i + 1].label not in succs:
                succs.append(blocks[i + 1].label)
            b.succs = succs

    def _emit_match(self, m: burs.Match) -> Any:
        from lcc.target.x86_64.isel_emit import expand
        return expand(self, m)


_INVERSE = {"je": "jne", "jne": "je", "jl": "jge", "jge": "jl", "jle": "jg", "jg": "jle",
            "jb": "jae", "jae": "jb", "jbe": "ja", "ja": "jbe", "js": "jns", "jns": "js",
            "jp": "jnp", "jnp": "jp"}


def _x87_depth(n: Node) -> int:
    """x87 stack slots evaluating n needs (kids are pushed left to right, so
    a right kid is evaluated above the left one's value)."""
    depth = 0
    held = 0
    for k in n.kids:
        d = _x87_depth(k)
        depth = max(depth, held + d)
        if k.op.letter == "F" and k.op.size == 16:
            held += 1
    if n.op.letter == "F" and n.op.size == 16:
        depth = max(depth, 1)
    return depth


def _off(m: Mem, k: int) -> Mem:
    c = copy_mem(m)
    c.disp += k
    return c


def copy_mem(m: Mem) -> Mem:
    return Mem(base=m.base, index=m.index, scale=m.scale, disp=m.disp, sym=m.sym,
               slot=m.slot, seg=m.seg, reloc=m.reloc)


def make_inst(op: str, operands: List[Any], label_targets: List[str]) -> MInst:
    """An MInst with uses/defs/targets computed from insns.py's table."""
    info = INSNS.get(op)
    if info is None:
        raise KeyError("instruction %r is not in lcc/target/x86_64/insns.py" % op)
    roles = info.roles.get(len(operands))
    if roles is None:
        raise ValueError("%s does not take %d operand(s)" % (op, len(operands)))
    uses: List[Reg] = []
    defs: List[Reg] = []
    targets: List[str] = []
    zero = ("zero" in info.flags and len(operands) == 2 and isinstance(operands[0], RegOp)
            and isinstance(operands[1], RegOp) and operands[0].reg is operands[1].reg)
    for o, role in zip(operands, roles):
        if isinstance(o, Mem):
            uses.extend(o.regs())
        elif isinstance(o, RegOp):
            if "u" in role and not zero:
                uses.append(o.reg)
            if "d" in role and o.reg not in defs:
                defs.append(o.reg)
        elif isinstance(o, LabelOp):
            targets.append(o.name)
    uses.extend(P[r] for r in info.uses)
    defs.extend(P[r] for r in info.defs)
    flags = info.flags
    if "ijump" in flags:
        targets = list(label_targets)
    is_move = ("move" in flags or op == "movq") and len(operands) == 2 and \
        isinstance(operands[0], RegOp) and isinstance(operands[1], RegOp) and \
        operands[0].reg.cls == operands[1].reg.cls
    return MInst(op, operands, uses=_dedup(uses), defs=defs, is_move=is_move,
                 targets=targets, ends_block="jump" in flags or "ijump" in flags)


def _dedup(regs: List[Reg]) -> List[Reg]:
    out: List[Reg] = []
    for r in regs:
        if r not in out:
            out.append(r)
    return out


# ------------------------------------------------------------ predicates
def _const(n: Node) -> Optional[int]:
    v = n.value
    return v if isinstance(v, int) else None


def _imm32(n: Node) -> bool:
    v = _const(n)
    if v is None:
        return False
    size = n.op.size if n.op.size > 0 else 8
    if size < 8:
        return True
    v = _signed(v, 64)
    return -(1 << 31) <= v < (1 << 31)


def _unbound_predicates() -> Dict[str, burs.Predicate]:
    """Predicates that do not depend on the function (shared by all)."""
    def src(k: int) -> burs.Predicate:
        return lambda n: (n.op.size if n.op.letter != "P" else 8) == k
    return {
        "imm32": _imm32,
        "zero": lambda n: n.value == 0,
        "one": lambda n: n.value == 1,
        "count": lambda n: isinstance(n.value, int) and 0 <= n.value <= 255,
        "scale": lambda n: n.value in (1, 2, 4, 8),
        "shift3": lambda n: n.value in (0, 1, 2, 3),
        "src1": src(1), "src2": src(2), "src4": src(4), "src8": src(8),
        "fzero": lambda n: isinstance(n.value, (int, float)) and float(n.value) == 0.0
        and str(float(n.value))[0] != "-",
        "fone": lambda n: isinstance(n.value, (int, float)) and float(n.value) == 1.0,
        # placeholders; _bound_predicates replaces them per function
        "reglocal": lambda n: False, "memlocal": lambda n: False,
        "tlsie": lambda n: False, "tlsgd": lambda n: False, "direct": lambda n: True,
        "got": lambda n: False,
    }


def _bound_predicates(sel: Selector) -> Dict[str, burs.Predicate]:
    preds = _unbound_predicates()
    tls = sel.module.tls
    defined = sel.pool.defined
    preds["reglocal"] = lambda n: sel.is_reg_local(str(n.value))
    preds["memlocal"] = lambda n: not sel.is_reg_local(str(n.value))
    pool = sel.pool
    preds["tlsie"] = lambda n: n.value in tls and not pool.pic
    preds["tlsgd"] = lambda n: n.value in tls and pool.pic
    preds["direct"] = lambda n: n.value not in tls and not pool.preemptible(str(n.value))
    if pool.pic:
        preds["got"] = lambda n: n.value not in tls and pool.preemptible(str(n.value))
    else:
        preds["got"] = lambda n: n.value not in tls and n.value not in defined
    return preds


__all__ = ["Selector", "Pool", "make_inst", "copy_mem", "PReg", "Slot"]
