"""Relocations: a scan that decides what each one needs (GOT slots, PLT
entries, copy relocations, dynamic relocations), then the pass that
patches the output image.

x86-64 psABI formulas: S symbol, A addend, P place, G GOT slot address.
As GNU ld does for executables: GOTPCRELX loads of symbols defined in the
executable become `lea` (and `call/jmp *foo@GOTPCREL` direct calls); TLS
general- and local-dynamic sequences become local-exec (or initial-exec
for a library's variable); GOT slots of executable-local TLS variables
hold their constant TP offsets.
"""
from __future__ import annotations

import struct
from typing import Any, Dict, List, Optional, Tuple, Union

from lcc.elf.consts import R_X86_64, R_X86_64_NAMES, SHF_WRITE, STT_FUNC, STT_GNU_IFUNC
from lcc.link.objfile import LinkError
from lcc.link.symbols import COMMON, DSO, LINKER, REGULAR, UNDEF, Symbol

R = R_X86_64
R_NONE, R_64, R_PC32, R_GOT32, R_PLT32 = R["NONE"], R["64"], R["PC32"], R["GOT32"], R["PLT32"]
R_GOTPCREL, R_32, R_32S, R_16, R_PC16 = R["GOTPCREL"], R["32"], R["32S"], R["16"], R["PC16"]
R_8, R_PC8, R_DTPMOD64, R_DTPOFF64 = R["8"], R["PC8"], R["DTPMOD64"], R["DTPOFF64"]
R_TPOFF64, R_TLSGD, R_TLSLD, R_DTPOFF32 = R["TPOFF64"], R["TLSGD"], R["TLSLD"], R["DTPOFF32"]
R_GOTTPOFF, R_TPOFF32, R_PC64, R_GOTOFF64 = R["GOTTPOFF"], R["TPOFF32"], R["PC64"], R["GOTOFF64"]
R_GOTPC32, R_SIZE32, R_SIZE64 = R["GOTPC32"], R["SIZE32"], R["SIZE64"]
R_GOTPC32_TLSDESC, R_TLSDESC_CALL = R["GOTPC32_TLSDESC"], R["TLSDESC_CALL"]
R_GOTPCRELX, R_REX_GOTPCRELX = R["GOTPCRELX"], R["REX_GOTPCRELX"]
R_RELATIVE, R_GLOB_DAT, R_IRELATIVE = R["RELATIVE"], R["GLOB_DAT"], R["IRELATIVE"]

_GOTLOAD = (R_GOTPCREL, R_GOTPCRELX, R_REX_GOTPCRELX, R_GOT32)


class Local:
    """A GOT key for a local symbol: (object, symbol index)."""


def _name(obj: object, si: int, s: Optional[Symbol]) -> str:
    if s is not None:
        return s.name
    name = obj.symbols[si][0]  # type: ignore[attr-defined]
    if not name:
        shndx = obj.symbols[si][4]  # type: ignore[attr-defined]
        if 0 < shndx < len(obj.sections):  # type: ignore[attr-defined]
            name = obj.sections[shndx].name  # type: ignore[attr-defined]
    return name


def where(obj: Any, sec: Any, off: int) -> str:
    """`file.o: in function `f':(.text+0x5)` for a message about a place."""
    func = ""
    for name, bind, typ, vis, shndx, value, size in obj.symbols:  # type: ignore[attr-defined]
        if typ == STT_FUNC and shndx == sec.index and \
                value <= off < value + max(size, 1):  # type: ignore[attr-defined]
            func = name
            break
    text = f"{obj.path}:"  # type: ignore[attr-defined]
    if func:
        text += f" in function `{func}':"
    return text + f"({sec.name}+{off:#x})"  # type: ignore[attr-defined]


def relaxable(data: Union[bytes, bytearray], pos: int, typ: int, s: Optional[Symbol],
              pie: bool) -> bool:
    """A GOTPCRELX load of a symbol the executable defines, in a form that
    has a direct equivalent (mov -> lea, call/jmp * -> call/jmp)."""
    if typ not in (R_GOTPCRELX, R_REX_GOTPCRELX) or pos < 2:
        return False
    if s is not None:
        if s.kind not in (REGULAR, COMMON, LINKER) and not s.copy or s.preempt:
            return False
        if s.kind == REGULAR and s.sec is None and pie:
            return False   # an absolute symbol: lea would add the load base
    op, modrm = data[pos - 2], data[pos - 1]
    if op == 0x8b:
        return (modrm & 0xc7) == 0x05
    if op == 0xff and typ == R_GOTPCRELX:
        return modrm in (0x15, 0x25)
    return False


def _key(s: Optional[Symbol], obj: object, si: int, kind: str) -> tuple:
    if kind == "ld":
        return ("ld",)
    return (id(s), kind) if s is not None else (id(obj), si, kind)


class Needs:
    """What the scan found: GOT slots, PLT entries, dynamic relocations."""

    def __init__(self) -> None:
        self.got: List[Tuple[str, Any]] = []   # ("addr"|"tpoff", Symbol or (obj, si))
        self.local_got: Dict[tuple, int] = {}
        self.static_tls = False     # an initial-exec TP offset in a shared object
        self.plt: List[Symbol] = []
        self.copies: List[Symbol] = []
        self.dyn_count = 0          # dynamic relocations from data (R_64 ...)
        self.textrel = False
        self.undefined: Dict[str, str] = {}   # name -> where (ld's wording)
        self.local_objs: Dict[int, object] = {}

    def got_slot(self, s: Optional[Symbol], obj: object, si: int, kind: str) -> int:
        """The GOT slot (pair, for "gd", "ld" and "desc") of a symbol: kind
        "addr" its address, "tpoff" its TP offset, "gd" module+offset,
        "ld" this module (one pair for all), "desc" a TLS descriptor."""
        key = _key(s, obj, si, kind)
        i = self.local_got.get(key)
        if i is None:
            i = self.local_got[key] = len(self.got)
            self.got.append((kind, s if s is not None else (obj, si)))
            if kind in ("gd", "ld", "desc"):
                self.got.append(("pad", None))
            if s is not None:
                if kind == "addr":
                    s.got = i
                elif kind == "tpoff":
                    s.tpgot = i
        return i

    def need_plt(self, s: Symbol) -> None:
        if s.plt < 0:
            s.plt = len(self.plt)
            self.plt.append(s)

    def need_copy(self, s: Symbol) -> None:
        if not s.copy:
            s.copy = True
            self.copies.append(s)


def scan(objects: list, pie: bool, dynamic: bool, shared: bool = False) -> Needs:
    """pie: position-independent output (PIE or shared object); shared: a
    shared object (undefined symbols are imports, exported ones
    preemptible, TLS models kept)."""
    n = Needs()
    for obj in objects:
        gsyms = obj.gsyms
        data = obj.data
        for sec in obj.sections:
            if sec is None or sec.rela is None or sec.out is None or not sec.flags & 2:
                continue   # (debug sections need no GOT, PLT or dynamic relocation)
            writable = sec.flags & SHF_WRITE
            skip = False
            for off, typ, si, add in sec.rela:
                if skip:
                    skip = False
                    continue
                s = gsyms[si]
                imp = s is not None and (s.kind == DSO or shared and s.kind == UNDEF
                                         or s.preempt)
                if shared:
                    if _scan_shared(n, obj, sec, off, typ, si, s, imp, writable):
                        skip = False
                        continue
                if s is not None and s.kind == UNDEF and typ != R_NONE:
                    if s.strong_ref and not shared and s.name not in n.undefined:
                        n.undefined[s.name] = where(obj, sec, off)
                    if typ in _GOTLOAD:
                        n.got_slot(s, obj, si, "addr")
                    elif typ == R_GOTTPOFF:
                        n.got_slot(s, obj, si, "tpoff")   # an undefined weak TLS symbol
                    continue
                if typ == R_PLT32 or typ == R_PC32:
                    if s is None:
                        continue
                    if s.kind == DSO:
                        if s.type == STT_FUNC or s.type == 0 and typ == R_PLT32:
                            n.need_plt(s)
                            if typ == R_PC32:
                                s.canonical = True
                        else:
                            n.need_copy(s)
                    elif s.type == STT_GNU_IFUNC and s.kind == REGULAR:
                        n.need_plt(s)
                elif typ == R_64:
                    if s is not None and s.kind == DSO:
                        if writable:
                            n.dyn_count += 1
                        else:
                            if s.type == STT_FUNC:
                                n.need_plt(s)
                                s.canonical = True
                            else:
                                n.need_copy(s)
                            if pie:   # a RELATIVE relocation to the PLT entry or copy
                                n.dyn_count += 1
                                n.textrel = True
                    else:
                        if s is not None and s.ifunc:
                            n.need_plt(s)
                        if pie and not (s is not None and s.kind == REGULAR and s.sec is None):
                            n.dyn_count += 1
                            if not writable:
                                n.textrel = True
                elif typ in (R_32, R_32S):
                    if s is not None and s.kind == DSO:
                        if s.type == STT_FUNC:
                            n.need_plt(s)
                            s.canonical = True
                        else:
                            n.need_copy(s)
                    elif s is not None and s.ifunc:
                        n.need_plt(s)
                    if pie and not (s is not None and s.kind == REGULAR and s.sec is None):
                        raise LinkError(
                            f"{obj.path}: relocation R_X86_64_{'32S' if typ == R_32S else '32'}"
                            f" against `{_name(obj, si, s)}' can not be used when making a "
                            "PIE object; recompile with -fPIE")
                elif typ in _GOTLOAD:
                    if s is not None and s.ifunc:
                        n.need_plt(s)
                    if not relaxable(data, sec.foff + off, typ, s, pie):
                        n.got_slot(s, obj, si, "addr")
                elif typ == R_TLSGD or typ == R_TLSLD:
                    skip = True  # the call to __tls_get_addr goes with it
                    if typ == R_TLSGD and s is not None and s.kind == DSO:
                        n.got_slot(s, obj, si, "tpoff")
                elif typ == R_GOTTPOFF:
                    n.got_slot(s, obj, si, "tpoff")
                elif typ == R_GOTPC32_TLSDESC:
                    if s is not None and s.kind == DSO:
                        n.got_slot(s, obj, si, "tpoff")
                elif typ == R_TPOFF32 and s is not None and s.kind == DSO:
                    raise LinkError(f"{obj.path}: relocation R_X86_64_TPOFF32 against "
                                    f"`{s.name}' defined in a shared library")
    return n


def _scan_shared(n: Needs, obj: Any, sec: Any, off: int, typ: int, si: int,
                 s: Optional[Symbol], imp: bool, writable: int) -> bool:
    """The relocations a shared object treats differently from an
    executable; True when handled."""
    name = _name(obj, si, s)
    if typ == R_TLSGD:
        n.got_slot(s, obj, si, "gd")
    elif typ == R_TLSLD:
        n.got_slot(s, obj, si, "ld")
    elif typ == R_GOTPC32_TLSDESC:
        n.got_slot(s, obj, si, "desc")
    elif typ == R_TLSDESC_CALL or typ == R_DTPOFF32 or typ == R_DTPOFF64:
        pass
    elif typ == R_GOTTPOFF:
        n.got_slot(s, obj, si, "tpoff")
        n.static_tls = True
    elif typ == R_TPOFF32:
        raise LinkError(f"{obj.path}: relocation R_X86_64_TPOFF32 against `{name}' can not "
                        "be used when making a shared object; recompile with -fPIC")
    elif not imp or s is None:
        return False
    elif typ == R_64:
        n.dyn_count += 1
        if not writable:
            n.textrel = True
    elif typ in _GOTLOAD:
        n.got_slot(s, obj, si, "addr")
    elif typ == R_PLT32 or typ == R_PC32 and s.type == STT_FUNC:
        if s.kind != REGULAR:
            n.need_plt(s)
    elif typ == R_PC32 and s.kind == REGULAR:
        pass   # bound to the definition in this object (as -Bsymbolic)
    elif typ in (R_PC32, R_32, R_32S):
        raise LinkError(f"{obj.path}: relocation R_X86_64_{R_X86_64_NAMES.get(typ)} against "
                        f"`{name}' can not be used when making a shared object; "
                        "recompile with -fPIC")
    else:
        return False
    return True


def _ovf(obj: object, sec: object, off: int, typ: int, what: str, val: int) -> LinkError:
    from lcc.elf.consts import R_X86_64_NAMES
    return LinkError(f"{obj.path}:({sec.name}+{off:#x}): relocation truncated to fit: "  # type: ignore
                     f"R_X86_64_{R_X86_64_NAMES.get(typ, typ)} against `{what}' "
                     f"(value {val:#x})")


_p32 = struct.Struct("<i").pack_into
_pu32 = struct.Struct("<I").pack_into
_p64 = struct.Struct("<q").pack_into
_pu64 = struct.Struct("<Q").pack_into


class Context:
    """Addresses the apply pass needs, filled in by the linker after layout."""

    def __init__(self) -> None:
        self.pie = False
        self.got_addr = 0          # address of .got slot 0
        self.gotplt_addr = 0       # _GLOBAL_OFFSET_TABLE_
        self.plt_addr = 0
        self.plt_entry = 16
        self.tls_end = 0           # TP offset of x = address(x) - tls_end
        self.tls_start = 0
        self.shared = False
        self.dynrel: List[tuple] = []   # (offset, type, Symbol or None, addend)


def local_values(obj: object) -> List[int]:
    """Address of every symbol of obj (globals: their resolved address)."""
    secs = obj.sections  # type: ignore[attr-defined]
    vals = []
    gs = obj.gsyms  # type: ignore[attr-defined]
    for i, (name, bind, typ, vis, shndx, value, size) in enumerate(obj.symbols):  # type: ignore
        g = gs[i]
        if g is not None:
            vals.append(g.addr)
        elif 0 < shndx < 0xff00:
            sec = secs[shndx]
            vals.append(sec.addr + value if sec.out is not None else 0)
        else:
            vals.append(value)
    return vals


def apply(objects: list, n: Needs, ctx: Context, buf: bytearray) -> None:
    pie = ctx.pie
    got0 = ctx.got_addr
    tls_end = ctx.tls_end
    dynrel = ctx.dynrel
    shared = ctx.shared
    # DTPOFF: offset in this module's TLS block (shared object), or the
    # TP offset once an executable's local-dynamic code became local-exec
    dtp_base = ctx.tls_start if shared else tls_end
    for obj in objects:
        gsyms = obj.gsyms
        vals: Optional[List[int]] = None
        for sec in obj.sections:
            if sec is None or sec.rela is None or sec.out is None:
                continue
            if vals is None:
                vals = local_values(obj)
            base = sec.out.addr + sec.offset
            fbase = sec.out.foff + sec.offset
            if not sec.flags & 2:
                _apply_debug(sec, fbase, vals, gsyms, ctx.tls_start, buf)
                continue
            writable = sec.flags & SHF_WRITE
            skip = False
            for off, typ, si, A in sec.rela:
                if skip:
                    skip = False
                    continue
                s = gsyms[si]
                S = vals[si]
                P = base + off
                pos = fbase + off
                if typ == R_PC32 or typ == R_PLT32:
                    v = S + A - P
                    if not -0x80000000 <= v <= 0x7fffffff:
                        raise _ovf(obj, sec, off, typ, _name(obj, si, s), v)
                    _p32(buf, pos, v)
                elif typ == R_64:
                    if shared and s is not None and (s.preempt or s.kind in (DSO, UNDEF)):
                        dynrel.append((P, R_64, s, A))
                        _p64(buf, pos, 0)
                        continue
                    if s is not None and s.kind == DSO and writable and not s.copy:
                        dynrel.append((P, R_64, s, A))
                        _p64(buf, pos, 0)
                        continue
                    v = S + A
                    if pie and not (s is not None and (s.kind == UNDEF or (
                            s.kind == REGULAR and s.sec is None))):
                        dynrel.append((P, R_RELATIVE, None, v))
                    _pu64(buf, pos, v & 0xffffffffffffffff)
                elif typ in _GOTLOAD:
                    if relaxable(buf, pos, typ, s, pie):
                        op = buf[pos - 2]
                        if op == 0x8b:
                            buf[pos - 2] = 0x8d
                        elif buf[pos - 1] == 0x15:
                            buf[pos - 2], buf[pos - 1] = 0x67, 0xe8   # addr32 call
                        else:
                            buf[pos - 2], buf[pos - 1] = 0x90, 0xe9   # nop; jmp
                        v = S + A - P
                    else:
                        slot = n.local_got[_key(s, obj, si, "addr")]
                        v = got0 + 8 * slot + A - P
                    if not -0x80000000 <= v <= 0x7fffffff:
                        raise _ovf(obj, sec, off, typ, _name(obj, si, s), v)
                    _p32(buf, pos, v)
                elif typ == R_32 or typ == R_32S:
                    v = S + A
                    if typ == R_32 and not 0 <= v <= 0xffffffff or \
                            typ == R_32S and not -0x80000000 <= v <= 0x7fffffff:
                        raise _ovf(obj, sec, off, typ, _name(obj, si, s), v)
                    _pu32(buf, pos, v & 0xffffffff)
                elif typ == R_TPOFF32:
                    _p32(buf, pos, S - tls_end + A)
                elif typ == R_GOTTPOFF:
                    slot = n.local_got[_key(s, obj, si, "tpoff")]
                    _p32(buf, pos, got0 + 8 * slot + A - P)
                elif shared and typ in (R_TLSGD, R_TLSLD, R_GOTPC32_TLSDESC):
                    kind = "gd" if typ == R_TLSGD else "ld" if typ == R_TLSLD else "desc"
                    _p32(buf, pos, got0 + 8 * n.local_got[_key(s, obj, si, kind)] + A - P)
                elif shared and typ == R_TLSDESC_CALL:
                    pass
                elif typ == R_TLSGD:
                    skip = True
                    _tls_gd(buf, pos, obj, sec, off, s, S, tls_end, got0, P)
                elif typ == R_TLSLD:
                    skip = True
                    _tls_ld(buf, pos, obj, sec, off)
                elif typ == R_DTPOFF32:
                    _p32(buf, pos, S - dtp_base + A)
                elif typ == R_DTPOFF64:
                    _p64(buf, pos, S - dtp_base + A)
                elif typ == R_GOTPC32_TLSDESC:
                    # lea x@tlsdesc(%rip), %reg -> mov $tpoff, %reg | mov x@gottpoff(%rip), %reg
                    if buf[pos - 2] != 0x8d or buf[pos - 3] not in (0x48, 0x4c):
                        raise LinkError(f"{obj.path}: unexpected TLSDESC sequence")
                    reg = (buf[pos - 1] >> 3) & 7
                    if s is not None and s.kind == DSO:
                        buf[pos - 2] = 0x8b
                        _p32(buf, pos, got0 + 8 * s.tpgot + A - P)
                    else:
                        buf[pos - 3] = 0x48 | (buf[pos - 3] & 4) >> 2
                        buf[pos - 2], buf[pos - 1] = 0xc7, 0xc0 | reg
                        _p32(buf, pos, S - tls_end)
                elif typ == R_TLSDESC_CALL:
                    buf[pos], buf[pos + 1] = 0x66, 0x90
                elif typ == R_PC64:
                    _p64(buf, pos, S + A - P)
                elif typ == R_GOTPC32:
                    _p32(buf, pos, ctx.gotplt_addr + A - P)
                elif typ == R_GOTOFF64:
                    _p64(buf, pos, S + A - ctx.gotplt_addr)
                elif typ == R_SIZE32:
                    _pu32(buf, pos, (s.size if s is not None else obj.symbols[si][6]) + A)
                elif typ == R_SIZE64:
                    _pu64(buf, pos, (s.size if s is not None else obj.symbols[si][6]) + A)
                elif typ == R_16:
                    struct.pack_into("<H", buf, pos, (S + A) & 0xffff)
                elif typ == R_PC16:
                    struct.pack_into("<h", buf, pos, S + A - P)
                elif typ == R_8:
                    buf[pos] = (S + A) & 0xff
                elif typ == R_PC8:
                    v = S + A - P
                    if not -128 <= v <= 127:
                        raise _ovf(obj, sec, off, typ, _name(obj, si, s), v)
                    buf[pos] = v & 0xff
                elif typ == R_NONE:
                    pass
                else:
                    from lcc.elf.consts import R_X86_64_NAMES
                    raise LinkError(f"{obj.path}: relocation type "
                                    f"{R_X86_64_NAMES.get(typ, typ)} is not supported")


def _apply_debug(sec: Any, fbase: int, vals: List[int], gsyms: list, tls_start: int,
                 buf: bytearray) -> None:
    """Relocations of a DWARF section: absolute addresses, offsets into
    other DWARF sections (their addresses are 0), TLS block offsets."""
    for off, typ, si, A in sec.rela:
        s = gsyms[si]
        S = 0 if s is not None and s.kind in (DSO, UNDEF) and not s.copy else vals[si]
        pos = fbase + off
        if typ == R_64:
            _pu64(buf, pos, (S + A) & 0xffffffffffffffff)
        elif typ == R_32 or typ == R_32S:
            _pu32(buf, pos, (S + A) & 0xffffffff)
        elif typ == R_DTPOFF32:
            _pu32(buf, pos, (S - tls_start + A) & 0xffffffff)
        elif typ == R_DTPOFF64:
            _pu64(buf, pos, (S - tls_start + A) & 0xffffffffffffffff)
        elif typ == R_PC32:
            _pu32(buf, pos, (S + A - (sec.addr + off)) & 0xffffffff)
        elif typ == R_PC64:
            _pu64(buf, pos, (S + A - (sec.addr + off)) & 0xffffffffffffffff)
        elif typ == R_SIZE32 or typ == R_SIZE64:
            pass
        elif typ != R_NONE:
            raise LinkError(f"{sec.obj.path}: relocation type "
                            f"{R_X86_64_NAMES.get(typ, typ)} in {sec.name} is not supported")


_LE_GD = bytes.fromhex("64488b042500000000488d80")      # mov %fs:0,%rax; lea x(%rax),%rax
_IE_GD = bytes.fromhex("64488b042500000000480305")      # mov %fs:0,%rax; add x@gottpoff(%rip)
_LE_LD = bytes.fromhex("666666" "64488b042500000000")    # mov %fs:0,%rax
_LE_LD13 = _LE_LD + b"\x90"


def _tls_gd(buf: bytearray, pos: int, obj: object, sec: object, off: int,
            s: Optional[Symbol], S: int, tls_end: int, got0: int, P: int) -> None:
    # .byte 0x66; lea x@tlsgd(%rip),%rdi; .word 0x6666; rex64 call __tls_get_addr
    start = pos - 4
    if bytes(buf[start:pos]) != b"\x66\x48\x8d\x3d":
        raise LinkError(f"{obj.path}:({sec.name}+{off:#x}): "  # type: ignore[attr-defined]
                        "unexpected general-dynamic TLS sequence")
    if s is not None and s.kind == DSO:
        buf[start:start + 12] = _IE_GD
        _p32(buf, start + 12, got0 + 8 * s.tpgot - (P + 12))
    else:
        buf[start:start + 12] = _LE_GD
        _p32(buf, start + 12, S - tls_end)


def _tls_ld(buf: bytearray, pos: int, obj: object, sec: object, off: int) -> None:
    # lea x@tlsld(%rip),%rdi; call __tls_get_addr@PLT (or call *...@GOTPCREL(%rip))
    start = pos - 3
    if bytes(buf[start:pos]) != b"\x48\x8d\x3d":
        raise LinkError(f"{obj.path}:({sec.name}+{off:#x}): "  # type: ignore[attr-defined]
                        "unexpected local-dynamic TLS sequence")
    if buf[pos + 4] == 0xff:
        buf[start:start + 13] = _LE_LD13
    else:
        buf[start:start + 12] = _LE_LD
