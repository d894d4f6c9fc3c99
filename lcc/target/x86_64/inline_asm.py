"""GNU inline asm statements with operands (`ASMV` trees, ir.func.AsmInfo).

`emit_asm(sel, node)` turns one asm statement into a single MInst
"inline_asm" whose `operands` are the asm's operands in GNU numbering
(outputs first, then inputs), whose uses/defs/clobbers tell the register
allocator what the statement reads, writes and destroys, and whose `text`
is the template with symbolic names already turned into numbers.  After
register allocation and frame layout, `frame.finish` calls `render` to
substitute the (now physical) operands into the text, which the printer
then prints verbatim.

Constraints understood: r q Q R l (any gpr), a b c d S D (that register),
x v Yz (an xmm), m o V < > (memory), i n and the x86 immediate letters,
g and X (register or immediate), digits (same place as that output),
modifiers = + & % and alternatives (the first workable one is used).
Output lvalues are computed before the asm and written after it; a "+"
output is loaded first.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

from lcc.diagnostics import CompileError
from lcc.mir import Imm, LabelOp, MInst, Mem, PReg, Reg, RegOp
from lcc.target.x86_64.abi_util import load_int, mk, move, store_int
from lcc.target.x86_64.regs import CALLEE_SAVED, P, reg_name

_FIXED = {"a": "rax", "b": "rbx", "c": "rcx", "d": "rdx", "S": "rsi", "D": "rdi"}
_GPR = set("rqRlU")
_SSE = set("xvY")
_MEM = set("moV<>p")
_IMM = set("inIJKLMNOeZsEFGH")

# Register names as written in clobber lists -> canonical names.
_ALIASES: Dict[str, str] = {}
for _full in ("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
              "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"):
    for _n in (8, 4, 2, 1):
        _ALIASES[reg_name(_full, _n)] = _full
for _h, _full in (("ah", "rax"), ("bh", "rbx"), ("ch", "rcx"), ("dh", "rdx")):
    _ALIASES[_h] = _full
for _i in range(16):
    for _p in ("xmm", "ymm", "zmm"):
        _ALIASES["%s%d" % (_p, _i)] = "xmm%d" % _i


def _letters(constraint: str) -> str:
    """The constraint letters of the first alternative, modifiers dropped."""
    c = constraint.split(",")[0]
    return "".join(ch for ch in c if ch not in "=+&%*?!#")


def _kind(letters: str, const: bool) -> str:
    """'fixed:<reg>', 'gpr', 'fpr', 'mem', 'imm' or 'match:<n>'."""
    if letters[:1].isdigit():
        return "match:" + letters.rstrip("abcdefghijklmnopqrstuvwxyz")
    if letters.startswith("Yz"):
        return "fixed:xmm0"
    for ch in letters:
        if ch in _FIXED:
            return "fixed:" + _FIXED[ch]
    if letters == "Q":
        return "Q"              # one of a, b, c, d (for %h): picked per statement
    if const and any(ch in _IMM or ch in "gX" for ch in letters):
        return "imm"
    if any(ch in _GPR or ch in "gX" for ch in letters):
        return "gpr"
    if any(ch in _SSE for ch in letters):
        return "fpr"
    if any(ch in _MEM for ch in letters):
        return "mem"
    if any(ch in "ftu" for ch in letters):
        return "x87"
    if any(ch in _IMM for ch in letters):
        return "imm"
    return "gpr"


def _const_of(tree: Any) -> Optional[Imm]:
    """An immediate for a constant or address-constant tree, else None."""
    o = tree.op.operation
    if o == "CNST" and isinstance(tree.value, int):
        return Imm(tree.value)
    if o == "ADDRG":
        return Imm(0, str(tree.value))
    if o in ("CV", "LOAD") and tree.kids:
        return _const_of(tree.kids[0])
    if o in ("ADD", "SUB") and len(tree.kids) == 2:
        a, b = _const_of(tree.kids[0]), _const_of(tree.kids[1])
        if a is not None and b is not None and not (a.sym and b.sym):
            if o == "SUB":
                if b.sym:
                    return None
                return Imm(a.value - b.value, a.sym)
            return Imm(a.value + b.value, a.sym or b.sym)
    if o == "NEG" and tree.kids:
        a = _const_of(tree.kids[0])
        if a is not None and not a.sym:
            return Imm(-a.value)
    return None


def _size_of(ctype: Any, default: int) -> int:
    try:
        n = ctype.size() if ctype is not None else default
    except Exception:
        n = default
    return n if n in (1, 2, 4, 8, 16) else default


def _load_width(sel: Any, mem: Mem, reg: Reg, n: int) -> None:
    """reg <- the n bytes at mem (a "+" output's current value)."""
    if reg.cls == "fpr":
        sel.emit(mk("movss" if n == 4 else "movsd", mem, RegOp(reg, 16)))
        return
    v = load_int(sel, mem, min(n, 8))
    sel.emit(move(reg, v))


def _store_width(sel: Any, reg: Reg, mem: Mem, n: int) -> None:
    if reg.cls == "fpr":
        sel.emit(mk("movss" if n == 4 else "movsd", RegOp(reg, 16), mem))
        return
    store_int(sel, reg, mem, min(n, 8))


def _to_class(sel: Any, v: Reg, cls: str, n: int) -> Reg:
    """v moved into a register of class cls (gpr <-> xmm bit copies)."""
    if v.cls == cls:
        return v
    w = sel.new_vreg(cls)
    op = "movd" if n <= 4 else "movq"
    sel.emit(mk(op, RegOp(v, 16 if v.cls == "fpr" else max(n, 4)),
                RegOp(w, 16 if cls == "fpr" else max(n, 4))))
    return w


def _pick_q(info: Any) -> List[str]:
    """Registers of a, b, c, d not named by this statement's fixed
    constraints or clobbers, for its "Q" operands (caller-saved first)."""
    taken = set()
    for c, _ in list(info.outputs) + list(info.inputs):
        for ch in _letters(c):
            if ch in _FIXED:
                taken.add(_FIXED[ch])
    for cl in info.clobbers:
        taken.add(_ALIASES.get(cl.strip().lstrip("%"), ""))
    return [r for r in ("rcx", "rdx", "rax", "rbx") if r not in taken]


def emit_asm(sel: Any, node: Any) -> None:
    info = node.value
    qregs = _pick_q(info)
    loc = getattr(sel.fn, "loc", None)
    nout = len(info.outputs)
    nin = len(info.inputs)
    operands: List[Any] = [None] * (nout + nin)
    uses: List[Reg] = []
    defs: List[Reg] = []
    after: List[Tuple[Reg, Mem, int]] = []
    flags: List[Tuple[str, Mem, int]] = []
    early: List[Reg] = []
    x87_outs: List[Tuple[int, Mem, int]] = []     # (stack position, lvalue, bytes)
    x87_ins: List[Tuple[int, Any, bool]] = []     # (stack position, tree, matched)
    for i, (c, tree) in enumerate(info.outputs):
        ctype = info.out_types[i] if i < len(info.out_types) else None
        n = _size_of(ctype, _guess_size(sel, tree))
        kind = _kind(_letters(c), False)
        mem = sel.address(tree)
        if kind == "Q":
            kind = _q_fixed(qregs, loc, c)
        if _letters(c).startswith("@cc"):
            flags.append((_letters(c)[3:], mem, n))
            operands[i] = Imm(0)
            continue
        if kind == "mem":
            operands[i] = mem
            uses.extend(mem.regs())
            continue
        if kind == "x87":
            pos = _x87_pos(_letters(c), loc, c)
            x87_outs.append((pos, mem, n))
            operands[i] = LabelOp(_ST[pos])
            continue
        if kind == "imm" or kind.startswith("match"):
            raise CompileError(loc, "asm output constraint '%s' is not supported yet" % c)
        if kind.startswith("fixed:"):
            reg: Reg = P[kind[6:]]
        else:
            reg = sel.new_vreg(kind)
        if "+" in c:
            _load_width(sel, mem, reg, n)
            uses.append(reg)
        else:
            # gcc lets an output share a register with an input only
            # without '&'; asm in the wild often forgets the '&' (or the
            # address register of an "m" operand), so outputs never share.
            early.append(reg)
        defs.append(reg)
        operands[i] = RegOp(reg, 16 if reg.cls == "fpr" else min(n, 8))
        after.append((reg, mem, n))
    for j, (c, tree) in enumerate(info.inputs):
        k = nout + j
        ctype = info.in_types[j] if j < len(info.in_types) else None
        n = _size_of(ctype, tree.op.size if tree.op.size > 0 else 8)
        const = _const_of(tree)
        kind = _kind(_letters(c), const is not None)
        if kind == "Q":
            kind = _q_fixed(qregs, loc, c)
        if kind.startswith("match:"):
            m = int(kind[6:])
            if m >= nout:
                raise CompileError(loc, "asm: matching constraint '%s' names no output" % c)
            target = operands[m]
            if isinstance(target, LabelOp):          # an x87 output
                x87_ins.append((_ST.index(target.name), tree, True))
                operands[k] = target
                continue
            if isinstance(target, Mem):
                v = sel.value(tree)
                _store_width(sel, v, target, n)
                operands[k] = target
            else:
                # an address constant is computed %rip-relative (as gcc):
                # `movq $sym` would need a text relocation in a PIE
                v = sel.value(tree) if const is None or const.sym or \
                    tree.op.letter == "F" else None
                if v is None:
                    v = sel.new_vreg("gpr")
                    sel.emit(mk("movq", const, RegOp(v, 8)))
                v = _to_class(sel, v, target.reg.cls, n)
                sel.emit(move(target.reg, v))
                uses.append(target.reg)
                operands[k] = RegOp(target.reg, target.size)
            continue
        if kind == "imm" and const is None:
            # gcc rejects this unless the statement is dead code it drops
            # (if (__builtin_constant_p(x)) asm(... "i"(x))): use a register.
            kind = "gpr"
        if kind == "imm":
            operands[k] = const
            continue
        if kind == "mem":
            if tree.op.letter != "P":
                # lowering passes a value when the lvalue has no address:
                # spill it into a temporary slot
                m2 = _spill_value(sel, tree, n)
            else:
                m2 = sel.address(tree)
            operands[k] = m2
            uses.extend(m2.regs())
            continue
        if kind == "x87":
            pos = _x87_pos(_letters(c), loc, c)
            x87_ins.append((pos, tree, False))
            operands[k] = LabelOp(_ST[pos])
            continue
        if tree.op.letter == "F" and tree.op.size == 16:
            raise CompileError(loc, "long double asm operands are not supported yet")
        v = sel.value(tree)
        if kind.startswith("fixed:"):
            r = P[kind[6:]]
            v = _to_class(sel, v, r.cls, n)
            sel.emit(move(r, v))
            uses.append(r)
            operands[k] = RegOp(r, 16 if r.cls == "fpr" else min(n, 8))
        else:
            v = _to_class(sel, v, kind, n)
            uses.append(v)
            operands[k] = RegOp(v, 16 if v.cls == "fpr" else min(n, 8))
    for e in early:
        # Defining the output (an empty pseudo-instruction) before the asm
        # makes it live across the inputs, so it gets a register of its own.
        if any(e is m for m in uses):
            continue            # tied to a matching input: already defined
        sel.emit(MInst("asm_def", defs=[e], text=""))
        uses.append(e)
    clobbers: List[PReg] = []
    for cl in info.clobbers:
        name = _ALIASES.get(cl.strip().lstrip("%"))
        if name is not None and name not in ("rsp", "rbp"):
            clobbers.append(P[name])
    text = _number_names(info, loc)
    # gcc numbers a hidden input for each "+" output after the inputs (the
    # labels of asm goto come after those).
    for i, (c, _) in enumerate(info.outputs):
        if "+" in c:
            o = operands[i]
            operands.append(RegOp(o.reg, o.size) if isinstance(o, RegOp) else o)
    for lab in info.goto_labels:
        operands.append(LabelOp(lab))
    ins = MInst("inline_asm", operands, uses=_dedup(uses), defs=_dedup(defs),
                clobbers=clobbers, targets=list(info.goto_labels), text=text)
    basic = not (nout or nin or info.clobbers or info.goto_labels)
    if basic and "%%" not in text:
        ins.op = "inline_asm_basic"       # no operands: '%' is not special
    _x87_push(sel, x87_ins)
    sel.emit(ins)
    _x87_pop(sel, x87_outs, x87_ins, info.clobbers)
    for cond, mem, n in flags:
        _flag_output(sel, cond, mem, n)
    for reg, mem, n in after:
        _store_width(sel, reg, mem, n)


_ST = ["%st", "%st(1)"]


def _x87_pos(letters: str, loc: Any, c: str) -> int:
    """x87 operands: "t" is %st(0), "u" is %st(1) ("f", any stack
    register, is not supported)."""
    if "t" in letters:
        return 0
    if "u" in letters:
        return 1
    raise CompileError(loc, "asm x87 constraint '%s' is not supported yet" % c)


def _x87_push(sel: Any, ins: List[Tuple[int, Any, bool]]) -> None:
    """Load the x87 inputs, deepest first, so the asm finds them in
    %st(0)/%st(1)."""
    for pos, tree, _ in sorted(ins, key=lambda t: -t[0]):
        op = tree.op
        if op.letter == "F" and op.size == 16:
            sel.value(tree)                          # pushed by the selector
            continue
        slot = Mem(slot=sel.mf.frame.new_slot(8, 8, "local"))
        v = sel.value(tree)
        if op.letter == "F":
            sel.emit(mk("movss" if op.size == 4 else "movsd", RegOp(v, 16), slot))
            sel.emit(mk("flds" if op.size == 4 else "fldl", slot))
        else:
            sel.emit(mk("movq", RegOp(v, 8), slot))
            sel.emit(mk("fildll" if op.size == 8 else "fildl", slot))


def _x87_pop(sel: Any, outs: List[Tuple[int, Mem, int]], ins: List[Tuple[int, Any, bool]],
             clobbers: List[str]) -> None:
    """Store the x87 outputs (popping them, %st(0) first), then pop the
    inputs the asm left on the stack: those neither matched to an output
    nor declared clobbered (which the asm pops itself)."""
    for pos, mem, n in sorted(outs):
        sel.emit(mk({16: "fstpt", 8: "fstpl", 4: "fstps"}.get(n, "fstpt"), mem))
    clob = {c.replace(" ", "") for c in clobbers}
    left = 0
    for pos, _, matched in ins:
        popped = ("st(%d)" % pos) in clob or (pos == 0 and "st" in clob)
        if not matched and not popped:
            left += 1
    for _ in range(left):
        sel.emit(MInst("fstp", text="\tfstp\t%st(0)"))


def _q_fixed(qregs: List[str], loc: Any, c: str) -> str:
    if not qregs:
        raise CompileError(loc, "asm: no register left for constraint '%s'" % c)
    return "fixed:" + qregs.pop(0)


def _spill_value(sel: Any, tree: Any, n: int) -> Mem:
    slot = sel.mf.frame.new_slot(max(n, 8), 8, "local")
    v = sel.value(tree)
    _store_width(sel, v, Mem(slot=slot), n)
    return Mem(slot=slot)


def _flag_output(sel: Any, cond: str, mem: Mem, n: int) -> None:
    """`=@cc<cond>`: the condition after the asm, as 0/1, stored at mem."""
    b = sel.new_vreg("gpr")
    sel.emit(MInst("set" + cond, [RegOp(b, 1)], defs=[b]))
    w = sel.new_vreg("gpr")
    sel.emit(mk("movzbl", RegOp(b, 1), RegOp(w, 4)))
    store_int(sel, w, mem, min(n, 8))


def _dedup(regs: List[Reg]) -> List[Reg]:
    out: List[Reg] = []
    for r in regs:
        if not any(r is o or (isinstance(r, PReg) and isinstance(o, PReg) and r.name == o.name)
                   for o in out):
            out.append(r)
    return out


def _guess_size(sel: Any, tree: Any) -> int:
    """Width of an output lvalue when lowering gave no type: a local's size."""
    if tree.op.operation == "ADDRL":
        loc = sel.fn.locals.get(tree.value)
        if loc is not None:
            return loc.size
    return 8


def _number_names(info: Any, loc: Any) -> str:
    """Replace %[name] (with an optional modifier letter) by its number."""
    by_name = {v: k for k, v in info.names.items()}
    nops = len(info.outputs) + len(info.inputs) + \
        sum(1 for c, _ in info.outputs if "+" in c)

    def sub(m: "re.Match[str]") -> str:
        mod, name = m.group(1), m.group(2)
        if mod == "l" and name in info.goto_labels:
            return "%%l%d" % (nops + info.goto_labels.index(name))
        if name not in by_name:
            if mod == "l" and len(info.goto_labels) == 1:
                # lowering gave the block label, not the C name (names for
                # labels would sit at index nops + i of info.names)
                return "%%l%d" % nops
            raise CompileError(loc, "asm: undefined named operand '%s'" % name)
        return "%%%s%d" % (mod, by_name[name])
    return re.sub(r"(?<!%)%([a-zA-Z]?)\[([A-Za-z_]\w*)\]", sub, info.template)


# ------------------------------------------------------------- rendering
_OPERAND_RE = re.compile(r"%(%|=|\{|\}|\||([a-zA-Z]?)(\d+))")


def format_mem(m: Mem) -> str:
    """AT&T text of a memory operand after frame layout."""
    disp = m.disp + (m.slot.offset or 0 if m.slot is not None else 0)
    base = m.base
    if m.slot is not None and base is None:
        base = P["rbp"]
    seg = "%%%s:" % m.seg if m.seg else ""
    if m.sym:
        s = m.sym + ("@" + m.reloc if m.reloc else "")
        if disp:
            s += "%+d" % disp
        if base is None and m.index is None:
            return seg + s + ("(%rip)" if not m.seg else "")
        head = s
    else:
        head = str(disp) if disp or (base is None and m.index is None) else ""
    inner = ""
    if base is not None or m.index is not None:
        inner = "(" + ("%" + _pname(base, 8) if base is not None else "")
        if m.index is not None:
            inner += ",%" + _pname(m.index, 8) + ",%d" % m.scale
        inner += ")"
    return seg + head + inner


def _pname(r: Any, size: int) -> str:
    name = getattr(r, "name", None)
    if name is None:
        return repr(r).lstrip("%")          # an unallocated vreg (debug output)
    return reg_name(name, size)


def _format_operand(o: Any, mod: str) -> str:
    if isinstance(o, RegOp):
        name = getattr(o.reg, "name", None)
        if name is not None and name.startswith("xmm"):
            return "%" + name
        size = {"b": 1, "h": 1, "w": 2, "k": 4, "q": 8}.get(mod, o.size if o.size <= 8 else 8)
        if mod == "h" and name in ("rax", "rbx", "rcx", "rdx"):
            return "%" + name[1] + "h"
        text = "%" + _pname(o.reg, size)
        if mod == "a":
            return "(" + text + ")"
        if mod == "A":
            return "*" + text
        return text
    if isinstance(o, Mem):
        return format_mem(o)
    if isinstance(o, Imm):
        v = -o.value if mod == "n" else o.value
        body = (o.sym + ("%+d" % v if v else "")) if o.sym else str(v)
        return body if mod in ("c", "P", "p", "n", "a") else "$" + body
    if isinstance(o, LabelOp):
        if o.name.startswith("%st"):
            return o.name                      # an x87 operand
        # a goto label: %l1 is the bare label, %1 the immediate (as gcc)
        return o.name if mod in ("l", "c", "P", "p", "a") else "$" + o.name
    raise ValueError("bad asm operand %r" % (o,))


def render(ins: MInst) -> None:
    """Substitute the operands into the template of an inline_asm MInst."""
    if ins.op == "inline_asm_basic":
        ins.op = "inline_asm"
        ins.text = _indent(ins.text or "")
        return
    uid = id(ins)           # %= : unique among the statements of this compilation
    ops = ins.operands
    template = ins.text or ""

    def sub(m: "re.Match[str]") -> str:
        whole = m.group(1)
        if whole == "%":
            return "%"
        if whole == "=":
            return str(uid)
        if whole in "{}|":
            return whole
        mod, idx = m.group(2), int(m.group(3))
        if idx >= len(ops):
            raise CompileError(None, "asm: operand number %d out of range" % idx)
        return _format_operand(ops[idx], mod)
    ins.text = _indent(_OPERAND_RE.sub(sub, template))


def _indent(text: str) -> str:
    """gcc's layout: the statement's text on its own tab-indented line."""
    if text and not text[0].isspace():
        return "\t" + text
    return text


def callee_saved_touched(mf: Any) -> List[PReg]:
    """Callee-saved registers written by instructions outside the
    allocator's choice (asm outputs and clobbers, fixed operands)."""
    names = {r.name for r in CALLEE_SAVED}
    seen: List[PReg] = []
    for ins in mf.insts():
        for r in list(ins.defs) + list(ins.clobbers):
            if isinstance(r, PReg) and r.name in names and \
                    all(s.name != r.name for s in seen):
                seen.append(r)
    return seen
