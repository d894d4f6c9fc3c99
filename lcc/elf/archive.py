"""Read `ar` archives in the GNU/System V format (static libraries).

Layout: the magic `!<arch>\\n` (or `!<thin>\\n` for a thin archive), then
members, each a 60-byte header (name 16, date 12, uid 6, gid 6, mode 8,
size 10, "`\\n") followed by its contents padded to an even offset.
Special members: `/` is the symbol index (a big-endian 32-bit count, that
many member header offsets, then the NUL-terminated names in the same
order), `/SYM64/` the same with 64-bit numbers, `//` the table of names
longer than 15 bytes, which other members refer to as `/<offset>`.
Ordinary names end with `/` (so they may contain spaces).

In a thin archive the members' contents are not stored: each name (a
long-name entry) is a path relative to the archive's directory.
"""
from __future__ import annotations

import os
import struct
from typing import Dict, Iterator, List, Optional, Tuple, Union

from lcc.elf.reader import ElfFile, read_elf

AR_MAGIC = b"!<arch>\n"
# the index (GNU, 64-bit, other flavours') and the long-name table
_SPECIAL = frozenset((b"/", b"/SYM64/", b"//", b"/SYM64", b"__.SYMDEF", b"__.SYMDEF SORTED"))
THIN_MAGIC = b"!<thin>\n"


class ArchiveError(ValueError):
    """Not a readable archive; the message names the file."""


class Member:
    """One archive member.  `offset` is its header's offset in the archive
    (what the symbol index refers to), `data` its contents."""

    __slots__ = ("archive", "name", "offset", "size", "_data", "_elf")

    def __init__(self, archive: "Archive", name: str, offset: int, size: int,
                 data: Optional[memoryview]) -> None:
        # a zero-copy view until first asked for, then the bytes (read_elf
        # wants bytes); None for a thin archive's member until read
        self.archive = archive
        self.name = name
        self.offset = offset
        self.size = size
        self._data: Union[memoryview, bytes, None] = data
        self._elf: Optional[ElfFile] = None

    @property
    def path(self) -> str:
        """How diagnostics name it, like GNU ld: `libc.a(printf.o)`."""
        return f"{self.archive.path}({self.name})"

    @property
    def data(self) -> bytes:
        data = self._data
        if data is None:  # a thin archive's member: a file of its own
            base = os.path.dirname(self.archive.path)
            with open(os.path.join(base, self.name), "rb") as f:
                data = f.read()
        elif isinstance(data, memoryview):
            data = data.tobytes()
        self._data = data
        return data

    def elf(self) -> ElfFile:
        """The member parsed as ELF (cached); raises ElfError."""
        if self._elf is None:
            self._elf = read_elf(self.data, self.path)
        return self._elf


class Archive:
    """A parsed archive: `members` in file order, `index` (symbol ->
    member header offsets, in index order; the first is what GNU ld pulls),
    `member_at(offset)`.

    Only the leading special members (index, long names) are read at
    once; the member headers are walked on first use of `members` (or of
    `index` without an index), and `member_at` reads just its own header
    before that: a link pulls a few members of libgcc.a or libc.a (2000
    members) by the index."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        self.data = data
        self.thin = data.startswith(THIN_MAGIC)
        if not (self.thin or data.startswith(AR_MAGIC)):
            raise ArchiveError(f"{path}: not an archive")
        self.symbols: List[Tuple[str, int]] = []  # the index, in order
        self.has_index = False
        self._view = memoryview(data)
        self._longnames = b""
        self._members: Optional[List[Member]] = None
        self._by_offset: Dict[int, Member] = {}
        self._index: Optional[Dict[str, List[int]]] = None
        self._first = self._read_specials()  # the first ordinary member's offset

    def _header(self, off: int) -> Tuple[bytes, int, int]:
        """The member header at off: (name field, size, contents offset)."""
        hdr = self.data[off:off + 60]
        if len(hdr) < 60 or hdr[58:60] != b"`\n":
            raise ArchiveError(f"{self.path}: malformed member header at {off}")
        raw = hdr[:16].rstrip(b" ")
        try:
            size = int(hdr[48:58])
        except ValueError:
            raise ArchiveError(f"{self.path}: bad member size at {off}") from None
        body = off + 60
        if size < 0 or (body + size > len(self.data) and not (
                self.thin and raw[:1] == b"/" and raw[1:].isdigit())):
            raise ArchiveError(f"{self.path}: member at {off} extends past the end "
                               "of the file")
        return raw, size, body

    def _read_specials(self) -> int:
        off = 8
        while off + 60 <= len(self.data):
            raw, size, body = self._header(off)
            if raw == b"/" or raw == b"/SYM64/":
                self._read_index(self._view[body:body + size], 8 if raw == b"/SYM64/" else 4)
            elif raw == b"//":
                self._longnames = self.data[body:body + size]
            elif raw == b"/SYM64" or raw == b"__.SYMDEF" or raw == b"__.SYMDEF SORTED":
                pass  # other flavours' indexes: rebuilt from the members
            else:
                return off
            off = body + size + (size & 1)
        return off

    def _member(self, off: int, raw: bytes, size: int, body: int) -> Member:
        m = self._by_offset.get(off)
        if m is not None:
            return m
        if raw.startswith(b"/") and raw[1:].isdigit():
            start = int(raw[1:])
            stop = self._longnames.find(b"\n", start)
            name = self._longnames[start:stop if stop >= 0 else len(self._longnames)]
            name = name.rstrip(b"/")
        else:
            name = raw[:-1] if raw.endswith(b"/") else raw
        m = Member(self, name.decode("utf-8", "surrogateescape"), off, size,
                   None if self.thin else self._view[body:body + size])
        self._by_offset[off] = m
        return m

    @property
    def members(self) -> List[Member]:
        """Every ordinary member, in file order."""
        if self._members is None:
            out = []
            off = self._first
            while off + 60 <= len(self.data):
                raw, size, body = self._header(off)
                if raw not in _SPECIAL:  # (GNU ar writes those first)
                    out.append(self._member(off, raw, size, body))
                    if self.thin:
                        size = 0  # the contents live in their own file
                off = body + size + (size & 1)
            self._members = out
        return self._members

    def _read_index(self, body: memoryview, width: int) -> None:
        fmt = ">I" if width == 4 else ">Q"
        count = struct.unpack_from(fmt, body)[0]
        offsets = struct.unpack_from(f">{count}{fmt[1]}", body, width)
        names = bytes(body[width + width * count:]).split(b"\0")
        self.symbols.extend((n.decode("utf-8", "surrogateescape"), o)
                            for n, o in zip(names, offsets))
        self.has_index = True

    @property
    def index(self) -> Dict[str, List[int]]:
        """symbol -> member header offsets defining it.  An archive without
        an index (`ar q` without `s`) gets one built from its ELF members'
        defined global symbols, as GNU ld would refuse to do."""
        if self._index is None:
            idx: Dict[str, List[int]] = {}
            if not self.has_index:
                self.symbols = list(self._scan())
            for name, off in self.symbols:
                idx.setdefault(name, []).append(off)
            self._index = idx
        return self._index

    def _scan(self) -> Iterator[Tuple[str, int]]:
        for m in self.members:
            if m.data[:4] != b"\x7fELF":
                continue
            elf = m.elf()
            for name, bind, _typ, _vis, shndx, _value, _size in \
                    elf.symbol_rows()[elf.first_global:]:
                if shndx != 0 and bind != 0:
                    yield name, m.offset

    def member_at(self, offset: int) -> Member:
        m = self._by_offset.get(offset)
        if m is None and self._members is None and self._first <= offset < len(self.data):
            # before the walk: this header alone (the index is trusted, as by ld)
            raw, size, body = self._header(offset)
            if raw not in _SPECIAL:
                m = self._member(offset, raw, size, body)
        if m is None:
            raise ArchiveError(f"{self.path}: no member at offset {offset}")
        return m

    def member(self, name: str) -> Optional[Member]:
        """The first member called name."""
        for m in self.members:
            if m.name == name:
                return m
        return None


def read_archive(data: bytes, path: str) -> Archive:
    """Parse an archive; raises ArchiveError."""
    try:
        return Archive(data, path)
    except (struct.error, IndexError, OverflowError) as e:
        raise ArchiveError(f"{path}: truncated archive ({e})") from None


def is_archive(data: bytes) -> bool:
    return data.startswith(AR_MAGIC) or data.startswith(THIN_MAGIC)
