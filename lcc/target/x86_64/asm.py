"""Print an MFunction (after allocation and frame layout) as GNU AT&T assembly."""
from __future__ import annotations

from typing import Any, List

from lcc.mir import Imm, LabelOp, Mem, MFunction, MInst, PReg, RegOp, SymOp, VReg
from lcc.target.x86_64.regs import reg_name


def format_reg(r: Any, size: int) -> str:
    if isinstance(r, PReg):
        return "%" + reg_name(r.name, size if r.cls == "gpr" else 16)
    if isinstance(r, VReg):          # before allocation (debug dumps)
        return "%%v%d%s" % (r.n, "f" if r.cls == "fpr" else ":%d" % size)
    raise ValueError("not a register: %r" % (r,))


def format_mem(m: Mem) -> str:
    text = "%" + m.seg + ":" if m.seg else ""
    disp = m.disp
    if m.slot is not None:
        if m.slot.offset is None:
            raise ValueError("slot %r has no offset (frame.finish not run)" % (m.slot,))
        disp += m.slot.offset
    base = m.base
    if m.sym:
        text += m.sym + ("@" + m.reloc if m.reloc else "")
        if disp:
            text += "%+d" % disp
        if base is None and m.index is None:
            return text + "(%rip)"
    elif disp or (base is None and m.index is None and m.slot is None):
        text += str(disp)
    if m.slot is not None and base is None:
        base = PReg("rbp", "gpr")
    inner = format_reg(base, 8) if base is not None else ""
    if m.index is not None:
        inner += "," + format_reg(m.index, 8) + ",%d" % m.scale
    if inner:
        text += "(" + inner + ")"
    return text


def format_operand(o: Any) -> str:
    if isinstance(o, RegOp):
        return format_reg(o.reg, o.size)
    if isinstance(o, Imm):
        if o.sym:
            return "$" + o.sym + ("%+d" % o.value if o.value else "")
        return "$%d" % o.value
    if isinstance(o, Mem):
        return format_mem(o)
    if isinstance(o, (LabelOp, SymOp)):
        return o.name
    raise ValueError("bad operand %r" % (o,))


def format_inst(mi: MInst) -> str:
    if mi.text is not None:
        return mi.text
    ops = ", ".join(format_operand(o) for o in mi.operands)
    op = mi.op
    if op.endswith("*"):              # jmp* / call*: indirect through the operand
        return "\t%s\t*%s" % (op[:-1], ops)
    op = op.replace("_", " ")         # rep_movsb
    return "\t%s\t%s" % (op, ops) if ops else "\t" + op


def _attr(attrs: List[str], key: str) -> str:
    for a in attrs:
        if a.startswith(key + "="):
            return a[len(key) + 1:]
    return ""


def format_function(mf: MFunction, linkage: str = "global", attrs: Any = (),
                    debug: Any = None) -> str:
    """The function with its directives: section, symbol type, alignment, size.

    debug (-g; lcc.target.x86_64.dwarf.Debug): adds its labels around the
    body and a `.loc` row wherever an instruction's MInst.loc differs
    from the last row's (None continues the row); nothing else changes."""
    attrs = list(attrs)
    name = mf.name
    section = _attr(attrs, "section")
    out = ["\t.section\t%s,\"ax\",@progbits" % section if section else "\t.text"]
    if linkage == "global":
        out.append("\t.globl\t%s" % name)
    elif linkage == "weak":
        out.append("\t.weak\t%s" % name)
    vis = _attr(attrs, "visibility")
    if vis and vis != "default":
        out.append("\t.%s\t%s" % (vis, name))
    # 16 bytes as gcc -O2; more when the function asks (aligned(N)).
    align = max(16, int(_attr(attrs, "align") or 0))
    out.append("\t.p2align\t%d" % (align.bit_length() - 1))
    out.append("\t.type\t%s, @function" % name)
    out.append("%s:" % name)
    if debug is not None:
        out.extend(debug.function_start(mf.name))
    out.append("\t.cfi_startproc")
    row = debug.opening_loc(mf.name) if debug is not None else None
    # The selector's own block labels (.LI<N>) are printed only when some
    # instruction refers to them; IR labels always (jump tables in data).
    used = set()
    for b in mf.blocks:
        for mi in b.insts:
            used.update(mi.targets)
            used.update(o.name for o in mi.operands if isinstance(o, LabelOp))
            used.update(o.sym for o in mi.operands if isinstance(o, Mem) and o.sym)
    for b in mf.blocks:
        if b.label != name and (not b.label.startswith(".LI") or b.label in used):
            out.append("%s:" % b.label)
        for mi in b.insts:
            if debug is not None and mi.loc is not None:
                for at in mi.loc if isinstance(mi.loc, tuple) else (mi.loc,):
                    if at != row:
                        row = at
                        out.append(debug.loc(row))
            out.append(format_inst(mi))
    out.append("\t.cfi_endproc")
    if debug is not None:
        out.extend(debug.function_end(mf.name))
    out.append("\t.size\t%s, .-%s" % (name, name))
    return "\n".join(out) + "\n"
