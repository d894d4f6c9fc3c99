"""Operand spreads for every form in lcc/asm/x86_64/table.py, AT&T
printing of them, and a minimal ELF64 reader for GNU as's objects: the
pieces of tests/test_x86_encode.py (the oracle is GNU as)."""
from __future__ import annotations

import struct
from typing import Dict, List, Optional, Sequence, Set, Tuple

from lcc.asm.x86_64.table import Form
from lcc.mir import Imm, LabelOp, Mem, PReg, RegOp, SymOp
from lcc.target.x86_64.regs import reg_name

GPRS = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"]


def G(name: str) -> PReg:
    return PReg(name, "gpr")


def gpr(size: int) -> List[RegOp]:
    regs = [RegOp(G(n), size) for n in GPRS]
    if size == 1:
        regs += [RegOp(G(n), 1) for n in ("ah", "ch", "dh", "bh")]
    return regs


XMMS = [RegOp(PReg("xmm%d" % i, "fpr"), 16) for i in range(16)]
STS = [RegOp(PReg("st%d" % i, "x87"), 10) for i in range(8)]
SEGS = [RegOp(PReg(n, "seg"), 2) for n in ("es", "cs", "ss", "ds", "fs", "gs")]

# Memory operands: every ModRM/SIB special case and displacement size.
MEMS: List[Mem] = [
    Mem(base=G("rax")), Mem(base=G("rsp")), Mem(base=G("rbp")), Mem(base=G("r12")),
    Mem(base=G("r13")), Mem(base=G("r8")), Mem(base=G("rdi"), disp=8),
    Mem(base=G("rbx"), disp=-128), Mem(base=G("rcx"), disp=127),
    Mem(base=G("rdx"), disp=128), Mem(base=G("rsi"), disp=-129),
    Mem(base=G("r15"), disp=0x12345678), Mem(base=G("r9"), disp=-0x80000000),
    Mem(base=G("rbp"), disp=-8), Mem(base=G("rsp"), disp=16), Mem(base=G("r13"), disp=300),
    Mem(base=G("rax"), index=G("rbx")), Mem(base=G("rsp"), index=G("rax"), scale=2),
    Mem(base=G("rax"), index=G("r12"), scale=4), Mem(base=G("r13"), index=G("r14"),
                                                     scale=8, disp=16),
    Mem(base=G("rbp"), index=G("rbp")), Mem(base=G("r12"), index=G("r15"), disp=-1000),
    Mem(index=G("rcx"), scale=8), Mem(index=G("r11"), scale=2, disp=0x10),
    Mem(disp=0x1000), Mem(disp=-4),
    Mem(sym="ext"), Mem(sym="ext", disp=8), Mem(base=G("rip"), disp=16),
    Mem(sym="ext", base=G("rax")), Mem(sym="ext", disp=-4, index=G("rcx"), scale=4),
    Mem(sym="ext", reloc="ABS"),
    Mem(base=G("rax"), seg="fs"), Mem(disp=0x10, seg="gs"),
    Mem(sym="ext", reloc="GOTPCREL"),
    Mem(sym="tv", reloc="gottpoff"), Mem(sym="tv", reloc="tpoff", seg="fs"),
    Mem(sym="tv", reloc="tpoff", base=G("rax")), Mem(sym="tv", reloc="dtpoff", base=G("rdx")),
]
TLS_MEMS = [Mem(sym="tv", reloc="tlsgd"), Mem(sym="tv", reloc="tlsld")]

IMMS: Dict[str, List[Imm]] = {
    "imm8": [Imm(v) for v in (0, 1, 127, 128, 255, -1, -128)] + [Imm(0, "ext")],
    "imm8s": [Imm(v) for v in (0, 1, -1, 127, -128, 128, -129, 0x7FFFFFFF, 0xFFFFFFFF)],
    "imm16": [Imm(v) for v in (0, 1, 0x7FFF, 0xFFFF, -0x8000, 0x1234, 128)] + [Imm(2, "ext")],
    "imm32": [Imm(v) for v in (0, 0x7FFFFFFF, 0xFFFFFFFF, -0x80000000, 128, 1000)] +
    [Imm(0, "ext"), Imm(12, "ext"), Imm(0, "tv@tpoff")],
    "imm32s": [Imm(v) for v in (0x7FFFFFFF, -0x80000000, 0x12345, 1000, -1000)] +
    [Imm(0, "ext"), Imm(-8, "ext"), Imm(0, "tv@tpoff")],
    "imm64": [Imm(v) for v in (0x123456789ABCDEF0, -1, 0xFFFFFFFFFFFFFFFF, 0x100000000, 5,
                               0xFFFFFFFF)] + [Imm(0, "ext"), Imm(3, "ext"),
                                               Imm(0, "tv@tpoff"), Imm(0, "ext@GOTOFF")],
    "one": [Imm(1)],
}
MOFFS = [Mem(disp=0x1122334455667788, reloc="ABS"), Mem(disp=0x10, reloc="ABS"),
         Mem(sym="ext", reloc="ABS"), Mem(sym="ext", disp=4, reloc="ABS")]


def candidates(kind: str) -> List[object]:
    """Sample operands for one operand kind of the table."""
    if kind in ("r8", "r16", "r32", "r64"):
        return list(gpr(int(kind[1:]) // 8))
    if kind.startswith("rm"):
        return gpr(int(kind[2:]) // 8) + MEMS
    if kind == "m":
        return MEMS + TLS_MEMS
    if kind == "xmm":
        return list(XMMS)
    if kind.startswith("xmm/"):
        return XMMS + MEMS
    fixed = {"al": (0, 1), "ax": (0, 2), "eax": (0, 4), "rax": (0, 8), "cl": (1, 1),
             "dx": (2, 2)}
    if kind in fixed:
        n, s = fixed[kind]
        return [RegOp(G(GPRS[n]), s)]
    if kind == "st":
        return list(STS)
    if kind == "st0":
        return [STS[0]]
    if kind == "sreg":
        return list(SEGS)
    if kind in IMMS:
        return list(IMMS[kind])
    if kind.startswith("moffs"):
        return list(MOFFS)
    raise ValueError("no candidates for kind %s" % kind)


def spread(form: Form) -> List[List[object]]:
    """Operand lists covering every candidate of every position (the other
    positions rotate through theirs)."""
    cands = [candidates(k) if k not in ("rel8", "rel32") else [k] for k in form.kinds]
    if not cands:
        return [[]]
    out = []
    for p, cp in enumerate(cands):
        for i, c in enumerate(cp):
            ops = [cj[(i * 7 + j * 3) % len(cj)] for j, cj in enumerate(cands)]
            ops[p] = c
            out.append(ops)
    return out


# ---------------------------------------------------------------- AT&T text

def fmt_reg(r: PReg, size: int) -> str:
    if r.cls == "gpr" and r.name not in ("ah", "bh", "ch", "dh", "rip"):
        return "%" + reg_name(r.name, size)
    if r.cls == "x87":
        return "%%st(%s)" % r.name[2:]
    return "%" + r.name


def fmt_mem(m: Mem) -> str:
    text = "%" + m.seg + ":" if m.seg else ""
    if m.sym:
        text += m.sym
        if m.reloc and m.reloc != "ABS":
            text += "@" + m.reloc
        if m.disp:
            text += "%+d" % m.disp
        if m.base is None and m.index is None:
            return text if m.reloc in ("ABS", "tpoff") else text + "(%rip)"
    elif m.disp or (m.base is None and m.index is None):
        text += str(m.disp)
    inner = fmt_reg(m.base, 8) if m.base is not None else ""
    if m.index is not None:
        inner += "," + fmt_reg(m.index, 8) + ",%d" % m.scale
    if inner:
        text += "(" + inner + ")"
    return text


def fmt_operand(o: object) -> str:
    if isinstance(o, RegOp):
        return fmt_reg(o.reg, o.size)  # type: ignore[arg-type]
    if isinstance(o, Imm):
        if o.sym:
            return "$" + o.sym + ("%+d" % o.value if o.value else "")
        return "$%d" % o.value
    if isinstance(o, Mem):
        return fmt_mem(o)
    if isinstance(o, (LabelOp, SymOp)):
        return o.name
    raise ValueError(o)


def fmt_insn(op: str, ops: Sequence[object]) -> str:
    text = ", ".join(fmt_operand(o) for o in ops)
    if op in ("jmp", "call", "jmpq", "callq") and ops and isinstance(ops[0], (RegOp, Mem)):
        text = "*" + text
    return op + (" " + text if text else "")


# ---------------------------------------------------------------- ELF reading

class Obj:
    """The .text bytes, symbol values and .rela.text of a GNU as object."""

    def __init__(self, data: bytes) -> None:
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
        secs = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]
        shstr = secs[shstrndx]

        def name_at(strtab: Tuple, off: int) -> str:
            start = strtab[4] + off
            return data[start:data.index(b"\0", start)].decode()

        self.text = b""
        self.symbols: Dict[str, int] = {}
        self.sym_section: Dict[str, str] = {}      # defined symbol -> its section
        self.local: Set[str] = set()
        names = [name_at(shstr, sec[0]) for sec in secs]
        self.relocs: List[Tuple[int, str, str, int]] = []
        symnames: List[str] = []
        rela = None
        for s in secs:
            name = name_at(shstr, s[0])
            if name == ".text":
                self.text = data[s[4]:s[4] + s[5]]
            elif s[1] == 2:             # SHT_SYMTAB
                strtab = secs[s[6]]
                for i in range(s[5] // 24):
                    st_name, info, other, shndx, value, size = struct.unpack_from(
                        "<IBBHQQ", data, s[4] + 24 * i)
                    n = name_at(strtab, st_name)
                    symnames.append(n)
                    if shndx not in (0, 0xFFF1) and shndx < len(names):
                        if n:
                            self.symbols[n] = value
                            self.sym_section[n] = names[shndx]
                            if info >> 4 == 0:       # STB_LOCAL
                                self.local.add(n)
                        elif info & 0xF == 3:     # STT_SECTION: named by its section
                            n = names[shndx]
                            symnames[-1] = n
            elif name == ".rela.text":
                rela = s
        if rela is not None:
            for i in range(rela[5] // 24):
                off, info, addend = struct.unpack_from("<QQq", data, rela[4] + 24 * i)
                self.relocs.append((off, RELOC_NAMES.get(info & 0xFFFFFFFF, str(info & 0xFFFFFFFF)),
                                    symnames[info >> 32], addend))


RELOC_NAMES = {1: "64", 2: "PC32", 3: "GOT32", 4: "PLT32", 9: "GOTPCREL", 10: "32", 11: "32S",
               12: "16", 13: "PC16", 14: "8", 15: "PC8", 19: "TLSGD", 20: "TLSLD",
               21: "DTPOFF32", 22: "GOTTPOFF", 23: "TPOFF32", 24: "PC64", 25: "GOTOFF64",
               26: "GOTPC32", 34: "GOTPC32_TLSDESC", 35: "TLSDESC_CALL", 17: "DTPOFF64",
               18: "TPOFF64", 41: "GOTPCRELX",
               42: "REX_GOTPCRELX", 27: "GOT64", 28: "GOTPCREL64"}


def first_error_lines(stderr: str, path: str) -> Dict[int, str]:
    """GNU as error messages by line number."""
    out: Dict[int, str] = {}
    for line in stderr.splitlines():
        if line.startswith(path + ":") and "Error" in line:
            parts = line.split(":", 3)
            try:
                out.setdefault(int(parts[1]), parts[3].strip() if len(parts) > 3 else line)
            except ValueError:
                continue
    return out


def opt_short(kinds: Sequence[str]) -> Optional[bool]:
    if "rel8" in kinds:
        return True
    if "rel32" in kinds:
        return False
    return None
