"""Operand matching for the x86-64 encoder: what each register operand
is (number, REX needs, the table kinds it fits), which immediates fit the
short kinds as GNU as decides, and the choice of form for an operand list
(the first matching form of the mnemonic, table order = preference)."""
from __future__ import annotations

from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from lcc.asm.x86_64 import table
from lcc.asm.x86_64.table import Form
from lcc.mir import Imm, LabelOp, Mem, PReg, RegOp, SymOp


class EncodeError(Exception):
    pass


# ---------------------------------------------------------------- registers

_GPR = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"]
GPR_NUM: Dict[str, int] = {n: i for i, n in enumerate(_GPR)}
_HIGH8 = {"ah": 4, "ch": 5, "dh": 6, "bh": 7}
_SEG = {"es": 0, "cs": 1, "ss": 2, "ds": 3, "fs": 4, "gs": 5}
SEG_PREFIX = {"es": 0x26, "cs": 0x2E, "ss": 0x36, "ds": 0x3E, "fs": 0x64, "gs": 0x65}
_FIXED = {(0, 1): "al", (0, 2): "ax", (0, 4): "eax", (0, 8): "rax", (1, 1): "cl",
          (2, 2): "dx"}

# Every memory-ish kind in the table: a Mem operand matches all of them.
_ALL_KINDS = {k for f in table.FORMS for k in f.kinds}
MEM_TAGS: FrozenSet[str] = frozenset(k for k in _ALL_KINDS if table.is_mem_kind(k))


class RegInfo:
    """What a register operand is: its number, the kinds it matches and
    whether it needs (or forbids) a REX prefix."""
    __slots__ = ("num", "tags", "need_rex", "no_rex")

    def __init__(self, num: int, tags: FrozenSet[str], need_rex: bool, no_rex: bool) -> None:
        self.num = num
        self.tags = tags
        self.need_rex = need_rex
        self.no_rex = no_rex


_REG_CACHE: Dict[Tuple[str, int], RegInfo] = {}


def reg_info(name: str, size: int) -> RegInfo:
    key = (name, size)
    info = _REG_CACHE.get(key)
    if info is not None:
        return info
    tags: set = set()
    need_rex = no_rex = False
    if name in GPR_NUM:
        num = GPR_NUM[name]
        if size not in (1, 2, 4, 8):
            raise EncodeError("bad size %d for %%%s" % (size, name))
        bits = str(size * 8)
        tags.update(("r" + bits, "rm" + bits))
        fixed = _FIXED.get((num, size))
        if fixed:
            tags.add(fixed)
        need_rex = size == 1 and 4 <= num <= 7
    elif name in _HIGH8:
        num = _HIGH8[name]
        tags.update(("r8", "rm8"))
        no_rex = True
    elif name.startswith("xmm"):
        num = int(name[3:])
        tags.update(k for k in _ALL_KINDS if k.startswith("xmm"))
    elif name.startswith("st"):
        num = int(name[2:] or "0")
        tags.add("st")
        if num == 0:
            tags.add("st0")
    elif name in _SEG:
        num = _SEG[name]
        tags.add("sreg")
    else:
        raise EncodeError("unknown register %%%s" % name)
    info = RegInfo(num, frozenset(tags), need_rex, no_rex)
    _REG_CACHE[key] = info
    return info


def _signed(v: int, bits: int) -> int:
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


def _norm_imm(v: int, size: int) -> int:
    """The value GNU as tests against the short immediate kinds: wrapped to
    64 bits, and for a 16/32-bit operand an unsigned 16/32-bit value read
    as signed ($0xffffffff is -1 for addl, $0xffff is -1 for addw)."""
    v = _signed(v, 64)
    if size == 2 and 0 <= v <= 0xFFFF:
        v = _signed(v, 16)
    if (size == 2 or size == 4) and 0 <= v <= 0xFFFFFFFF:
        v = _signed(v, 32)
    return v


# Relocation modifiers x86-64 has only as 64-bit relocations: movq
# $sym@GOTOFF, %rax becomes movabs (R_X86_64_GOTOFF64), as in GNU as.
_ONLY64 = {"GOTOFF", "PLTOFF", "GOT64"}


def _imm_ok(kind: str, o: Imm, size: int) -> bool:
    v = o.value
    if kind == "one":
        return v == 1 and not o.sym
    if kind == "imm8s":
        if o.sym:
            return False
        return -128 <= _norm_imm(v, size) <= 127
    if o.sym and kind != "imm64" and "@" in o.sym and \
            o.sym[o.sym.index("@") + 1:].upper() in _ONLY64:
        return False
    if kind == "imm32s":
        return -(1 << 31) <= _norm_imm(v, size) < (1 << 31)
    if kind in _IMM_SIZE:
        # GNU as truncates a too-wide value for a fixed-size field (with a
        # warning) rather than refusing it.
        return -(1 << 63) <= v < (1 << 64)
    return False


def match_form(forms: List[Tuple[Form, bool]], ops: Sequence[object], short: bool,
               op: str) -> Form:
    """The first form of `forms` (a mnemonic's INDEX entry) whose operand
    kinds the operands fit.  Branch targets take rel32 unless `short`; a
    second pass allows rel8 for the instructions that only have it (loop,
    jrcxz)."""
    n = len(ops)
    tags: List[Optional[FrozenSet[str]]] = []
    for o in ops:
        if isinstance(o, RegOp):
            r = o.reg
            if not isinstance(r, PReg):
                raise EncodeError("virtual register %r in %s" % (r, op))
            tags.append(reg_info(r.name, o.size).tags)
        elif isinstance(o, Mem):
            tags.append(MEM_TAGS)
        else:
            tags.append(None)
    ambiguous: Optional[Form] = None
    for allow_rel8 in ((True,) if short else (False, True)):
        for form, via_alias in forms:
            kinds = form.kinds
            if len(kinds) != n:
                continue
            # A bare mnemonic with no register to give the size: GNU warns
            # and uses the default (32-bit) size, the immediates unsized.
            unsized = via_alias and form.sizing and "dflt" not in form.flags and \
                not any(isinstance(ops[i], RegOp) for i in form.sizing)
            size = 0 if unsized else form.size
            ok = True
            for i in range(n):
                k = kinds[i]
                t = tags[i]
                if t is not None:
                    if k not in t:
                        if t is MEM_TAGS and k[:5] == "moffs" and \
                                ops[i].base is None and ops[i].index is None:  # type: ignore
                            continue
                        ok = False
                        break
                    continue
                o = ops[i]
                if isinstance(o, Imm):
                    if not _imm_ok(k, o, size):
                        ok = False
                        break
                elif isinstance(o, (LabelOp, SymOp)):
                    if k == "rel8":
                        # rel8 when asked for (the assembler knows the target
                        # is near), never for sym@PLT
                        if not allow_rel8 or "@" in o.name:
                            ok = False
                            break
                    elif k != "rel32":
                        ok = False
                        break
                else:
                    ok = False
                    break
            if not ok:
                continue
            if unsized:
                if ambiguous is None and form.size == 4:
                    ambiguous = form
                continue
            return form
    if ambiguous is not None:
        return ambiguous
    raise EncodeError("operand combination not supported: %s %s" %
                      (op, ", ".join(repr(o) for o in ops)))


_IMM_SIZE = {"imm8": 1, "imm8s": 1, "imm16": 2, "imm32": 4, "imm32s": 4, "imm64": 8}
