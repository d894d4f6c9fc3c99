"""`.file N` / `.loc` -> the `.debug_line` section, as GNU as 2.40 builds it.

What GNU as does (checked with `readelf --debug-dump=rawline` on its
objects) and this module reproduces:

  * `.file 0 "dir" "name"` makes the table DWARF 5: directories and file
    names are DW_FORM_line_strp offsets into `.debug_line_str` (strings
    appended there, never shared, with R_X86_64_32 relocations), file
    entries carry an MD5 only if some `.file` gave one.  Without a file 0
    the header is version 3 with the strings inline.  A file name's
    directory part goes to the directory table (one entry per distinct
    directory, in order of first use; no directory part = entry 0).
  * A `.loc` makes a row at the next instruction's address; with a `view`
    option the row is made at once, at the `.loc` itself; a second `.loc`
    before any instruction puts the pending one at the current address.
    `is_stmt` persists; discriminator, basic_block, prologue_end and
    epilogue_begin belong to one row.
  * Each section with rows is one sequence (in order of its first row):
    DW_LNE_set_address (R_X86_64_64 against the section) before the first
    row, then per row the state changes and one address/line advance,
    DW_LNE_end_sequence at the end of the section.
  * The row's view number (a `view SYMBOL` gets it as its value) counts
    rows at the same address: 0 when the address moved.

Rows are (section, fragment, offset) places, so their addresses are read
after branch relaxation (layout.finish calls finish()).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

from lcc.asm import dwarf_info
from lcc.asm.cfi import sleb, uleb
from lcc.asm.expr import AsmError
from lcc.asm.model import Section
from lcc.asm.parser import skip_quoted
from lcc.elf.consts import SHF_EXECINSTR, SHF_MERGE, SHF_STRINGS, SHT_PROGBITS

if TYPE_CHECKING:
    from lcc.asm.assembler import Assembler

# Line-program parameters of GNU as on x86-64.
LINE_BASE = -5
LINE_RANGE = 14
OPCODE_BASE = 13
STD_LENGTHS = bytes((0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1))
# the largest address advance one special opcode can carry (line +0)
MAX_SPECIAL_ADDR = (255 - OPCODE_BASE) // LINE_RANGE

DW_LNS_copy, DW_LNS_advance_pc, DW_LNS_advance_line = 1, 2, 3
DW_LNS_set_file, DW_LNS_set_column, DW_LNS_negate_stmt = 4, 5, 6
DW_LNS_set_basic_block, DW_LNS_const_add_pc = 7, 8
DW_LNS_set_prologue_end, DW_LNS_set_epilogue_begin, DW_LNS_set_isa = 10, 11, 12
DW_LNE_end_sequence, DW_LNE_set_address, DW_LNE_set_discriminator = 1, 2, 4
DW_LNCT_path, DW_LNCT_directory_index, DW_LNCT_MD5 = 1, 2, 5
DW_FORM_udata, DW_FORM_data16, DW_FORM_line_strp = 0x0F, 0x1E, 0x1F

F_BASIC_BLOCK, F_PROLOGUE_END, F_EPILOGUE_BEGIN = 1, 2, 4


def advance(line_delta: int, addr_delta: int) -> bytes:
    """One row's line and address advance, with GNU's choice of opcodes:
    a special opcode if it fits, else DW_LNS_const_add_pc + special, else
    DW_LNS_advance_pc; DW_LNS_advance_line first when the line step is
    out of the special opcodes' range (then the row is a copy or a
    special opcode with line +0)."""
    out = bytearray()
    bias = line_delta - LINE_BASE
    copy = False
    if not 0 <= bias < LINE_RANGE:
        out.append(DW_LNS_advance_line)
        out += sleb(line_delta)
        line_delta, bias, copy = 0, -LINE_BASE, True
    if line_delta == 0 and addr_delta == 0:
        out.append(DW_LNS_copy)
        return bytes(out)
    bias += OPCODE_BASE
    if addr_delta < 256 + MAX_SPECIAL_ADDR:
        op = bias + addr_delta * LINE_RANGE
        if op <= 255:
            out.append(op)
            return bytes(out)
        op = bias + (addr_delta - MAX_SPECIAL_ADDR) * LINE_RANGE
        if op <= 255:
            out += bytes((DW_LNS_const_add_pc, op))
            return bytes(out)
    out.append(DW_LNS_advance_pc)
    out += uleb(addr_delta)
    out.append(DW_LNS_copy if copy else bias)
    return bytes(out)


def end_sequence(addr_delta: int) -> bytes:
    out = bytearray()
    if addr_delta == MAX_SPECIAL_ADDR:
        out.append(DW_LNS_const_add_pc)
    elif addr_delta:
        out.append(DW_LNS_advance_pc)
        out += uleb(addr_delta)
    out += bytes((0, 1, DW_LNE_end_sequence))
    return bytes(out)


class Row:
    __slots__ = ("dot", "file", "line", "col", "is_stmt", "isa", "disc", "flags", "reset")

    def __init__(self, dot: tuple, loc: "Loc") -> None:
        self.dot = dot                    # (section, fragment, offset)
        self.file = loc.file
        self.line = loc.line
        self.col = loc.col
        self.is_stmt = loc.is_stmt
        self.isa = loc.isa
        self.disc = loc.disc
        self.flags = loc.flags
        self.reset = loc.reset

    def addr(self) -> int:
        return self.dot[1].addr + self.dot[2]


class Loc:
    """The current `.loc` state (GNU's `current`)."""
    __slots__ = ("file", "line", "col", "is_stmt", "isa", "disc", "flags", "reset", "view")

    def __init__(self) -> None:
        self.file = 1
        self.line = 1
        self.col = 0
        self.is_stmt = True
        self.isa = 0
        self.disc = 0
        self.flags = 0
        self.reset = False                # `view 0`/`view -0`: may restart views
        self.view: Optional[str] = None   # `view SYMBOL`


def _words(text: str) -> List[str]:
    """Split directive text into words, a quoted string being one word."""
    out: List[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in " \t,":
            i += 1
            continue
        if c == '"':
            j = skip_quoted(text, i, n)
        else:
            j = i
            while j < n and text[j] not in " \t,":
                j += 1
        out.append(text[i:j])
        i = j
    return out


class LineTable:
    def __init__(self, a: "Assembler") -> None:
        self.a = a
        self.files: Dict[int, Tuple[str, str, Optional[int]]] = {}   # n -> (dir, name, md5)
        self.dwarf5 = False
        self.dir0 = ""
        self.loc = Loc()
        self.pending = False              # a `.loc` waits for an instruction
        self.mark_labels = False
        self.seqs: Dict[int, Tuple[Section, List[Row]]] = {}
        self.views: Dict[int, Tuple[tuple, int]] = {}   # id(section) -> (last dot, view)

    # -- directives ---------------------------------------------------------

    def file(self, text: str) -> bool:
        """`.file N [dir] "name" [md5 V]`; False for the plain `.file "x"`."""
        from lcc.asm.directives import parse_string
        w = _words(text)
        if not w or w[0].startswith('"'):
            return False
        num = self.a.absolute(w[0])
        strs: List[str] = []
        k = 1
        while k < len(w) and w[k].startswith('"'):
            strs.append(parse_string(w[k]).decode("utf-8", "surrogateescape"))
            k += 1
        if not strs or len(strs) > 2:
            raise AsmError("expected file name in .file")
        md5: Optional[int] = None
        while k < len(w):
            if w[k] == "md5" and k + 1 < len(w):
                md5 = self.a.absolute(w[k + 1]) & ((1 << 128) - 1)
                k += 2
            else:
                raise AsmError("junk at end of line, first unrecognized character is `%s'"
                               % w[k][0])
        if num < 0:
            raise AsmError("file number less than one")
        # GNU: a file name's directory part becomes a directory entry, except
        # when the directory is given apart (then the name stays whole);
        # file 0's directory is entry 0 even then
        name = strs[-1]
        d = ""
        if num == 0:
            self.dwarf5 = True
            self.dir0 = strs[0] if len(strs) == 2 else ""
        elif len(strs) == 2:
            d = strs[0]
        if "/" in name and (num == 0 or len(strs) == 1):
            d, _, name = name.rpartition("/")
            d = d or "/"
        self.files[num] = (d, name, md5)
        return True

    def directive_loc(self, text: str) -> None:
        a = self.a
        w = _words(text)
        if len(w) < 2:
            raise AsmError("bad .loc directive")
        if self.pending:
            # two .locs in a row: the first one's row is here
            self.row(a.dot())
        loc = self.loc
        num = a.absolute(w[0])
        if num not in self.files:
            raise AsmError("unassigned file number %d" % num)
        loc.file = num
        loc.line = a.absolute(w[1])
        k = 2
        if k < len(w) and w[k][0] in "0123456789-(":
            loc.col = a.absolute(w[k])
            k += 1
        else:
            loc.col = 0
        view: Optional[str] = None
        while k < len(w):
            opt = w[k]
            k += 1
            if opt == "basic_block":
                loc.flags |= F_BASIC_BLOCK
            elif opt == "prologue_end":
                loc.flags |= F_PROLOGUE_END
            elif opt == "epilogue_begin":
                loc.flags |= F_EPILOGUE_BEGIN
            elif opt in ("is_stmt", "isa", "discriminator", "view") and k < len(w):
                arg = w[k]
                k += 1
                if opt == "view":
                    view = arg
                    continue
                v = a.absolute(arg)
                if opt == "is_stmt":
                    if v not in (0, 1):
                        raise AsmError("is_stmt value not 0 or 1")
                    loc.is_stmt = bool(v)
                elif opt == "isa":
                    loc.isa = v
                else:
                    loc.disc = v
            else:
                raise AsmError("unknown .loc sub-directive `%s'" % opt)
        self.pending = True
        a.line_pending = True
        if view is not None:
            # GNU makes the row at once when a view is named
            loc.reset = view.lstrip("-").isdigit()
            loc.view = None if view.lstrip("-").isdigit() else view
            self.row(a.dot())

    def label(self) -> None:
        """A label under `.loc_mark_labels 1`: a basic-block row there."""
        a = self.a
        if not self.files or not a.cur.flags & SHF_EXECINSTR:
            return
        self.loc.flags |= F_BASIC_BLOCK
        self.row(a.dot())

    # -- rows -----------------------------------------------------------------

    def row(self, dot: tuple) -> None:
        """Record the current .loc at `dot` and consume its one-row parts."""
        sec = dot[0]
        loc = self.loc
        seq = self.seqs.get(id(sec))
        if seq is None:
            seq = self.seqs[id(sec)] = (sec, [])
        seq[1].append(Row(dot, loc))
        last = self.views.get(id(sec))
        view = 0
        if last is not None and _same_place(last[0], dot):
            view = last[1] + 1
        self.views[id(sec)] = (dot, view)
        if loc.view is not None:
            s = self.a.sym(loc.view)
            if not s.defined():
                s.expr = ("num", view)
        loc.flags = 0
        loc.disc = 0
        loc.view = None
        loc.reset = False
        self.pending = False
        self.a.line_pending = False

    # -- the section ------------------------------------------------------------

    def finish(self) -> List[Section]:
        """Append the line table to .debug_line (after relaxation of the
        code); returns the sections that grew (to be laid out again)."""
        a = self.a
        line = a.by_name.get((".debug_line", None))
        empty = line is None or not line.size() and len(line.frags) == 1
        info = a.by_name.get((".debug_info", None))
        has_info = info is not None and bool(info.size())
        if not self.seqs:
            # no rows: GNU still writes a (header-only) table for the
            # source's own non-empty .debug_info (gcc's, for a unit without
            # code) unless the source wrote .debug_line itself
            if not has_info or not empty:
                return []
        elif not empty:
            raise AsmError("duplicate .debug_line sections")
        line = a.section(".debug_line", SHT_PROGBITS, 0)
        strs: Optional[Section] = None
        if self.dwarf5:
            strs = a.section(".debug_line_str", SHT_PROGBITS, SHF_MERGE | SHF_STRINGS, 1)
        out = bytearray()
        fixups: List[Tuple[int, int, Section, int]] = []   # (offset, size, section, addend)
        version = 5 if self.dwarf5 else 3
        out += bytes(4) + version.to_bytes(2, "little")
        if version >= 5:
            out += bytes((8, 0))
        hdr_at = len(out)
        out += bytes(4)
        out += bytes((1,)) + (bytes((1,)) if version >= 4 else b"")
        out += bytes((1, LINE_BASE & 0xFF, LINE_RANGE, OPCODE_BASE)) + STD_LENGTHS
        if strs is not None:
            self._tables5(out, fixups, strs)
        else:
            self._tables3(out)
        out[hdr_at:hdr_at + 4] = (len(out) - hdr_at - 4).to_bytes(4, "little")
        for sec, rows in self.seqs.values():
            self._sequence(out, fixups, sec, rows)
        out[0:4] = (len(out) - 4).to_bytes(4, "little")
        dwarf_info.put(line, bytes(out), fixups)
        made = [line] + ([strs] if strs is not None else [])
        if self.seqs and not has_info:
            # hand-written assembly: GNU describes the unit itself
            # DW_AT_name: file 0 (DWARF 5) or 1, with its directory part
            d, name, _ = self.files.get(0 if self.dwarf5 else 1, ("", "", None))
            if d:
                name = d + "/" + name
            made += dwarf_info.emit(a, [sec for sec, _ in self.seqs.values()], name,
                                    self.dwarf5, line)
        return made

    def _dirs_and_files(self) -> Tuple[List[str], List[Tuple[int, str, Optional[int]]]]:
        top = max(self.files) if self.files else 0
        dirs: List[str] = []
        if self.dwarf5:
            dirs.append(self.dir0)
        files: List[Tuple[int, str, Optional[int]]] = []
        for n in range(0 if self.dwarf5 else 1, top + 1):
            if n not in self.files:
                raise AsmError("unassigned file number %d" % n)
            d, name, md5 = self.files[n]
            if not d:
                files.append((0, name, md5))
                continue
            # GNU looks file 0's directory up before entry 0 is set
            first = 1 if n == 0 else 0
            if d not in dirs[first:]:
                dirs.append(d)
            files.append((dirs.index(d, first) + (0 if self.dwarf5 else 1), name, md5))
        return dirs, files

    def _tables5(self, out: bytearray, fixups: list, strs: Section) -> None:
        dirs, files = self._dirs_and_files()
        # strings go at the end of .debug_line_str (relaxed already), never shared
        frag = strs.cur

        def strp(s: str) -> None:
            fixups.append((len(out), 4, strs, frag.addr + len(frag.data)))
            out.extend(bytes(4))
            frag.data.extend(s.encode("utf-8", "surrogateescape") + b"\0")
        out += uleb(1) + uleb(DW_LNCT_path) + uleb(DW_FORM_line_strp)
        out += uleb(len(dirs))
        for d in dirs:
            strp(d)
        with_md5 = any(f[2] is not None for f in files)
        forms = [(DW_LNCT_path, DW_FORM_line_strp), (DW_LNCT_directory_index, DW_FORM_udata)]
        if with_md5:
            forms.append((DW_LNCT_MD5, DW_FORM_data16))
        out += uleb(len(forms))
        for ct, form in forms:
            out += uleb(ct) + uleb(form)
        out += uleb(len(files))
        for di, name, md5 in files:
            strp(name)
            out += uleb(di)
            if with_md5:
                out += (md5 or 0).to_bytes(16, "little")

    def _tables3(self, out: bytearray) -> None:
        dirs, files = self._dirs_and_files()
        for d in dirs:
            out += d.encode("utf-8", "surrogateescape") + b"\0"
        out.append(0)
        for di, name, _ in files:
            out += name.encode("utf-8", "surrogateescape") + b"\0" + uleb(di) + b"\0\0"
        out.append(0)

    @staticmethod
    def _sequence(out: bytearray, fixups: list, sec: Section, rows: List[Row]) -> None:
        file, line, col, is_stmt, isa = 1, 1, 0, True, 0
        last: Optional[int] = None
        prev: tuple = ()
        for r in rows:
            if r.file != file:
                file = r.file
                out += bytes((DW_LNS_set_file,)) + uleb(file)
            if r.col != col:
                col = r.col
                out += bytes((DW_LNS_set_column,)) + uleb(col)
            if r.disc:
                d = uleb(r.disc)
                out += bytes((0,)) + uleb(1 + len(d)) + bytes((DW_LNE_set_discriminator,)) + d
            if r.isa != isa:
                isa = r.isa
                out += bytes((DW_LNS_set_isa,)) + uleb(isa)
            if r.is_stmt != is_stmt:
                is_stmt = r.is_stmt
                out.append(DW_LNS_negate_stmt)
            if r.flags & F_BASIC_BLOCK:
                out.append(DW_LNS_set_basic_block)
            if r.flags & F_PROLOGUE_END:
                out.append(DW_LNS_set_prologue_end)
            if r.flags & F_EPILOGUE_BEGIN:
                out.append(DW_LNS_set_epilogue_begin)
            addr = r.addr()
            if last is None or r.reset and _may_reset(prev, r.dot, sec):
                out += bytes((0, 9, DW_LNE_set_address))
                fixups.append((len(out), 8, sec, addr))
                out += bytes(8)
                out += advance(r.line - line, 0)
            else:
                if addr < last:
                    raise AsmError("line table rows out of address order in `%s'" % sec.name)
                out += advance(r.line - line, addr - last)
            line = r.line
            last = addr
            prev = r.dot
        assert last is not None
        out += end_sequence(sec.size() - last)


def _same_place(d1: tuple, d2: tuple) -> bool:
    """Whether place d2 (the current end of its section) has the address
    of the earlier place d1: no bytes were emitted between them.  An
    alignment pad between is taken as nonzero (known only after layout)."""
    f1, o1 = d1[1], d1[2]
    f2, o2 = d2[1], d2[2]
    if f1 is f2:
        return o1 == o2
    if o2 or len(f1.data) != o1 and f1.kind == "fixed":
        return False
    frags = d2[0].frags
    i = len(frags) - 1
    while i >= 0 and frags[i] is not f2:
        i -= 1
    i -= 1
    while i >= 0:
        f = frags[i]
        if f is f1:
            return True
        if f.kind != "fixed" or f.data:
            return False
        i -= 1
    return False


def _may_reset(d1: tuple, d2: tuple, sec: Section) -> bool:
    """A `view 0`/`view -0` row starts again with DW_LNE_set_address when
    GNU cannot tell that the address moved: at the same place of one of
    its frags, or at the start of a frag when the previous row ended its
    frag's fixed part.  A GNU frag is a fixed fragment with the variable
    one after it; a relaxable jump's opcode byte is in the fixed part."""
    f1, o1 = d1[1], d1[2]
    f2, o2 = d2[1], d2[2]
    if f1 is f2:
        return o1 == o2
    if o2 or o1 < len(f1.data):
        return False
    frags = sec.frags
    i = frags.index(f1)
    return i + 1 < len(frags) and frags[i + 1].kind != "branch"
