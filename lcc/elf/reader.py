"""Read ELF64 little-endian files: relocatable objects, shared libraries
and executables.

The linker reads big inputs (glibc's libc.so.6 has ~3000 dynamic symbols,
libc.a ~1800 members, SQLite's object ~30k relocations), so everything is
unpacked with struct.iter_unpack over whole tables, and the parts a caller
may never look at (symbols, dynamic symbols, versions) are parsed on first
use and cached.  Section contents are zero-copy memoryview slices.

Names are decoded as UTF-8 with "surrogateescape", so any byte string
round-trips: `name.encode("utf-8", "surrogateescape")` gives the bytes.
"""
from __future__ import annotations

import struct
from typing import Any, Callable, Dict, List, Optional, Tuple, TypeVar

from lcc.elf.consts import (
    DT_NEEDED, DT_NULL, DT_RPATH, DT_RUNPATH, DT_SONAME, EM_AARCH64, EM_RISCV, EM_X86_64,
    ET_DYN, ET_EXEC, ET_REL, SHN_ABS, SHN_UNDEF, SHN_XINDEX, SHT_DYNAMIC, SHT_DYNSYM,
    SHT_GNU_VERDEF, SHT_GNU_VERNEED, SHT_GNU_VERSYM, SHT_GROUP, SHT_NOBITS, SHT_REL,
    SHT_RELA, SHT_RELR, SHT_SYMTAB, SHT_SYMTAB_SHNDX, STT_SECTION, GRP_COMDAT, VER_FLG_BASE,
    VER_NDX_GLOBAL, VERSYM_HIDDEN,
)

_EHDR = struct.Struct("<16sHHIQQQIHHHHHH")
_SHDR = struct.Struct("<IIQQQQIIQQ")
_PHDR = struct.Struct("<IIQQQQQQ")
_VERDEF = struct.Struct("<HHHHIII")
_VERDAUX = struct.Struct("<II")
_VERNEED = struct.Struct("<HHIII")
_VERNAUX = struct.Struct("<IHHII")

# A symbol table entry as a tuple: (name, bind, type, visibility, shndx,
# value, size); shndx with SHN_XINDEX resolved.
SymRow = Tuple[str, int, int, int, int, int, int]

# Machines read; the linker itself only links x86-64 today.
MACHINES = {EM_X86_64: "x86-64", EM_AARCH64: "aarch64", EM_RISCV: "riscv64"}


class ElfError(ValueError):
    """Not a readable ELF64 file of a supported kind; the message names the
    file.  `kind` says what is wrong, for callers with their own wording
    (the linker's "file format not recognized" / "is incompatible with
    elf_x86_64"): "format" (not ELF), "class" (not ELF64 little-endian),
    "machine", "type" (not ET_REL/ET_EXEC/ET_DYN) or "corrupt"."""

    def __init__(self, msg: str, kind: str = "corrupt") -> None:
        super().__init__(msg)
        self.kind = kind


_F = TypeVar("_F", bound=Callable[..., Any])


def _guarded(fn: _F) -> _F:
    """A corrupt file (offsets, counts or indices out of range) raises
    ElfError naming the file, not struct.error or IndexError."""
    def wrapper(self: "ElfFile", *args: Any) -> Any:
        try:
            return fn(self, *args)
        except (struct.error, IndexError, OverflowError) as e:
            raise ElfError(f"{self.path}: corrupt ELF file ({fn.__name__}: {e})") from None
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper  # type: ignore[return-value]


def cstr(table: bytes, off: int) -> str:
    """The NUL-terminated string at off in a string table."""
    end = table.find(b"\0", off)
    if end < 0:
        end = len(table)
    return table[off:end].decode("utf-8", "surrogateescape")


def elf_hash(name: bytes) -> int:
    """The SysV ELF hash (vd_hash / vna_hash of symbol versions)."""
    h = 0
    for c in name:
        h = ((h << 4) + c) & 0xffffffff
        g = h & 0xf0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xffffffff
    return h


class Section:
    """One section header; `data` is the contents (empty for NOBITS)."""

    __slots__ = ("index", "name", "type", "flags", "addr", "offset", "size", "link",
                 "info", "align", "entsize", "_view")

    def __init__(self, elf: "ElfFile", index: int, name: str, hdr: tuple) -> None:
        # the file's bytes, not the ElfFile: no reference cycle, so a file
        # is freed as soon as it is dropped (the linker reads hundreds)
        self._view = elf.view
        self.index = index
        self.name = name
        (_, self.type, self.flags, self.addr, self.offset, self.size, self.link,
         self.info, self.align, self.entsize) = hdr

    @property
    def data(self) -> memoryview:
        if self.type == SHT_NOBITS or self.index == 0:
            return memoryview(b"")
        return self._view[self.offset:self.offset + self.size]

    def __repr__(self) -> str:
        return f"<Section {self.index} {self.name!r} type={self.type:#x} size={self.size}>"


class Symbol:
    """A .symtab or .dynsym entry.

    shndx is the real section index (SHN_XINDEX already resolved through
    .symtab_shndx).  For dynamic symbols, `version` is the version name
    (None when unversioned, i.e. version index 0 or 1) and `hidden_version`
    says the version is not the default one: readelf prints `name@VER`
    for hidden and `name@@VER` for default definitions.  `version_index`
    is the raw .gnu.version entry without the hidden bit."""

    __slots__ = ("index", "name", "value", "size", "bind", "type", "visibility", "shndx",
                 "version", "hidden_version", "version_index")

    def __init__(self, index: int, name: str, bind: int, type_: int, visibility: int,
                 shndx: int, value: int, size: int, version: Optional[str] = None,
                 hidden_version: bool = False, version_index: int = 0) -> None:
        # name...size are a symbol row (ElfFile.symbol_rows)
        self.index = index
        self.name = name
        self.bind = bind
        self.type = type_
        self.visibility = visibility
        self.shndx = shndx
        self.value = value
        self.size = size
        self.version = version
        self.hidden_version = hidden_version
        self.version_index = version_index

    @property
    def defined(self) -> bool:
        return self.shndx != SHN_UNDEF

    def __repr__(self) -> str:
        ver = ""
        if self.version:
            ver = ("@" if self.hidden_version else "@@") + self.version
        return f"<Symbol {self.index} {self.name}{ver} shndx={self.shndx:#x} value={self.value:#x}>"


class Group:
    """A SHT_GROUP section: `flags` (GRP_COMDAT), the signature symbol's
    name and the member section indices."""

    __slots__ = ("index", "signature", "flags", "members")

    def __init__(self, index: int, signature: str, flags: int, members: List[int]) -> None:
        self.index = index
        self.signature = signature
        self.flags = flags
        self.members = members

    @property
    def comdat(self) -> bool:
        return bool(self.flags & GRP_COMDAT)


class VerDef:
    """A .gnu.version_d entry: `index` is what .gnu.version entries refer
    to; `name` the version (or, with `base`, the file's soname), `parents`
    the names of the versions it inherits from; `hash` = elf_hash(name)."""

    __slots__ = ("index", "flags", "name", "hash", "parents")

    def __init__(self, index: int, flags: int, name: str, hash_: int, parents: List[str]) -> None:
        self.index = index
        self.flags = flags
        self.name = name
        self.hash = hash_
        self.parents = parents

    @property
    def base(self) -> bool:
        return bool(self.flags & VER_FLG_BASE)


class VerNeed:
    """A .gnu.version_r entry: a needed file and the versions used from it,
    as (name, hash, flags, other) where `other` is the index .gnu.version
    entries use."""

    __slots__ = ("file", "versions")

    def __init__(self, file: str, versions: List[Tuple[str, int, int, int]]) -> None:
        self.file = file
        self.versions = versions


class Segment:
    __slots__ = ("type", "flags", "offset", "vaddr", "paddr", "filesz", "memsz", "align")

    def __init__(self, hdr: tuple) -> None:
        (self.type, self.flags, self.offset, self.vaddr, self.paddr, self.filesz,
         self.memsz, self.align) = hdr


class ElfFile:
    """A parsed ELF64 little-endian file (see docs/asm-link.md, Reader API)."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        self.data = data
        self.view = memoryview(data)
        if data[:4] != b"\x7fELF":
            raise ElfError(f"{path}: not an ELF file", "format")
        if len(data) < 6 or data[4] != 2 or data[5] != 1:
            raise ElfError(f"{path}: not a 64-bit little-endian ELF file", "class")
        if len(data) < 64:
            raise ElfError(f"{path}: truncated ELF header")
        (ident, self.type, self.machine, _ver, self.entry, self.phoff, self.shoff,
         self.flags, _ehsize, self.phentsize, phnum, self.shentsize, shnum,
         shstrndx) = _EHDR.unpack_from(data)
        self.osabi = ident[7]
        if self.machine not in MACHINES:
            raise ElfError(f"{path}: unsupported machine {self.machine}", "machine")
        if self.type not in (ET_REL, ET_EXEC, ET_DYN):
            raise ElfError(f"{path}: unsupported ELF type {self.type}", "type")
        hdrs: List[tuple] = []
        if self.shoff:
            if self.shoff + 64 > len(data):
                raise ElfError(f"{path}: section headers past the end of the file")
            first = _SHDR.unpack_from(data, self.shoff)
            # Extended numbering: counts too big for the header sit in
            # section 0 (sh_size = e_shnum, sh_link = e_shstrndx, sh_info = e_phnum).
            if shnum == 0:
                shnum = first[5]
            if shstrndx == SHN_XINDEX:
                shstrndx = first[6]
            if phnum == 0xffff:
                phnum = first[7]
            if self.shoff + shnum * 64 > len(data):
                raise ElfError(f"{path}: section headers past the end of the file")
            hdrs = list(struct.iter_unpack("<IIQQQQIIQQ",
                                           self.view[self.shoff:self.shoff + shnum * 64]))
        self.phnum = phnum
        self.shstrndx = shstrndx
        names = b""
        if hdrs and 0 < shstrndx < len(hdrs):
            h = hdrs[shstrndx]
            names = data[h[4]:h[4] + h[5]]
        self.sections: List[Section] = [
            Section(self, i, cstr(names, h[0]) if h[0] else "", h) for i, h in enumerate(hdrs)]
        for sec in self.sections[1:]:
            if sec.type != SHT_NOBITS and sec.offset + sec.size > len(data):
                raise ElfError(f"{path}: section [{sec.index}] {sec.name!r} extends past the "
                               "end of the file")
        self._rows: Optional[List[SymRow]] = None
        self._symbols: Optional[List[Symbol]] = None
        self._dynsyms: Optional[List[Symbol]] = None
        self._dynrows: Optional[List[SymRow]] = None
        self._dynamic: Optional[List[Tuple[int, int]]] = None
        self._verdefs: Optional[List[VerDef]] = None
        self._verneeds: Optional[List[VerNeed]] = None
        self._rela_for: Optional[Dict[int, int]] = None

    # -- sections -----------------------------------------------------------
    def section_by_name(self, name: str) -> Optional[Section]:
        for s in self.sections:
            if s.name == name:
                return s
        return None

    def _first(self, sh_type: int) -> Optional[Section]:
        for s in self.sections:
            if s.type == sh_type:
                return s
        return None

    @property
    @_guarded
    def segments(self) -> List[Segment]:
        return [Segment(_PHDR.unpack_from(self.data, self.phoff + i * self.phentsize))
                for i in range(self.phnum)] if self.phoff else []

    # -- symbols ------------------------------------------------------------
    def _read_rows(self, sec: Section) -> List[SymRow]:
        strtab = bytes(self.sections[sec.link].data)
        n = sec.size // 24
        entries = struct.iter_unpack("<IBBHQQ", self.view[sec.offset:sec.offset + n * 24])
        # One comprehension over the whole table: the linker reads every
        # symbol of large objects through here.  An ASCII string table (the
        # usual case) is decoded once and names are sliced from the str,
        # without a call per name; a final NUL makes find() stop inside.
        if strtab.isascii():
            st = (strtab if strtab.endswith(b"\0") else strtab + b"\0").decode("ascii")
            rows = [(st[name:st.find("\0", name)] if name else "", info >> 4, info & 15,
                     other & 3, shndx, value, size)
                    for name, info, other, shndx, value, size in entries]
        else:
            rows = [(cstr(strtab, name) if name else "", info >> 4, info & 15, other & 3,
                     shndx, value, size)
                    for name, info, other, shndx, value, size in entries]
        for s in self.sections:
            if s.type == SHT_SYMTAB_SHNDX and s.link == sec.index:
                xindex = struct.unpack_from(f"<{s.size // 4}I", self.data, s.offset)
                rows = [r if r[4] != SHN_XINDEX else r[:4] + (xindex[i],) + r[5:]
                        for i, r in enumerate(rows)]
        return rows

    @_guarded
    def symbol_rows(self) -> List[SymRow]:
        """The .symtab entries as tuples (name, bind, type, visibility,
        shndx, value, size), index 0 included ([] if stripped); cached, not
        to be modified.  What `symbols` is made of; the linker uses the
        tuples themselves (an object per symbol costs too much on big
        objects)."""
        if self._rows is None:
            sec = self._first(SHT_SYMTAB)
            self._rows = self._read_rows(sec) if sec is not None else []
        return self._rows

    @property
    @_guarded
    def symbols(self) -> List[Symbol]:
        """The .symtab entries, index 0 included (empty list if stripped)."""
        if self._symbols is None:
            self._symbols = [Symbol(i, *r) for i, r in enumerate(self.symbol_rows())]
        return self._symbols

    @property
    def first_global(self) -> int:
        """Index of the first non-local .symtab entry (the SYMTAB's sh_info)."""
        sec = self._first(SHT_SYMTAB)
        return sec.info if sec is not None else 0

    # -- relocations --------------------------------------------------------
    @_guarded
    def reloc_section(self, section_index: int) -> Optional[Section]:
        """The SHT_RELA (or SHT_REL) section applying to section_index."""
        if self._rela_for is None:
            self._rela_for = {}
            for s in self.sections:
                if s.type in (SHT_RELA, SHT_REL) and s.info:
                    self._rela_for[s.info] = s.index
        i = self._rela_for.get(section_index)
        return self.sections[i] if i is not None else None

    @_guarded
    def relocs(self, section_index: int) -> List[Tuple[int, int, int, int]]:
        """(offset, type, sym_index, addend) for the relocations applying to
        section_index, in file order ([] if none).  SHT_REL entries get
        addend 0 (their addend is in the section contents)."""
        rs = self.reloc_section(section_index)
        if rs is None:
            return []
        return self.relocs_of(rs)

    @_guarded
    def relocs_of(self, rs: Section) -> List[Tuple[int, int, int, int]]:
        """The entries of one SHT_RELA/SHT_REL section itself (also the
        dynamic .rela.dyn / .rela.plt of an executable or library; a
        SHT_RELR section gives (address, R_X86_64_RELATIVE, 0, 0), the
        addend being in place)."""
        if rs.type == SHT_RELR:
            return [(off, 8, 0, 0) for off in self.relr_offsets(rs)]
        if rs.type == SHT_REL:
            n = rs.size // 16
            return [(off, info & 0xffffffff, info >> 32, 0) for off, info in
                    struct.iter_unpack("<QQ", self.view[rs.offset:rs.offset + n * 16])]
        n = rs.size // 24
        return [(off, info & 0xffffffff, info >> 32, addend) for off, info, addend in
                struct.iter_unpack("<QQq", self.view[rs.offset:rs.offset + n * 24])]

    @_guarded
    def relr_offsets(self, rs: Section) -> List[int]:
        """The addresses a SHT_RELR section (packed R_X86_64_RELATIVE) relocates:
        an even entry is an address, an odd one a bitmap of the 63 words
        after the previous run."""
        out: List[int] = []
        base = 0
        n = rs.size // 8
        for (entry,) in struct.iter_unpack("<Q", self.view[rs.offset:rs.offset + n * 8]):
            if not entry & 1:
                out.append(entry)
                base = entry + 8
                continue
            bits = entry >> 1
            addr = base
            while bits:
                if bits & 1:
                    out.append(addr)
                bits >>= 1
                addr += 8
            base += 63 * 8
        return out

    # -- section groups -----------------------------------------------------
    @property
    @_guarded
    def groups(self) -> List[Group]:
        out = []
        for s in self.sections:
            if s.type != SHT_GROUP:
                continue
            words = struct.unpack_from(f"<{s.size // 4}I", self.data, s.offset)
            rows = self.symbol_rows()
            sig = ""
            if s.info < len(rows):
                sig, _bind, typ, _vis, shndx = rows[s.info][:5]
                # a section symbol as signature (gas's choice when the group
                # is named like its section) stands for the section's name,
                # as for ld and readelf
                if typ == STT_SECTION and 0 < shndx < len(self.sections):
                    sig = self.sections[shndx].name
            out.append(Group(s.index, sig, words[0] if words else 0, list(words[1:])))
        return out

    # -- dynamic linking ----------------------------------------------------
    @property
    @_guarded
    def dynamic(self) -> List[Tuple[int, int]]:
        """The .dynamic entries (tag, value) up to DT_NULL."""
        if self._dynamic is None:
            self._dynamic = []
            sec = self._first(SHT_DYNAMIC)
            if sec is not None:
                for tag, val in struct.iter_unpack(
                        "<qQ", self.view[sec.offset:sec.offset + sec.size // 16 * 16]):
                    if tag == DT_NULL:
                        break
                    self._dynamic.append((tag, val))
        return self._dynamic

    def _dynstr(self) -> bytes:
        sec = self._first(SHT_DYNAMIC) or self._first(SHT_DYNSYM)
        if sec is None:
            return b""
        return bytes(self.sections[sec.link].data)

    def _dyn_strings(self, tag: int) -> List[str]:
        strtab = self._dynstr()
        return [cstr(strtab, v) for t, v in self.dynamic if t == tag]

    @property
    @_guarded
    def soname(self) -> Optional[str]:
        """DT_SONAME, or None (the linker then uses the file's base name)."""
        names = self._dyn_strings(DT_SONAME)
        return names[0] if names else None

    @property
    @_guarded
    def needed(self) -> List[str]:
        return self._dyn_strings(DT_NEEDED)

    @property
    @_guarded
    def runpath(self) -> List[str]:
        return self._dyn_strings(DT_RUNPATH) + self._dyn_strings(DT_RPATH)

    @property
    @_guarded
    def verdefs(self) -> List[VerDef]:
        """The .gnu.version_d entries (the first one, `base`, names the file)."""
        if self._verdefs is None:
            self._verdefs = []
            sec = self._first(SHT_GNU_VERDEF)
            if sec is not None:
                strtab = bytes(self.sections[sec.link].data)
                off = sec.offset
                for _ in range(sec.info or 1 << 30):
                    _v, flags, ndx, cnt, hash_, aux, nxt = _VERDEF.unpack_from(self.data, off)
                    names = []
                    a = off + aux
                    for _k in range(cnt):
                        name, anext = _VERDAUX.unpack_from(self.data, a)
                        names.append(cstr(strtab, name))
                        a += anext
                    if names:
                        self._verdefs.append(VerDef(ndx, flags, names[0], hash_, names[1:]))
                    if not nxt:
                        break
                    off += nxt
        return self._verdefs

    @property
    @_guarded
    def verneeds(self) -> List[VerNeed]:
        """The .gnu.version_r entries (versions this file uses from others)."""
        if self._verneeds is None:
            self._verneeds = []
            sec = self._first(SHT_GNU_VERNEED)
            if sec is not None:
                strtab = bytes(self.sections[sec.link].data)
                off = sec.offset
                for _ in range(sec.info or 1 << 30):
                    _v, cnt, file, aux, nxt = _VERNEED.unpack_from(self.data, off)
                    vers = []
                    a = off + aux
                    for _k in range(cnt):
                        hash_, flags, other, name, anext = _VERNAUX.unpack_from(self.data, a)
                        vers.append((cstr(strtab, name), hash_, flags, other))
                        a += anext
                    self._verneeds.append(VerNeed(cstr(strtab, file), vers))
                    if not nxt:
                        break
                    off += nxt
        return self._verneeds

    @_guarded
    def version_names(self) -> Dict[int, str]:
        """.gnu.version index -> version name, from version_d and version_r."""
        names = {d.index: d.name for d in self.verdefs if not d.base}
        for vn in self.verneeds:
            for name, _h, _f, other in vn.versions:
                names[other] = name
        return names

    @_guarded
    def dyn_symbol_rows(self) -> List[SymRow]:
        """The .dynsym entries as tuples, like symbol_rows (index 0
        included, cached); their versions are in dyn_symbols."""
        if self._dynrows is None:
            sec = self._first(SHT_DYNSYM)
            self._dynrows = self._read_rows(sec) if sec is not None else []
        return self._dynrows

    def _versions(self) -> Tuple[Tuple[int, ...], Dict[int, str]]:
        """The raw .gnu.version entries (at most one per .dynsym entry;
        () if none) and the version names they refer to."""
        vsec = self._first(SHT_GNU_VERSYM)
        if vsec is None:
            return (), {}
        n = min(vsec.size // 2, len(self.dyn_symbol_rows()))
        return struct.unpack_from(f"<{n}H", self.data, vsec.offset), self.version_names()

    @property
    @_guarded
    def dyn_symbols(self) -> List[Symbol]:
        """The .dynsym entries (index 0 included), with their versions."""
        if self._dynsyms is None:
            vers, names = self._versions()
            nv = len(vers)
            syms = []
            for i, r in enumerate(self.dyn_symbol_rows()):
                v = vers[i] if i < nv else 0
                ndx = v & 0x7fff
                syms.append(Symbol(i, *r, names.get(ndx) if ndx > VER_NDX_GLOBAL else None,
                                   bool(v & VERSYM_HIDDEN), ndx))
            self._dynsyms = syms
        return self._dynsyms

    @_guarded
    def exported(self) -> Dict[str, Symbol]:
        """What a link against this shared object can bind to by name: the
        defined global/weak dynamic symbols of default visibility whose
        version is the default one (`@@` or unversioned).  The symbols
        naming a version itself (`GLIBC_2.10`, absolute, in libc.so.6) are
        left out: they only mark the version's existence."""
        # from the rows, not dyn_symbols: the linker reads every library it
        # is given, and only what passes gets a Symbol
        vers, names = self._versions()
        nv = len(vers)
        out: Dict[str, Symbol] = {}
        for i, (name, bind, typ, vis, shndx, value, size) in enumerate(self.dyn_symbol_rows()):
            if not i or not bind or shndx == SHN_UNDEF or vis == 1 or vis == 2:
                continue  # local, undefined, hidden or internal
            v = vers[i] if i < nv else 0
            if v & VERSYM_HIDDEN:
                continue
            ver = names.get(v) if v > VER_NDX_GLOBAL else None
            if not (shndx == SHN_ABS and name == ver):
                out[name] = Symbol(i, name, bind, typ, vis, shndx, value, size, ver, False, v)
        return out


def read_elf(data: bytes, path: str) -> ElfFile:
    """Parse an ELF64 little-endian file; raises ElfError."""
    try:
        return ElfFile(data, path)
    except (struct.error, IndexError, OverflowError) as e:
        raise ElfError(f"{path}: truncated or corrupt ELF file ({e})") from None


def is_elf(data: bytes) -> bool:
    return data[:4] == b"\x7fELF"


__all__ = ["ElfFile", "ElfError", "Section", "Symbol", "Group", "VerDef", "VerNeed",
           "Segment", "read_elf", "is_elf", "cstr", "elf_hash", "GRP_COMDAT", "VER_FLG_BASE",
           "VERSYM_HIDDEN"]
