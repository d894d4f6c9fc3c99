"""Encode one x86-64 instruction (AT&T mnemonic + lcc.mir operands) into
bytes and relocation fixups, choosing the forms GNU as chooses.

    encode(op, operands, short=False, prefixes=()) -> Encoded(data, fixups)

The forms are data (table.py, table_fp.py); match.py picks the form for
the operands; this module lays out prefixes, REX, opcode, ModRM/SIB,
displacement and immediates.  See docs/asm-link.md ("Operands") for the
operand conventions and the Fixup fields.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from lcc.asm.x86_64 import table
from lcc.asm.x86_64.table import Form
from lcc.asm.x86_64.match import GPR_NUM, SEG_PREFIX, EncodeError, match_form, reg_info
from lcc.mir import Imm, LabelOp, Mem, PReg, RegOp, SymOp

__all__ = ["encode", "known", "Encoded", "Fixup", "EncodeError"]


class Fixup:
    """A relocation to apply at data[offset:offset+size]; kind is the
    R_X86_64_ name without the prefix; addend is final (GNU convention)."""
    __slots__ = ("offset", "size", "kind", "sym", "addend")

    def __init__(self, offset: int, size: int, kind: str, sym: str, addend: int) -> None:
        self.offset = offset
        self.size = size
        self.kind = kind
        self.sym = sym
        self.addend = addend

    def __repr__(self) -> str:
        return "Fixup(%d, %d, %s, %s, %d)" % (self.offset, self.size, self.kind, self.sym,
                                               self.addend)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Fixup) and (self.offset, self.size, self.kind, self.sym,
                                             self.addend) == (other.offset, other.size,
                                                              other.kind, other.sym,
                                                              other.addend)


class Encoded:
    __slots__ = ("data", "fixups")

    def __init__(self, data: bytes, fixups: List[Fixup]) -> None:
        self.data = data
        self.fixups = fixups

    def __repr__(self) -> str:
        return "Encoded(%s, %r)" % (self.data.hex(" "), self.fixups)


# ---------------------------------------------------------------- relocations

def split_sym(sym: str) -> Tuple[str, Optional[str]]:
    """"foo@PLT" -> ("foo", "PLT"); names without @ have no modifier."""
    at = sym.find("@")
    if at < 0:
        return sym, None
    return sym[:at], sym[at + 1:].upper()


# sym@reloc in a 32-bit field (displacement or immediate), not rip-relative.
_ABS32 = {None: "32S", "TPOFF": "TPOFF32", "DTPOFF": "DTPOFF32", "ABS": "32S",
          "PLT": "PLT32", "GOTPCREL": "GOTPCREL", "GOT": "GOT32"}
# sym@reloc as a rip-relative displacement.
_RIP = {None: "PC32", "PLT": "PLT32", "GOTPCREL": "GOTPCREL", "GOTTPOFF": "GOTTPOFF",
        "TLSGD": "TLSGD", "TLSLD": "TLSLD", "GOTPC": "GOTPC32", "TLSDESC": "GOTPC32_TLSDESC",
        "DTPOFF": "DTPOFF32", "TPOFF": "TPOFF32"}
# Immediate fields by size.
_IMM64 = {None: "64", "TPOFF": "TPOFF64", "DTPOFF": "DTPOFF64", "GOTOFF": "GOTOFF64",
          "GOT": "GOT64", "PLTOFF": "PLTOFF64", "GOTPCREL": "GOTPCREL64"}


def _imm_reloc(mod: Optional[str], size: int, signed: bool) -> str:
    if size == 8:
        kind = _IMM64.get(mod)
    elif size == 4:
        if mod is None:
            kind = "32S" if signed else "32"
        else:       # TLS offsets are signed: GNU refuses them in unsigned fields
            kind = _ABS32.get(mod) if signed else None
    elif mod is None:
        kind = {1: "8", 2: "16"}.get(size)
    else:
        kind = None
    if kind is None:
        raise EncodeError("relocation @%s not possible in a %d-byte field" % (mod, size))
    return kind


_PREFIX_BYTES = {"lock": 0xF0, "rep": 0xF3, "repe": 0xF3, "repz": 0xF3, "repne": 0xF2,
                 "repnz": 0xF2, "data16": 0x66, "addr32": 0x67, "notrack": 0x3E,
                 "xacquire": 0xF2, "xrelease": 0xF3, "bnd": 0xF2, "cs": 0x2E, "ds": 0x3E,
                 "es": 0x26, "fs": 0x64, "gs": 0x65, "ss": 0x36, "rex64": 0x48, "rex": 0x40,
                 "rex.w": 0x48}


# ---------------------------------------------------------------- encoding

Reloc = Optional[Tuple[str, str, bool]]


def _preg(r: object) -> Optional[PReg]:
    if r is None or isinstance(r, PReg):
        return r
    raise EncodeError("virtual register %r in a memory operand" % (r,))


def _mem_fields(m: Mem, form: Form, reg_field: int) -> Tuple[int, bytes, int, int, Reloc]:
    """ModRM/SIB bytes for a memory operand.

    Returns (rex_bits X|B, modrm+sib bytes, disp value, disp size, reloc)
    where reloc is None or (kind, sym, rip_relative)."""
    base = _preg(m.base)
    index = _preg(m.index)
    disp = m.disp
    if m.slot is not None:
        if m.slot.offset is None:
            raise EncodeError("stack slot %r has no offset" % (m.slot,))
        disp += m.slot.offset
        if base is None:
            base = _RBP
    sym = m.sym
    mod_name = m.reloc.upper() if m.reloc else None
    if sym is not None and "@" in sym:
        sym, mod_name = split_sym(sym)
    rip = base is not None and base.name == "rip"
    if sym is not None and base is None and index is None and mod_name not in (
            "ABS", "TPOFF", "DTPOFF", "GOTOFF"):
        rip = True
    reg3 = (reg_field & 7) << 3
    rex = (reg_field >> 3) << 2         # REX.R
    reloc: Reloc = None
    if rip:
        if index is not None:
            raise EncodeError("%rip cannot take an index register")
        if sym is not None:
            kind = _RIP.get(mod_name)
            if kind is None:
                raise EncodeError("relocation @%s not possible rip-relative" % mod_name)
            reloc = (kind, sym, True)
        return rex, bytes((reg3 | 5,)), disp, 4, reloc
    if sym is not None:
        kind = _ABS32.get(mod_name)
        if kind is None:
            raise EncodeError("relocation @%s not possible here" % mod_name)
        reloc = (kind, sym, False)
    if index is not None:
        inum = GPR_NUM.get(index.name, -1)
        if inum < 0 or inum == 4:
            raise EncodeError("bad index register %%%s" % index.name)
        ss = _SCALE.get(m.scale)
        if ss is None:
            raise EncodeError("bad scale %d" % m.scale)
        rex |= (inum >> 3) << 1
        idx3 = (inum & 7) << 3
    else:
        ss = 0
        idx3 = 4 << 3
    if base is None:
        # No base: SIB with base=101 and mod 00 means disp32 alone.
        if not -(1 << 31) <= disp < (1 << 32):
            raise EncodeError("displacement out of range")
        return rex, bytes((reg3 | 4, ss | idx3 | 5)), disp, 4, reloc
    bnum = GPR_NUM.get(base.name, -1)
    if bnum < 0:
        raise EncodeError("bad base register %%%s" % base.name)
    rex |= bnum >> 3
    b3 = bnum & 7
    if reloc is not None:
        mod, dsize = 0x80, 4
    elif disp == 0 and b3 != 5:
        mod, dsize = 0, 0
    elif -128 <= disp <= 127:
        mod, dsize = 0x40, 1
    elif -(1 << 31) <= disp < (1 << 32):
        mod, dsize = 0x80, 4
    else:
        raise EncodeError("displacement out of range")
    if index is None and b3 != 4:
        return rex, bytes((mod | reg3 | b3,)), disp, dsize, reloc
    return rex, bytes((mod | reg3 | 4, ss | idx3 | b3)), disp, dsize, reloc


_SCALE = {1: 0, 2: 0x40, 4: 0x80, 8: 0xC0}
_RBP = PReg("rbp", "gpr")
# GOTPCREL loads the linker may relax: mov, test, binop loads, call/jmp.
_INDEX = table.INDEX


def encode(op: str, operands: Sequence[object] = (), short: bool = False,
           prefixes: Sequence[str] = ()) -> Encoded:
    """Encode one instruction; raises EncodeError if no form fits."""
    forms = _INDEX.get(op)
    if forms is None:
        return _encode_special(op, operands, short, prefixes)
    for o in operands:
        if type(o) is SymOp and o.name[:3] == "%st":
            operands = [_x87_reg(x) for x in operands]
            break
    if op[:4] == "xchg" and len(operands) == 2:
        special = _xchg_acc(op, operands)
        if special is not None:
            return special
    key, pure = _shape_key(op, operands, short)
    if pure and not prefixes:
        data = _BYTES.get(key)
        if data is not None:
            return Encoded(data, [])
    form = _CACHE.get(key)
    if form is None:
        try:
            form = match_form(forms, operands, short, op)
        except EncodeError:
            # imul $imm, %reg is GNU shorthand for imul $imm, %reg, %reg.
            if op.startswith("imul") and len(operands) == 2 and isinstance(operands[0], Imm):
                return encode(op, [operands[0], operands[1], operands[1]], short, prefixes)
            raise
        if len(_CACHE) > 50000:      # bounded: immediates are part of the key
            _CACHE.clear()
            _BYTES.clear()
        _CACHE[key] = form
    enc = _emit(form, operands, prefixes)
    if pure and not prefixes:
        _BYTES[key] = enc.data
    return enc


# Which form an operand shape picks: (op, short, per operand a shape) -> Form.
# Registers by name and size; memory by whether it is absolute (moffs);
# immediates by value (the short forms depend on it).
_CACHE: Dict[Tuple[object, ...], Form] = {}
# The whole encoding of instructions whose key says everything (registers
# and plain immediates only): most of a compiler's reg-reg and reg-imm code.
_BYTES: Dict[Tuple[object, ...], bytes] = {}


def _shape_key(op: str, ops: Sequence[object], short: bool) -> Tuple[Tuple[object, ...], bool]:
    """The cache key of an operand list, and whether it determines the
    bytes (no memory, symbols or labels)."""
    key: List[object] = [op, short]
    pure = True
    for o in ops:
        if isinstance(o, RegOp):
            r = o.reg
            key.append(r.name if isinstance(r, PReg) else r)
            key.append(o.size)
        elif isinstance(o, Mem):
            key.append("m" if o.base is not None or o.index is not None else "a")
            pure = False
        elif isinstance(o, Imm):
            if o.sym is None:
                key.append("$")
            else:
                # The relocation modifier picks the form too: $x@GOTOFF
                # needs movabs's 8-byte field where $x takes 4 bytes.
                at = o.sym.find("@")
                key.append("$s" if at < 0 else "$s" + o.sym[at:])
                pure = False
            key.append(o.value)
        elif isinstance(o, (LabelOp, SymOp)):     # x@PLT never takes rel8
            key.append(("L" if isinstance(o, LabelOp) else "S", "@" in o.name))
            pure = False
        else:
            key.append(type(o).__name__)
            pure = False
    return tuple(key), pure


def known(op: str) -> bool:
    """Whether encode() knows the mnemonic (with the back end's spellings:
    "jmp*", "rep_movsb", "data16 leaq", a prefix alone)."""
    if op in _INDEX:
        return True
    if op.endswith("*"):
        return known(op[:-1])
    for sep in (" ", "_"):
        if sep in op:
            parts = op.split(sep)
            return all(p in _PREFIX_BYTES for p in parts[:-1]) and known(parts[-1])
    return op in _PREFIX_BYTES


def _xchg_acc(op: str, ops: Sequence[object]) -> Optional[Encoded]:
    """xchg of the accumulator with itself: GNU as writes 87 c0 for %eax
    (90 would not zero the upper half) and a plain nop (90) for %rax."""
    a, b = ops
    if isinstance(a, RegOp) and isinstance(b, RegOp) and a.size == b.size and \
            isinstance(a.reg, PReg) and isinstance(b.reg, PReg) and \
            a.reg.name == "rax" and b.reg.name == "rax":
        if a.size == 4:
            return Encoded(b"\x87\xc0", [])
        if a.size == 8:
            return Encoded(b"\x90", [])
    return None


def _encode_special(op: str, operands: Sequence[object], short: bool,
                    prefixes: Sequence[str]) -> Encoded:
    # "rep movsb", "rep_movsb", "lock; addl ...": prefixes written into op.
    for sep in (" ", "_"):
        if sep in op:
            parts = op.split(sep)
            return encode(parts[-1], operands, short, list(prefixes) + parts[:-1])
    if op.endswith("*"):                 # jmp* / call*: the back end's indirect
        return encode(op[:-1], operands, short, prefixes)
    if op in _PREFIX_BYTES and not operands:   # a prefix on its own line
        return Encoded(bytes([_PREFIX_BYTES[op]] + [_PREFIX_BYTES[p] for p in prefixes]), [])
    raise EncodeError("unknown instruction %s" % op)


def _emit(form: Form, ops: Sequence[object], prefixes: Sequence[str]) -> Encoded:
    rex = 0x48 if form.rexw else 0
    need_rex = no_rex = False
    seg = None
    user = user_seg = b""
    if prefixes:
        user_seg, user, rex_bits = _user_prefixes(prefixes)
        rex |= rex_bits
        if form.pfx_head and 0x66 in user:
            raise EncodeError("same type of prefix used twice")
    modrm = b""
    disp = 0
    dsize = 0
    reloc: Reloc = None
    reg_field = form.modrm if 0 <= form.modrm < 8 else 0
    tlscall = None
    if form.reg_pos >= 0:
        o = ops[form.reg_pos]
        info = reg_info(o.reg.name, o.size)  # type: ignore[attr-defined]
        reg_field = info.num
        need_rex = info.need_rex
        no_rex = info.no_rex
    if form.modrm >= 0:
        o = ops[form.rm_pos]
        if isinstance(o, Mem):
            if o.sym is not None and _is_tlscall(o):
                # call *x@TLSCALL(%rax): a plain call *(%rax) marked by a
                # zero-size R_X86_64_TLSDESC_CALL at the instruction start
                tlscall = split_sym(o.sym)[0]
                o = Mem(base=o.base, index=o.index, scale=o.scale, disp=o.disp, seg=o.seg)
            bits, modrm, disp, dsize, reloc = _mem_fields(o, form, reg_field)
            if bits:
                rex |= 0x40 | bits
            if o.seg and o.seg != _default_seg(o):
                seg = SEG_PREFIX[o.seg]
        else:
            info = reg_info(o.reg.name, o.size)  # type: ignore[attr-defined]
            need_rex |= info.need_rex
            no_rex |= info.no_rex
            num = info.num
            if num >= 8 or reg_field >= 8:
                rex |= 0x40 | (num >> 3) | ((reg_field >> 3) << 2)
            modrm = _MODRM_RR[((reg_field & 7) << 3) | (num & 7)]
    opcode = form.opcode
    if form.opreg_pos >= 0:
        o = ops[form.opreg_pos]
        info = reg_info(o.reg.name, o.size)  # type: ignore[attr-defined]
        need_rex |= info.need_rex
        no_rex |= info.no_rex
        if info.num >= 8:
            rex |= 0x41
        opcode = opcode[:-1] + bytes(((opcode[-1] + (info.num & 7)) & 0xFF,))
    if need_rex:
        rex |= 0x40
    if no_rex and rex:
        raise EncodeError("%ah/%bh/%ch/%dh cannot be used with a REX prefix")
    out = bytearray(b"\x9b") if form.fwait else bytearray()
    if seg is not None:
        out.append(seg)
    if user_seg:
        out += user_seg
    out += form.pfx_head
    if user:
        out += user
    out += form.pfx_tail
    if rex:
        out.append(rex)
    out += opcode
    out += modrm
    fixups: List[Fixup] = []
    if tlscall is not None:
        fixups.append(Fixup(0, 0, "TLSDESC_CALL", tlscall, 0))
    rip_fix: Optional[Fixup] = None
    if dsize:
        if reloc is not None:
            kind, sym, is_rip = reloc
            if kind == "GOTPCREL" and is_rip and form.gotx:
                kind = "REX_GOTPCRELX" if rex else "GOTPCRELX"
            elif kind in _TLS_KINDS and form.xmm:
                raise EncodeError("TLS relocation cannot be used with %s" % form.mnem)
            if form.udisp and not is_rip:
                if kind != "32S":
                    raise EncodeError("signed relocation in the 32-bit address of %s" %
                                      form.mnem)
                kind = "32"
            fx = Fixup(len(out), 4, kind, sym, disp)
            fixups.append(fx)
            if is_rip:
                rip_fix = fx
            out += b"\0\0\0\0"
        elif dsize == 1:
            out.append(disp & 0xFF)
        else:
            out += (disp & 0xFFFFFFFF).to_bytes(4, "little")
    for i, size, signed, moffs in form.imm_specs:
        o = ops[i]
        if moffs:                       # movabs moffs: a 64-bit address
            _put_imm(out, fixups, o.disp, o.sym, 8, False)  # type: ignore[attr-defined]
        else:
            _put_imm(out, fixups, o.value, o.sym, size, signed)  # type: ignore[attr-defined]
    if form.extra_imm >= 0:
        out.append(form.extra_imm)
    if form.rel_pos >= 0:
        o = ops[form.rel_pos]
        size = 1 if form.kinds[form.rel_pos] == "rel8" else 4
        name = o.name  # type: ignore[attr-defined]
        name, mod = split_sym(name)
        if size == 1:
            kind = "PC8"
        elif isinstance(o, SymOp) or mod == "PLT":
            kind = "PLT32"          # call/jmp sym, sym@PLT: as GNU as 2.40
        else:
            kind = "PC32"
        fixups.append(Fixup(len(out), size, kind, name, -size))
        out += bytes(size)
    if rip_fix is not None:
        # PC-relative from the end of the instruction (immediates follow).
        rip_fix.addend -= len(out) - rip_fix.offset
    return Encoded(bytes(out), fixups)


def _default_seg(m: Mem) -> str:
    """The segment an address uses anyway (GNU as drops an override naming
    it): %ss with a %rbp or %rsp base, %ds otherwise."""
    base = m.base
    if base is None and m.slot is not None:
        return "ss"                      # frame slots are %rbp-based
    if isinstance(base, PReg) and base.name in ("rbp", "rsp"):
        return "ss"
    return "ds"


def _x87_reg(o: object) -> object:
    """The selector's x87 operands are SymOp("%st(1)") (its templates keep
    them as text): the register they name."""
    if isinstance(o, SymOp) and o.name[:3] == "%st":
        n = o.name[3:].strip("()") or "0"
        return RegOp(PReg("st" + n, "x87"), 10)
    return o


def _is_tlscall(m: Mem) -> bool:
    mod = m.reloc or split_sym(m.sym or "")[1]
    return mod is not None and mod.upper() == "TLSCALL"


_MODRM_RR = [bytes((0xC0 | i,)) for i in range(64)]


def _user_prefixes(prefixes: Sequence[str]) -> Tuple[bytes, bytes, int]:
    """Explicit prefixes (lock, rep, data16, rex64, ...): segment ones, the
    others (as written), and REX bits."""
    seg = bytearray()
    other = bytearray()
    rex = 0
    if len(set(prefixes)) != len(prefixes):     # GNU as refuses these too
        raise EncodeError("same type of prefix used twice")
    for p in prefixes:
        b = _PREFIX_BYTES.get(p)
        if b is None:
            raise EncodeError("unknown prefix %s" % p)
        if b == 0x48 or b == 0x40:
            rex |= b
        elif p in SEG_PREFIX:
            seg.append(b)
        else:
            other.append(b)
    return bytes(seg), bytes(other), rex


_TLS_KINDS = {"GOTTPOFF", "TLSLD"}       # (GNU as 2.40 takes TLSGD there)


def _put_imm(out: bytearray, fixups: List[Fixup], value: int, sym: Optional[str], size: int,
             signed: bool) -> None:
    if sym:
        name, mod = split_sym(sym)
        fixups.append(Fixup(len(out), size, _imm_reloc(mod, size, signed), name, value))
        out += bytes(size)
        return
    out += (value & ((1 << (8 * size)) - 1)).to_bytes(size, "little")
