"""A small AT&T instruction-line reader for the encoder tests: enough for
what lcc's back end prints (and the inline asm in tests/x86_asm), not the
assembler's parser (lcc/asm/parser.py is that)."""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from lcc.mir import Imm, LabelOp, Mem, PReg, RegOp, SymOp
from lcc.target.x86_64.regs import reg_name

from x86_encode.gen import GPRS

PREFIXES = {"lock", "rep", "repe", "repz", "repne", "repnz", "data16", "rex64", "notrack",
            "addr32", "xacquire", "xrelease", "bnd", "cs", "ds", "es", "fs", "gs", "ss"}

REGS: Dict[str, Tuple[PReg, int]] = {}
for _n in GPRS:
    for _s in (1, 2, 4, 8):
        REGS[reg_name(_n, _s)] = (PReg(_n, "gpr"), _s)
for _n in ("ah", "bh", "ch", "dh"):
    REGS[_n] = (PReg(_n, "gpr"), 1)
for _i in range(16):
    REGS["xmm%d" % _i] = (PReg("xmm%d" % _i, "fpr"), 16)
for _i in range(8):
    REGS["st(%d)" % _i] = (PReg("st%d" % _i, "x87"), 10)
REGS["st"] = (PReg("st0", "x87"), 10)
for _n in ("es", "cs", "ss", "ds", "fs", "gs"):
    REGS[_n] = (PReg(_n, "seg"), 2)
REGS["rip"] = (PReg("rip", "gpr"), 8)

_MEM = re.compile(r"^(?:%(\w\w):)?([^(]*)(?:\((.*)\))?$")


def _split_args(text: str) -> List[str]:
    out, depth, cur = [], 0, ""
    for c in text:
        if c == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
            continue
        depth += c == "("
        depth -= c == ")"
        cur += c
    if cur.strip():
        out.append(cur.strip())
    return out


def _value(text: str) -> Tuple[Optional[str], int]:
    """sym+n, n+sym, n, sym@reloc-n -> (sym or None, n)."""
    text = text.replace(" ", "")
    if not text:
        return None, 0
    sym = None
    total = 0
    for sign, term in re.findall(r"([-+]?)([^-+]+)", text):
        try:
            v = int(term, 0)
        except ValueError:
            if sym is not None or sign == "-" or not re.match(r"^[A-Za-z_.$][\w.$@]*$", term):
                raise ValueError("cannot read %r" % text)
            sym = term
            continue
        total += -v if sign == "-" else v
    return sym, total


def operand(text: str, branch: bool) -> object:
    if text.startswith("%") and text[1:] in REGS:
        r, s = REGS[text[1:]]
        return RegOp(r, s)
    if text.startswith("$"):
        sym, v = _value(text[1:])
        return Imm(v, sym)
    if branch and "(" not in text:
        return LabelOp(text) if text.startswith((".L", "L_")) else SymOp(text)
    m = _MEM.match(text)
    if not m:
        raise ValueError("cannot read operand %r" % text)
    seg, disp, inner = m.groups()
    sym, v = _value(disp)
    reloc = None
    if sym and "@" in sym:
        sym, reloc = sym.split("@", 1)
    base = index = None
    scale = 1
    if inner is not None:
        parts = [p.strip() for p in inner.split(",")]
        if parts[0]:
            base = REGS[parts[0][1:]][0]
        if len(parts) > 1 and parts[1]:
            index = REGS[parts[1][1:]][0]
        if len(parts) > 2:
            scale = int(parts[2])
    if base is not None and base.name == "rip":
        base = None
        if sym is None:
            base = REGS["rip"][0]
    elif sym is not None and base is None and index is None and reloc is None:
        reloc = "ABS"
    return Mem(base=base, index=index, scale=scale, disp=v, sym=sym, seg=seg, reloc=reloc)


def parse_insn(line: str) -> Optional[Tuple[str, List[object], List[str]]]:
    """(mnemonic, operands, prefixes) of one instruction line, None for
    labels, directives and blank lines."""
    line = line.split("#", 1)[0].strip()
    if not line or line.startswith(".") or line.endswith(":"):
        return None
    words = line.split(None, 1)
    prefixes = []
    while words[0] in PREFIXES and len(words) > 1:
        prefixes.append(words[0])
        words = words[1].split(None, 1)
    op = words[0]
    args = words[1] if len(words) > 1 else ""
    branch = op.startswith("j") or op.startswith("call") or op.startswith("loop")
    ops: List[object] = []
    for a in _split_args(args):
        if a.startswith("*"):
            ops.append(operand(a[1:], False))
        else:
            ops.append(operand(a, branch))
    return op, ops, prefixes
