"""x86-64 instruction forms as data: one table for the encoder, the -S
printer's check and the assembler's parser.

Each row of the text tables below is one or more instruction forms:

    mnemonic  sizes  operands           encoding              flags

mnemonic  the AT&T stem.  With sizes "-" it is the whole mnemonic.
sizes     "-" or a subset of "bwlq": the row stands for one form per size,
          named stem+suffix (addb, addw, addl, addq).  Size-generic kinds
          (below) get that size; the encoding gets the 66 operand-size
          prefix for w and REX.W for q (unless flag d64); an opcode byte
          written "88+w" is 88 for b and 89 for the others.  The forms
          also answer to the bare stem ("add") when a register operand
          gives the size; with none, GNU as warns and takes the l form,
          and so do we.
operands  comma separated kinds in AT&T order (sources first), "-" for none:
            r8 r16 r32 r64     a general register of that width
            rm8 .. rm64        that register or a memory operand
            m                  memory only (any size: lea, fldt, ...)
            al ax eax rax cl dx  that exact register (accumulator forms,
                               shift counts, in/out port)
            imm8 imm16 imm32 imm64  an immediate field of that size
            imm8s              an 8-bit field sign-extended to the operand
                               size; GNU picks these first when the value
                               fits, reading an unsigned 16/32-bit value of
                               a w/l operation as signed ($0xffffffff is -1
                               for addl)
            imm32s             a 32-bit field sign-extended to 64 bits
            one                the constant 1 (the short shift forms)
            xmm                an xmm register; xmm/m16 .. xmm/m128 that or
                               memory (the size is documentation)
            st                 an x87 register %st(i); st0 exactly %st
            sreg               a segment register
            rel8 rel32         a branch target (label or symbol)
            moffsS             an absolute address (movabs only)
          Size-generic kinds in sized rows: rS rmS accS immS (immS is
          imm8/imm16/imm32/imm32s for b/w/l/q), iS (imm8/16/32/64), moffsS.
encoding  Intel-manual style: optional mandatory prefix (66, F2, F3),
          "W" for REX.W, opcode bytes in hex (a leading 9B is fwait and
          goes before every prefix: fstcw = fwait; fnstcw), then /0../7 (ModRM reg field
          is that digit, the rm/m operand goes in r/m), /r (ModRM: the
          register operand in reg, the rm/m operand in r/m) or +r / +i
          (the register / %st(i) number is added to the last opcode byte).
          Immediates follow in operand order, sized by their kinds.
flags     "-" or comma separated:
            d64      default 64-bit operand size: q needs no REX.W
                     (push, pop, pushf, popf)
            gotx     a sym@GOTPCREL(%rip) source may be relaxed by the
                     linker: R_X86_64_(REX_)GOTPCRELX (GNU as 2.40 rules)
            alias=a/b  also answers to these mnemonics
            noalias  the bare stem does not answer (it means something else)
            udisp    a symbol displacement is zero-extended (R_X86_64_32:
                     leal/leaw compute a 32/16-bit address)
            dflt     the bare mnemonic picks this form without a register
                     giving the size (push $1, pushq (%rax) as push)
            imm=N    a pseudo-op whose last byte is the immediate N
                     (cmpltsd = cmpsd $1)
Form order within a mnemonic is preference order: the first form whose
operand kinds match is used (so imm8s forms come before imm32 ones and
the accumulator forms before the general ones, as GNU as chooses).
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

ALU = [("add", 0), ("or", 1), ("adc", 2), ("sbb", 3), ("and", 4), ("sub", 5), ("xor", 6),
       ("cmp", 7)]
SHIFTS = [("rol", 0), ("ror", 1), ("rcl", 2), ("rcr", 3), ("shl", 4), ("sal", 4), ("shr", 5),
          ("sar", 7)]
# Condition codes: every spelling GNU as accepts, with its 4-bit number.
CCS = [("o", 0), ("no", 1), ("b", 2), ("c", 2), ("nae", 2), ("ae", 3), ("nb", 3), ("nc", 3),
       ("e", 4), ("z", 4), ("ne", 5), ("nz", 5), ("be", 6), ("na", 6), ("a", 7), ("nbe", 7),
       ("s", 8), ("ns", 9), ("p", 10), ("pe", 10), ("np", 11), ("po", 11), ("l", 12),
       ("nge", 12), ("ge", 13), ("nl", 13), ("le", 14), ("ng", 14), ("g", 15), ("nle", 15)]


def _gen_integer() -> str:
    rows: List[str] = []
    add = rows.append
    for name, n in ALU:
        base = n * 8
        gotx = "gotx" if name in ("add", "adc", "and", "cmp", "or", "sbb", "sub", "xor") else "-"
        add("%s wlq imm8s,rmS 83 /%d -" % (name, n))
        add("%s bwlq immS,accS %02X+w -" % (name, base + 4))
        add("%s bwlq immS,rmS 80+w /%d -" % (name, n))
        add("%s bwlq rS,rmS %02X+w /r -" % (name, base))
        add("%s bwlq rmS,rS %02X+w /r %s" % (name, base + 2, gotx))
    for name, n in SHIFTS:
        add("%s bwlq one,rmS D0+w /%d -" % (name, n))
        add("%s bwlq imm8,rmS C0+w /%d -" % (name, n))
        add("%s bwlq cl,rmS D2+w /%d -" % (name, n))
        add("%s bwlq rmS D0+w /%d -" % (name, n))
    for name, n in (("not", 2), ("neg", 3), ("mul", 4), ("div", 6), ("idiv", 7)):
        add("%s bwlq rmS F6+w /%d -" % (name, n))
    add("imul bwlq rmS F6+w /5 -")
    add("imul wlq rmS,rS 0F AF /r -")
    add("imul wlq imm8s,rmS,rS 6B /r -")
    add("imul wlq immS,rmS,rS 69 /r -")
    add("inc bwlq rmS FE+w /0 -")
    add("dec bwlq rmS FE+w /1 -")
    for cc, n in CCS:
        add("j%s - rel8 %02X -" % (cc, 0x70 + n))
        add("j%s - rel32 0F %02X -" % (cc, 0x80 + n))
        add("set%s - rm8 0F %02X /0 -" % (cc, 0x90 + n))
        add("cmov%s wlq rmS,rS 0F %02X /r -" % (cc, 0x40 + n))
    return "\n".join(rows)


_INTEGER = """
# ---- moves
mov      bwlq  rS,rmS           88+w /r          -
mov      bwlq  rmS,rS           8A+w /r          gotx
mov      b     imm8,r8          B0 +r            -
mov      wl    immS,rS          B8 +r            -
mov      bwlq  immS,rmS         C6+w /0          -
mov      q     imm64,r64        B8 +r            noalias
movw     -     sreg,r16         66 8C /r         alias=mov
movl     -     sreg,r32         8C /r            alias=mov
movq     -     sreg,r64         8C /r            alias=mov
movw     -     sreg,m           8C /r            alias=mov
movw     -     r16,sreg         8E /r            alias=mov
movl     -     r32,sreg         8E /r            alias=mov
movq     -     r64,sreg         8E /r            alias=mov
movw     -     m,sreg           8E /r            alias=mov
movabs   q     imm64,r64        B8 +r            -
movabs   bwlq  moffsS,accS      A0+w             -
movabs   bwlq  accS,moffsS      A2+w             -
movzbw   -     rm8,r16          66 0F B6 /r      alias=movzx/movzb
movzbl   -     rm8,r32          0F B6 /r         alias=movzx/movzb
movzbq   -     rm8,r64          W 0F B6 /r       alias=movzx/movzb
movzwl   -     rm16,r32         0F B7 /r         alias=movzx/movzw
movzwq   -     rm16,r64         W 0F B7 /r       alias=movzx/movzw
movsbw   -     rm8,r16          66 0F BE /r      alias=movsx
movsbl   -     rm8,r32          0F BE /r         alias=movsx
movsbq   -     rm8,r64          W 0F BE /r       alias=movsx
movswl   -     rm16,r32         0F BF /r         alias=movsx
movswq   -     rm16,r64         W 0F BF /r       alias=movsx
movslq   -     rm32,r64         W 63 /r          alias=movsxd/movsx
cbtw     -     -                66 98            alias=cbw
cwtl     -     -                98               alias=cwde
cltq     -     -                W 98             alias=cdqe
cwtd     -     -                66 99            alias=cwd
cltd     -     -                99               alias=cdq
cqto     -     -                W 99             alias=cqo
lea      wl    m,rS             8D /r            udisp
lea      q     m,rS             8D /r            -
xchg     wlq   accS,rS          90 +r            -
xchg     wlq   rS,accS          90 +r            -
xchg     bwlq  rS,rmS           86+w /r          -
xchg     bwlq  rmS,rS           86+w /r          -
test     bwlq  immS,accS        A8+w             -
test     bwlq  immS,rmS         F6+w /0          -
test     bwlq  rS,rmS           84+w /r          gotx
test     bwlq  rmS,rS           84+w /r          gotx
cmpxchg  bwlq  rS,rmS           0F B0+w /r       -
cmpxchg8b -    m                0F C7 /1         -
cmpxchg16b -   m                W 0F C7 /1       -
xadd     bwlq  rS,rmS           0F C0+w /r       -
bswap    lq    rS               0F C8 +r         -
bt       wlq   rS,rmS           0F A3 /r         -
bt       wlq   imm8,rmS         0F BA /4         -
bts      wlq   rS,rmS           0F AB /r         -
bts      wlq   imm8,rmS         0F BA /5         -
btr      wlq   rS,rmS           0F B3 /r         -
btr      wlq   imm8,rmS         0F BA /6         -
btc      wlq   rS,rmS           0F BB /r         -
btc      wlq   imm8,rmS         0F BA /7         -
bsf      wlq   rmS,rS           0F BC /r         -
bsr      wlq   rmS,rS           0F BD /r         -
tzcnt    wlq   rmS,rS           F3 0F BC /r      -
lzcnt    wlq   rmS,rS           F3 0F BD /r      -
popcnt   wlq   rmS,rS           F3 0F B8 /r      -
crc32    b     rm8,r32          F2 0F 38 F0 /r   noalias
crc32    b     rm8,r64          F2 W 0F 38 F0 /r noalias
crc32    wl    rmS,r32          F2 0F 38 F1 /r   -
crc32    q     rm64,r64         F2 0F 38 F1 /r   -
movbe    wlq   m,rS             0F 38 F0 /r      -
movbe    wlq   rS,m             0F 38 F1 /r      -
rdrand   -     r16              66 0F C7 /6      -
rdrand   -     r32              0F C7 /6         -
rdrand   -     r64              W 0F C7 /6       -
rdseed   -     r16              66 0F C7 /7      -
rdseed   -     r32              0F C7 /7         -
rdseed   -     r64              W 0F C7 /7       -
shld     wlq   imm8,rS,rmS      0F A4 /r         -
shld     wlq   cl,rS,rmS        0F A5 /r         -
shld     wlq   rS,rmS           0F A5 /r         -
shrd     wlq   imm8,rS,rmS      0F AC /r         -
shrd     wlq   cl,rS,rmS        0F AD /r         -
shrd     wlq   rS,rmS           0F AD /r         -
# ---- stack, control flow
push     q     r64              50 +r            d64
push     q     imm8s            6A               d64,dflt
push     q     imm32s           68               d64,dflt
push     q     rm64             FF /6            d64,dflt
push     w     r16              50 +r            -
push     w     rm16             FF /6            -
pop      q     r64              58 +r            d64
pop      q     rm64             8F /0            d64,dflt
pop      w     r16              58 +r            -
pop      w     rm16             8F /0            -
jmp      -     rel8             EB               -
jmp      -     rel32            E9               -
jmp      -     rm64             FF /4            gotx
jmpq     -     rm64             FF /4            gotx
call     -     rel32            E8               -
call     -     rm64             FF /2            gotx
callq    -     rm64             FF /2            gotx
callq    -     rel32            E8               -
jrcxz    -     rel8             E3               -
jecxz    -     rel8             67 E3            -
loop     -     rel8             E2               -
loope    -     rel8             E1               alias=loopz
loopne   -     rel8             E0               alias=loopnz
ret      -     -                C3               alias=retq
ret      -     imm16            C2               alias=retq
leave    -     -                C9               alias=leaveq
enter    -     imm16,imm8       C8               alias=enterq
pushf    q     -                9C               d64,dflt
pushf    w     -                9C               -
popf     q     -                9D               d64,dflt
popf     w     -                9D               -
# ---- string instructions (rep prefixes are separate)
movs     bwlq  -                A4+w             noalias
stos     bwlq  -                AA+w             noalias
lods     bwlq  -                AC+w             noalias
cmps     bwlq  -                A6+w             noalias
scas     bwlq  -                AE+w             noalias
# ---- miscellaneous
nop      -     -                90               -
nop      wlq   rmS              0F 1F /0         -
hlt      -     -                F4               -
int3     -     -                CC               -
int      -     imm8             CD               -
ud2      -     -                0F 0B            -
syscall  -     -                0F 05            -
cpuid    -     -                0F A2            -
rdtsc    -     -                0F 31            -
rdtscp   -     -                0F 01 F9         -
xgetbv   -     -                0F 01 D0         -
pause    -     -                F3 90            -
endbr64  -     -                F3 0F 1E FA      -
mfence   -     -                0F AE F0         -
lfence   -     -                0F AE E8         -
sfence   -     -                0F AE F8         -
clflush  -     m                0F AE /7         -
ldmxcsr  -     m                0F AE /2         -
stmxcsr  -     m                0F AE /3         -
prefetchnta -  m                0F 18 /0         -
prefetcht0 -   m                0F 18 /1         -
prefetcht1 -   m                0F 18 /2         -
prefetcht2 -   m                0F 18 /3         -
prefetchw -    m                0F 0D /1         -
clc      -     -                F8               -
stc      -     -                F9               -
cmc      -     -                F5               -
cld      -     -                FC               -
std      -     -                FD               -
sahf     -     -                9E               -
rdpmc    -     -                0F 33            -
in       bwl   dx,accS          EC+w             -
in       bwl   imm8,accS        E4+w             -
out      bwl   accS,dx          EE+w             -
out      bwl   accS,imm8        E6+w             -
lahf     -     -                9F               -
"""

# String instructions in their suffix-less spellings (movsl = movsd etc.).
_STRING_ALIASES = """
movsl    -     -                A5               alias=movsd
cmpsl    -     -                A7               alias=cmpsd
"""

_TABLE_TEXT = _gen_integer() + "\n" + _INTEGER


class Form:
    """One instruction form, compiled from a table row for the encoder."""
    __slots__ = ("mnem", "kinds", "size", "prefix", "rexw", "opcode", "modrm", "plusr",
                 "flags", "sizing", "reg_pos", "rm_pos", "opreg_pos", "imm_pos", "rel_pos",
                 "row", "xmm", "gotx", "udisp", "extra_imm", "fwait", "pfx_head", "pfx_tail",
                 "imm_specs")

    def __init__(self, mnem: str, kinds: Tuple[str, ...], size: int, prefix: bytes,
                 rexw: bool, opcode: bytes, modrm: int, plusr: bool, flags: Tuple[str, ...],
                 sizing: Tuple[int, ...], row: str) -> None:
        self.mnem = mnem
        self.kinds = kinds
        self.size = size            # operand size in bytes (0: not a sized form)
        self.prefix = prefix        # 66 (operand size) and/or a mandatory F2/F3/66
        self.rexw = rexw
        self.opcode = opcode
        self.modrm = modrm          # -1 none, 0..7 a /digit, 8 = /r
        self.plusr = plusr          # register number added to the last opcode byte
        self.flags = flags
        self.sizing = sizing        # operand positions whose kind came from the size
        self.row = row
        # SSE forms: GNU as refuses TLS relocations in them.
        self.xmm = any(k.startswith("xmm") for k in kinds)
        # Operand positions: which operand goes where in the encoding.
        self.reg_pos = -1
        self.rm_pos = -1
        self.opreg_pos = -1
        self.imm_pos: List[int] = []
        self.rel_pos = -1
        # Facts the encoder would otherwise recompute per instruction.
        self.gotx = "gotx" in flags and size not in (1, 2)
        self.udisp = "udisp" in flags
        self.extra_imm = -1                 # cmpltsd & co: the predicate byte
        for f in flags:
            if f.startswith("imm="):
                self.extra_imm = int(f[4:])
        self.fwait = len(opcode) > 1 and opcode[0] == 0x9B    # fstcw = fwait; fnstcw
        if self.fwait:
            self.opcode = opcode[1:]
        # An operand-size 66 goes before explicit lock/rep prefixes (GNU's
        # order), a mandatory F2/F3 after them.
        self.pfx_head = prefix[:1] if prefix[:1] == b"\x66" else b""
        self.pfx_tail = prefix[len(self.pfx_head):]
        self.imm_specs: List[Tuple[int, int, bool, bool]] = []   # pos, size, signed, moffs

    def __repr__(self) -> str:
        return "<Form %s %s>" % (self.mnem, ",".join(self.kinds))


_SUFFIX_SIZE = {"b": 1, "w": 2, "l": 4, "q": 8}
_IMMS = {1: "imm8", 2: "imm16", 4: "imm32", 8: "imm32s"}
_IFULL = {1: "imm8", 2: "imm16", 4: "imm32", 8: "imm64"}
_ACC = {1: "al", 2: "ax", 4: "eax", 8: "rax"}

_IMM_BYTES = {"imm8": 1, "imm8s": 1, "imm16": 2, "imm32": 4, "imm32s": 4, "imm64": 8}


# Kinds that name memory (possibly also a register).
def is_mem_kind(k: str) -> bool:
    return k.startswith("rm") or k == "m" or k.startswith("m") and k[1:].isdigit() or "/m" in k


def is_imm_kind(k: str) -> bool:
    return k.startswith("imm") or k == "one"


# Kinds of register operands encoded in ModRM.reg (or +r): everything that
# is a register class rather than one fixed register.
_REG_CLASS_KINDS = {"r8", "r16", "r32", "r64", "xmm", "st", "sreg"}


def _size_kind(k: str, size: int) -> str:
    bits = str(size * 8)
    if k == "rS":
        return "r" + bits
    if k == "rmS":
        return "rm" + bits
    if k == "accS":
        return _ACC[size]
    if k == "immS":
        return _IMMS[size]
    if k == "iS":
        return _IFULL[size]
    if k == "moffsS":
        return "moffs" + bits
    return k


def _compile_row(stem: str, sizes: str, ops: str, enc: List[str], flags_text: str,
                 row: str) -> List[Tuple[Form, List[str]]]:
    flags = tuple(f for f in flags_text.split(",") if f != "-")
    out: List[Tuple[Form, List[str]]] = []
    for suf in (sizes if sizes != "-" else [""]):
        size = _SUFFIX_SIZE.get(suf, 0)
        kinds_in = [] if ops == "-" else ops.split(",")
        kinds = tuple(_size_kind(k, size) if size else k for k in kinds_in)
        sizing = tuple(i for i, k in enumerate(kinds_in) if k.endswith("S") and size)
        prefix = bytearray()
        rexw = False
        if size == 2:
            prefix.append(0x66)
        if size == 8 and "d64" not in flags:
            rexw = True
        opcode = bytearray()
        modrm = -1
        plusr = False
        for t in enc:
            if t in ("66", "F2", "F3") and not opcode:
                prefix.append(int(t, 16))
            elif t == "W":
                rexw = True
            elif t.startswith("/"):
                modrm = 8 if t == "/r" else int(t[1:])
            elif t in ("+r", "+i"):
                plusr = True
            elif t.endswith("+w"):
                opcode.append(int(t[:-2], 16) + (1 if size > 1 else 0))
            else:
                opcode.append(int(t, 16))
        form = Form(stem + suf, kinds, size, bytes(prefix), rexw, bytes(opcode), modrm,
                    plusr, flags, sizing, row)
        _place_operands(form)
        names = []
        if suf and "noalias" not in flags:
            names.append(stem)
        for f in flags:
            if f.startswith("alias="):
                names.extend(f[6:].split("/"))
        out.append((form, names))
    return out


def _place_operands(f: Form) -> None:
    """Decide which operand goes in ModRM.reg, ModRM.rm, the opcode, the
    immediate fields and the branch displacement."""
    for i, k in enumerate(f.kinds):
        if is_imm_kind(k):
            if k != "one":
                f.imm_pos.append(i)
        elif k in ("rel8", "rel32"):
            f.rel_pos = i
        elif k.startswith("moffs"):
            f.imm_pos.append(i)
        elif f.plusr and k in _REG_CLASS_KINDS:
            f.opreg_pos = i
        elif f.modrm >= 0 and is_mem_kind(k) and f.rm_pos < 0:
            f.rm_pos = i
    for i in f.imm_pos:
        k = f.kinds[i]
        if k.startswith("moffs"):
            f.imm_specs.append((i, 8, False, True))
        else:
            f.imm_specs.append((i, _IMM_BYTES[k], k in ("imm8s", "imm32s"), False))
    if f.modrm == 8:
        regs = [i for i, k in enumerate(f.kinds) if k in _REG_CLASS_KINDS and i != f.rm_pos]
        if f.rm_pos < 0:       # two plain registers: the destination is reg
            f.rm_pos = regs[0]
            f.reg_pos = regs[-1]
            if f.kinds[f.rm_pos] == "sreg":   # but a segment register always is
                f.rm_pos, f.reg_pos = f.reg_pos, f.rm_pos
        else:
            f.reg_pos = regs[0]


def _parse_table(text: str) -> Tuple[List[Form], Dict[str, List[Tuple[Form, bool]]]]:
    forms: List[Form] = []
    index: Dict[str, List[Tuple[Form, bool]]] = {}
    aliases: List[Tuple[str, Form]] = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        t = line.split()
        stem, sizes, ops, enc, flags = t[0], t[1], t[2], t[3:-1], t[-1]
        for form, names in _compile_row(stem, sizes, ops, enc, flags, line):
            forms.append(form)
            index.setdefault(form.mnem, []).append((form, False))
            aliases.extend((n, form) for n in names if n != form.mnem)
    # A mnemonic's own forms come before the forms it names as an alias
    # ("movsd" with operands is SSE; without, the string instruction movsl).
    for n, form in aliases:
        index.setdefault(n, []).append((form, True))
    return forms, index


def _load() -> Tuple[List[Form], Dict[str, List[Tuple[Form, bool]]]]:
    from lcc.asm.x86_64 import table_fp
    return _parse_table(_TABLE_TEXT + "\n" + _STRING_ALIASES + "\n" + table_fp.TEXT)


FORMS, INDEX = _load()


def lookup(op: str) -> Optional[List[Tuple[Form, bool]]]:
    """The forms a mnemonic names, each with whether it answers as a
    suffix-less alias (then a register operand must give the size)."""
    return INDEX.get(op)


def mnemonics() -> List[str]:
    return sorted(INDEX)
