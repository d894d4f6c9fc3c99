"""`.cfi_*` directives -> the `.eh_frame` section (CIEs and FDEs), laid
out as GNU `as` lays it out on x86-64:

  * every FDE starts with the default initial instructions (CFA = %rsp+8,
    return address at CFA-8) unless `.cfi_startproc simple`;
  * the FDE's instructions before its first advance (or remember_state,
    escape) go into a CIE; FDEs with the same prefix share one CIE;
  * a CFI directive at a new location first emits DW_CFA_advance_loc*
    (sized from the final distance, after branch relaxation);
  * CIE "zR" with FDE pointer encoding pcrel|sdata4: pc_begin is an
    R_X86_64_PC32 against the function's section; entries padded with
    DW_CFA_nop to a multiple of 4.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional, Tuple

from lcc.asm.expr import AsmError
from lcc.asm.model import Fixup, Section
from lcc.asm.parser import REGS, Directive
from lcc.elf.consts import SHF_ALLOC, SHT_PROGBITS

if TYPE_CHECKING:
    from lcc.asm.assembler import Assembler

_DWARF_GPR = {"rax": 0, "rdx": 1, "rcx": 2, "rbx": 3, "rsi": 4, "rdi": 5, "rbp": 6, "rsp": 7,
              "rip": 16}
for _i in range(8, 16):
    _DWARF_GPR["r%d" % _i] = _i
for _i in range(16):
    _DWARF_GPR["xmm%d" % _i] = 17 + _i
for _i in range(8):
    _DWARF_GPR["st%d" % _i] = 33 + _i
    _DWARF_GPR["mm%d" % _i] = 41 + _i
_DWARF_GPR.update({"es": 50, "cs": 51, "ss": 52, "ds": 53, "fs": 54, "gs": 55})
DATA_ALIGN = -8


def uleb(v: int) -> bytes:
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def sleb(v: int) -> bytes:
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if (v == 0 and not b & 0x40) or (v == -1 and b & 0x40):
            out.append(b)
            return bytes(out)
        out.append(b | 0x80)


def dwarf_reg(text: str) -> int:
    t = text.strip()
    if t.startswith("%"):
        name = t[1:].lower().replace(" ", "")
        if name.startswith("st(") and name.endswith(")"):
            name = "st" + name[3:-1]
        r = REGS.get(name)
        if r is None:
            raise AsmError("bad register expression")
        key = r[0].name if r[0].name in _DWARF_GPR else name
        if key not in _DWARF_GPR:
            raise AsmError("bad register expression")
        return _DWARF_GPR[key]
    try:
        return int(t, 0)
    except ValueError:
        raise AsmError("bad register expression") from None


class Fde:
    __slots__ = ("section", "start", "end", "insns", "simple", "signal", "ra", "personality",
                 "lsda")

    def __init__(self, section: Section, start: tuple, simple: bool) -> None:
        self.section = section
        self.start = start
        self.end: Optional[tuple] = None
        self.insns: List[tuple] = []     # ("adv", from, to) or ("op", bytes, cie_ok)
        self.simple = simple
        self.signal = False
        self.ra = 16
        self.personality: Optional[Tuple[int, object]] = None    # (encoding, symbol)
        self.lsda: Optional[Tuple[int, object]] = None


class Cfi:
    def __init__(self, a: "Assembler") -> None:
        self.a = a
        self.fdes: List[Fde] = []
        self.cur: Optional[Fde] = None
        self.last: Optional[tuple] = None
        self.cfa_offset = 8
        self.cfa_reg = 7
        self.stack: List[Tuple[int, int]] = []

    def here(self) -> tuple:
        a = self.a
        return (a.cur.cur, len(a.cur.cur.data))

    def op(self, data: bytes, cie_ok: bool = True) -> None:
        fde = self.cur
        if fde is None:
            raise AsmError("CFI instruction used without previous .cfi_startproc")
        h = self.here()
        if self.last != h:
            fde.insns.append(("adv", self.last, h))
            self.last = h
        fde.insns.append(("op", data, cie_ok))

    # -- output ---------------------------------------------------------------

    def finish(self) -> None:
        """Build .eh_frame (after relaxation: advances need final distances)."""
        if self.cur is not None:
            raise AsmError("open CFI at the end of file; missing .cfi_endproc directive")
        if not self.fdes:
            return
        a = self.a
        sec = a.section(".eh_frame", SHT_PROGBITS, SHF_ALLOC)
        sec.align = max(sec.align, 8)
        frag = sec.cur
        cies: List[Tuple[tuple, int]] = []
        for fde in self.fdes:
            prefix: List[bytes] = []
            rest = fde.insns
            for i, ins in enumerate(fde.insns):
                if ins[0] == "adv" or not ins[2]:
                    rest = fde.insns[i:]
                    break
                prefix.append(ins[1])
            else:
                rest = []
            cie_off = None
            per = (fde.personality[0], fde.personality[1]) if fde.personality else None
            lsda_enc = fde.lsda[0] if fde.lsda else None
            for (cprefix, signal, ra, cper, clsda), off in cies:
                k = len(cprefix)
                if signal == fde.signal and ra == fde.ra and cper == per and \
                        clsda == lsda_enc and len(fde.insns) >= k and \
                        all(ins[0] == "op" and ins[2] and ins[1] == b
                            for ins, b in zip(fde.insns, cprefix)):
                    # an existing CIE whose instructions start this FDE's
                    cie_off = off
                    rest = fde.insns[k:]
                    break
            if cie_off is None:
                cie_off = len(frag.data)
                cies.append(((tuple(prefix), fde.signal, fde.ra, per, lsda_enc), cie_off))
                aug = "z" + ("P" if per else "") + ("L" if fde.lsda else "") + "R" + \
                    ("S" if fde.signal else "")
                head = (b"\0\0\0\0\x01" + aug.encode() + b"\0" + uleb(1) + sleb(DATA_ALIGN) +
                        bytes((fde.ra,)))
                augdata = bytearray()
                per_at = -1
                if per:
                    augdata.append(per[0])
                    per_at = len(augdata)
                    augdata += bytes(_ptr_size(per[0]))
                if fde.lsda:
                    augdata.append(fde.lsda[0])
                augdata.append(0x1B)
                body = head + uleb(len(augdata)) + bytes(augdata) + b"".join(prefix)
                if per:
                    # the personality pointer
                    at = cie_off + 4 + len(head) + len(uleb(len(augdata))) + per_at
                    body = self._pointer(frag, body, at - cie_off - 4, at, per[0], per[1])
                frag.data += _entry(body, cie_off, 4)
            # FDE
            start = len(frag.data)
            body = bytearray()  # type: ignore[assignment]
            body += (start + 4 - cie_off).to_bytes(4, "little")
            pc_off = len(body)
            body += bytes(4)
            s_frag, s_off = fde.start
            e_frag, e_off = fde.end  # type: ignore[misc]
            size = e_frag.addr + e_off - (s_frag.addr + s_off)
            if size < 0:
                raise AsmError("CFI region ends before it starts")
            body += size.to_bytes(4, "little")
            anchor = a.anon((fde.section, s_frag, s_off))
            # pc_begin: PC32 against the function start
            frag.fixups.append(Fixup(frag, start + 4 + pc_off, 4, "PC32", None, anchor, 0,
                                     None, 0))
            if fde.lsda:
                n = _ptr_size(fde.lsda[0])
                body += uleb(n)
                at = start + 4 + len(body)
                body += bytes(n)
                body = bytearray(self._pointer(  # type: ignore[assignment]
                    frag, bytes(body), at - start - 4, at, fde.lsda[0], fde.lsda[1]))
            else:
                body += uleb(0)
            for ins in rest:
                if ins[0] == "op":
                    body += ins[1]
                else:
                    body += _advance(ins[1], ins[2])
            # the last FDE ends the section 8-aligned, the others 4-aligned
            frag.data += _entry(bytes(body), start, 8 if fde is self.fdes[-1] else 4)


    @staticmethod
    def _pointer(frag: object, body: bytes, pos: int, at: int, enc: int, sym: object) -> bytes:
        """Fill the encoded pointer at body[pos] (section offset `at`) with
        its fixup: PC-relative sdata4/udata4 or an absolute 8 bytes."""
        n = _ptr_size(enc)
        kind = "PC32" if enc & 0x70 == 0x10 else "64" if n == 8 else "32"
        frag.fixups.append(Fixup(frag, at, n, kind, None, sym, 0, None, 0))  # type: ignore
        return body


def _ptr_size(enc: int) -> int:
    fmt = enc & 0x0F
    if fmt in (0x03, 0x0B):
        return 4
    if fmt in (0x00, 0x04, 0x0C):
        return 8
    raise AsmError("CFI pointer encoding 0x%x is not supported yet" % enc)


def _advance(frm: tuple, to: tuple) -> bytes:
    d = to[0].addr + to[1] - (frm[0].addr + frm[1])
    if d == 0:
        return b"" if frm[0] is to[0] else b"\x40"
    if d < 0x40:
        return bytes((0x40 | d,))
    if d < 0x100:
        return bytes((0x02, d))
    if d < 0x10000:
        return b"\x03" + d.to_bytes(2, "little")
    return b"\x04" + d.to_bytes(4, "little")


def _entry(body: bytes, start: int, align: int) -> bytes:
    """length + body, padded with DW_CFA_nop so that it ends aligned."""
    pad = -(start + len(body) + 4) & (align - 1)
    body = body + bytes(pad)
    return len(body).to_bytes(4, "little") + body


# -- directives -------------------------------------------------------------------

def _cfi(a: "Assembler") -> Cfi:
    if a.cfi is None:
        a.cfi = Cfi(a)
    return a.cfi  # type: ignore[return-value]


def startproc(a: "Assembler", d: Directive) -> None:
    c = _cfi(a)
    if c.cur is not None:
        raise AsmError("previous CFI entry not closed (missing .cfi_endproc)")
    simple = bool(d.args) and d.args[0] == "simple"
    here = c.here()
    fde = Fde(a.cur, here, simple)
    c.cur = fde
    c.last = here
    c.stack = []
    c.cfa_reg, c.cfa_offset = 7, 8
    if not simple:
        fde.insns.append(("op", b"\x0c\x07\x08", True))
        fde.insns.append(("op", b"\x90\x01", True))


def endproc(a: "Assembler", d: Directive) -> None:
    c = _cfi(a)
    if c.cur is None:
        raise AsmError(".cfi_endproc without corresponding .cfi_startproc")
    if a.cur is not c.cur.section:
        raise AsmError(".cfi_endproc in another section than its .cfi_startproc")
    c.cur.end = c.here()
    c.fdes.append(c.cur)
    c.cur = None


def _offset_op(reg: int, off: int) -> bytes:
    if off % DATA_ALIGN:
        raise AsmError("offset not a multiple of the data alignment")
    f = off // DATA_ALIGN
    if f < 0:
        return b"\x11" + uleb(reg) + sleb(f)
    if reg < 64:
        return bytes((0x80 | reg,)) + uleb(f)
    return b"\x05" + uleb(reg) + uleb(f)


def _def_cfa_offset(c: Cfi, off: int) -> None:
    c.cfa_offset = off
    c.op(b"\x0e" + uleb(off) if off >= 0 else b"\x13" + sleb(off // DATA_ALIGN))


def directive(a: "Assembler", d: Directive) -> None:
    name = d.name
    if name == ".cfi_startproc":
        return startproc(a, d)
    if name == ".cfi_endproc":
        return endproc(a, d)
    c = _cfi(a)
    args = d.args
    if name in (".cfi_sections", ):
        if any(x.strip() != ".eh_frame" for x in args):
            raise AsmError(".cfi_sections %s is not supported yet" % ", ".join(args))
        return
    if c.cur is None:
        raise AsmError("CFI instruction used without previous .cfi_startproc")
    if name == ".cfi_def_cfa":
        reg, off = dwarf_reg(args[0]), a.absolute(args[1])
        c.cfa_reg, c.cfa_offset = reg, off
        c.op(b"\x0c" + uleb(reg) + uleb(off))
    elif name == ".cfi_def_cfa_offset":
        _def_cfa_offset(c, a.absolute(args[0]))
    elif name == ".cfi_adjust_cfa_offset":
        _def_cfa_offset(c, c.cfa_offset + a.absolute(args[0]))
    elif name == ".cfi_def_cfa_register":
        c.cfa_reg = dwarf_reg(args[0])
        c.op(b"\x0d" + uleb(c.cfa_reg))
    elif name == ".cfi_offset":
        c.op(_offset_op(dwarf_reg(args[0]), a.absolute(args[1])))
    elif name == ".cfi_rel_offset":
        c.op(_offset_op(dwarf_reg(args[0]), a.absolute(args[1]) - c.cfa_offset))
    elif name == ".cfi_restore":
        for x in args:
            r = dwarf_reg(x)
            c.op(bytes((0xC0 | r,)) if r < 64 else b"\x06" + uleb(r))
    elif name == ".cfi_undefined":
        for x in args:
            c.op(b"\x07" + uleb(dwarf_reg(x)))
    elif name == ".cfi_same_value":
        c.op(b"\x08" + uleb(dwarf_reg(args[0])))
    elif name == ".cfi_register":
        c.op(b"\x09" + uleb(dwarf_reg(args[0])) + uleb(dwarf_reg(args[1])))
    elif name == ".cfi_remember_state":
        c.stack.append((c.cfa_reg, c.cfa_offset))
        c.op(b"\x0a", False)
    elif name == ".cfi_restore_state":
        if c.stack:
            c.cfa_reg, c.cfa_offset = c.stack.pop()
        c.op(b"\x0b", False)
    elif name == ".cfi_escape":
        c.op(bytes(a.absolute(x) & 0xFF for x in args), False)
    elif name == ".cfi_signal_frame":
        c.cur.signal = True
    elif name == ".cfi_return_column":
        c.cur.ra = dwarf_reg(args[0])
    elif name in (".cfi_personality", ".cfi_lsda"):
        enc = a.absolute(args[0])
        if enc == 0xFF:
            val = None
        else:
            if len(args) < 2:
                raise AsmError("missing symbol in %s" % name)
            if enc & 0x70 not in (0x00, 0x10):
                raise AsmError("CFI pointer encoding 0x%x is not supported yet" % enc)
            _ptr_size(enc)
            val = (enc, a.mention(args[1].strip()))
        if name == ".cfi_personality":
            c.cur.personality = val
        else:
            c.cur.lsda = val
    elif name == ".cfi_val_offset":
        reg, off = dwarf_reg(args[0]), a.absolute(args[1])
        c.op(b"\x14" + uleb(reg) + sleb(off // DATA_ALIGN))
    else:
        raise AsmError("%s is not supported yet" % name)


NAMES = (".cfi_startproc", ".cfi_endproc", ".cfi_def_cfa", ".cfi_def_cfa_offset",
         ".cfi_adjust_cfa_offset", ".cfi_def_cfa_register", ".cfi_offset", ".cfi_rel_offset",
         ".cfi_restore", ".cfi_undefined", ".cfi_same_value", ".cfi_register",
         ".cfi_remember_state", ".cfi_restore_state", ".cfi_escape", ".cfi_signal_frame",
         ".cfi_return_column", ".cfi_val_offset", ".cfi_sections", ".cfi_personality",
         ".cfi_lsda", ".cfi_window_save", ".cfi_label")
