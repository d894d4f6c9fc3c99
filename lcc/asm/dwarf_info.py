"""The compilation unit GNU as 2.40 writes for a source with `.loc` rows
but no `.debug_info` of its own (hand-written assembly): without it a
debugger would not find the line table.

  * .debug_info: one DW_TAG_compile_unit (version 3, or 5 when the line
    table is DWARF 5) with DW_AT_stmt_list, the code's extent (low_pc +
    high_pc for one section with rows, else DW_AT_ranges into
    .debug_ranges / .debug_rnglists), DW_AT_name (file 1 with its
    directory unless that is entry 0), DW_AT_comp_dir (the working
    directory), DW_AT_producer "GNU AS 2.40" and DW_AT_language
    DW_LANG_Mips_Assembler, the strings in .debug_str;
  * .debug_abbrev: that DIE's one abbreviation;
  * .debug_aranges: each section with rows, from its start to its end.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, List, Tuple

from lcc.asm.cfi import uleb
from lcc.asm.model import Fixup, Section
from lcc.elf.consts import SHF_MERGE, SHF_STRINGS, SHT_PROGBITS

if TYPE_CHECKING:
    from lcc.asm.assembler import Assembler

PRODUCER = "GNU AS 2.40"
DW_LANG_Mips_Assembler = 0x8001
DW_TAG_compile_unit = 0x11
DW_AT_stmt_list, DW_AT_low_pc, DW_AT_high_pc, DW_AT_ranges = 0x10, 0x11, 0x12, 0x55
DW_AT_name, DW_AT_comp_dir, DW_AT_producer, DW_AT_language = 0x03, 0x1B, 0x25, 0x13
DW_FORM_addr, DW_FORM_data2, DW_FORM_data4, DW_FORM_strp = 0x01, 0x05, 0x06, 0x0E
DW_FORM_udata, DW_FORM_sec_offset = 0x0F, 0x17
DW_RLE_start_length = 7

# (offset, size, target section or None, addend): patched by relocations
Refs = List[Tuple[int, int, Section, int]]


def put(sec: Section, data: bytes, refs: Refs) -> None:
    """Append data to sec's last fragment, refs becoming its fixups."""
    frag = sec.cur
    base = len(frag.data)
    frag.data += data
    for off, size, target, addend in refs:
        frag.fixups.append(Fixup(frag, base + off, size, None, None, target.sym, addend,
                                 None, 0))


def emit(a: "Assembler", code: List[Section], name: str, dwarf5: bool,
         line: Section) -> List[Section]:
    """The unit for `code` (the sections with rows, in sequence order);
    returns the sections made."""
    info = a.section(".debug_info", SHT_PROGBITS, 0)
    abbrev = a.section(".debug_abbrev", SHT_PROGBITS, 0)
    aranges = a.section(".debug_aranges", SHT_PROGBITS, 0)
    strs = a.section(".debug_str", SHT_PROGBITS, SHF_MERGE | SHF_STRINGS, 1)
    made = [info, abbrev, aranges, strs]
    offset_form = DW_FORM_sec_offset if dwarf5 else DW_FORM_data4
    body = bytearray()
    refs: Refs = []
    body += uleb(1)
    refs.append((len(body), 4, line, 0))
    body += bytes(4)
    attrs = [(DW_AT_stmt_list, offset_form)]
    if len(code) == 1:
        sec = code[0]
        refs.append((len(body), 8, sec, 0))
        body += bytes(8)
        if dwarf5:
            attrs += [(DW_AT_low_pc, DW_FORM_addr), (DW_AT_high_pc, DW_FORM_udata)]
            body += uleb(sec.size())
        else:
            attrs += [(DW_AT_low_pc, DW_FORM_addr), (DW_AT_high_pc, DW_FORM_addr)]
            refs.append((len(body), 8, sec, sec.size()))
            body += bytes(8)
    else:
        ranges = _ranges(a, code, dwarf5)
        made.append(ranges)
        attrs.append((DW_AT_ranges, offset_form))
        refs.append((len(body), 4, ranges, 12 if dwarf5 else 0))
        body += bytes(4)
    sfrag = strs.cur
    for text in (name, os.getcwd(), PRODUCER):
        refs.append((len(body), 4, strs, sfrag.addr + len(sfrag.data)))
        body += bytes(4)
        sfrag.data += text.encode("utf-8", "surrogateescape") + b"\0"
    attrs += [(DW_AT_name, DW_FORM_strp), (DW_AT_comp_dir, DW_FORM_strp),
              (DW_AT_producer, DW_FORM_strp), (DW_AT_language, DW_FORM_data2)]
    body += DW_LANG_Mips_Assembler.to_bytes(2, "little")
    # unit header: length, version, (unit type,) abbrev offset, address size
    if dwarf5:
        head = bytes((5, 0, 1, 8)) + bytes(4)
        at_abbrev = 8
    else:
        head = bytes((3, 0)) + bytes(4) + bytes((8,))
        at_abbrev = 6
    unit = (len(head) + len(body)).to_bytes(4, "little") + head + bytes(body)
    shift = 4 + len(head)
    put(info, unit, [(at_abbrev, 4, abbrev, 0)] +
         [(off + shift, size, t, add) for off, size, t, add in refs])
    ab = bytearray(uleb(1) + uleb(DW_TAG_compile_unit) + b"\0")
    for at, form in attrs:
        ab += uleb(at) + uleb(form)
    ab += b"\0\0\0"
    put(abbrev, bytes(ab), [])
    _aranges(a, aranges, info, code)
    # GNU's section symbols of these come in the order its relocations
    # first name them
    lstr = a.by_name.get((".debug_line_str", None))
    order = [info, abbrev, line] + ([lstr] if lstr is not None else []) + made[4:] + [strs]
    moved = {id(x.sym) for x in order}
    a.order = [s for s in a.order if id(s) not in moved] + [x.sym for x in order]
    return made


def _aranges(a: "Assembler", sec: Section, info: Section, code: List[Section]) -> None:
    sec.align = max(sec.align, 16)
    out = bytearray(bytes(4) + bytes((2, 0)) + bytes(4) + bytes((8, 0)))
    refs: Refs = [(6, 4, info, 0)]
    out += bytes(-len(out) & 15)        # the tuples start at a multiple of 16
    for c in code:
        refs.append((len(out), 8, c, 0))
        out += bytes(8) + c.size().to_bytes(8, "little")
    out += bytes(16)
    out[0:4] = (len(out) - 4).to_bytes(4, "little")
    put(sec, bytes(out), refs)


def _ranges(a: "Assembler", code: List[Section], dwarf5: bool) -> Section:
    refs: Refs = []
    if dwarf5:
        sec = a.section(".debug_rnglists", SHT_PROGBITS, 0)
        out = bytearray(bytes(4) + bytes((5, 0, 8, 0)) + bytes(4))
        for c in code:
            out.append(DW_RLE_start_length)
            refs.append((len(out), 8, c, 0))
            out += bytes(8) + uleb(c.size())
        out.append(0)
        out[0:4] = (len(out) - 4).to_bytes(4, "little")
    else:
        sec = a.section(".debug_ranges", SHT_PROGBITS, 0)
        sec.align = max(sec.align, 16)
        out = bytearray(b"\xff" * 8 + bytes(8))     # base address 0: entries are relocated
        for c in code:
            refs.append((len(out), 8, c, 0))
            refs.append((len(out) + 8, 8, c, c.size()))
            out += bytes(16)
        out += bytes(16)
    put(sec, bytes(out), refs)
    return sec
