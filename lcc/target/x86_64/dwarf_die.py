"""DWARF debugging information entries and their encoding as assembly text
(.debug_info and .debug_abbrev; lcc.target.x86_64.dwarf builds the tree).

A Die is a tag, attributes (attribute, form, value) and children.  Forms
and what their value is:
    0x01 addr        a symbol or label (`.quad` relocated)
    0x07 data8       an assembler expression (`.quad .LFE0-.LFB0`)
    0x0b data1, 0x0c flag, 0x0f udata   an int
    0x08 string      a str (inline, UTF-8, NUL-terminated)
    0x13 ref4        another Die (its offset in the unit, computed here)
    0x17 sec_offset  a label in another debug section (`.long`)
    0x18 exprloc     bytes (a DWARF expression), or a str: DW_OP_addr of
                     that symbol (relocated)
    0x19 flag_present  None (no data)
Abbreviations are made from the distinct (tag, attribute/form list,
has-children) shapes, numbered in order of first use.
"""
from __future__ import annotations

from typing import Any, Dict, List, Tuple, Union

from lcc.asm.cfi import uleb as _uleb

Chunk = Union[bytes, Tuple[str, int]]      # raw bytes, or (directive, its size)


class Die:
    __slots__ = ("tag", "attrs", "children", "offset")

    def __init__(self, tag: int, attrs: List[Tuple[int, int, Any]]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: List[Die] = []
        self.offset = 0


def _value(form: int, v: Any) -> Chunk:
    if form == 0x01:
        return ("\t.quad\t%s" % v, 8)
    if form == 0x07:
        return ("\t.quad\t%s" % v, 8) if isinstance(v, str) else v.to_bytes(8, "little")
    if form in (0x0b, 0x0c):
        return bytes([v & 0xFF])
    if form == 0x0f:
        return _uleb(v)
    if form == 0x08:
        return v.encode("utf-8", "surrogateescape") + b"\0"
    if form == 0x13:
        return ("ref", 4)            # patched once offsets are known
    if form == 0x17:
        return ("\t.long\t%s" % v, 4)
    if form == 0x18:
        if isinstance(v, str):
            return ("\t.byte\t0x9,0x3\n\t.quad\t%s" % v, 10)
        return _uleb(len(v)) + v
    if form == 0x19:
        return b""
    raise ValueError("form %#x" % form)


def serialize(cu: Die) -> Tuple[str, str]:
    """(.debug_info text, .debug_abbrev text) of one compile unit."""
    abbrevs: Dict[Tuple[Any, ...], int] = {}
    flat: List[Tuple[Die, int]] = []            # DIEs in order, with their abbrev code

    def walk(d: Die) -> None:
        shape = (d.tag, tuple((a, f) for a, f, _ in d.attrs), bool(d.children))
        code = abbrevs.setdefault(shape, len(abbrevs) + 1)
        flat.append((d, code))
        for c in d.children:
            walk(c)
        if d.children:
            flat.append((None, 0))               # type: ignore[arg-type]

    walk(cu)
    # Pass 1: offsets (the unit header is 12 bytes: length 4, version 2,
    # unit type 1, address size 1, abbrev offset 4).
    pos = 12
    encoded: List[List[Chunk]] = []
    for d, code in flat:
        if d is None:
            encoded.append([b"\0"])
            pos += 1
            continue
        d.offset = pos
        parts: List[Chunk] = [_uleb(code)]
        for _, form, v in d.attrs:
            parts.append(_value(form, v))
        encoded.append(parts)
        pos += sum(len(p) if isinstance(p, bytes) else p[1] for p in parts)
    total = pos
    # Pass 2: the text, references filled in.
    out: List[str] = ["\t.long\t%d" % (total - 4), "\t.value\t0x5", "\t.byte\t0x1",
                      "\t.byte\t0x8", "\t.long\t.Ldebug_abbrev0"]
    pending = bytearray()

    def flush() -> None:
        for i in range(0, len(pending), 16):
            out.append("\t.byte\t" + ",".join("%#x" % b for b in pending[i:i + 16]))
        del pending[:]

    for (d, _), parts in zip(flat, encoded):
        refs = [v for _, form, v in d.attrs if form == 0x13] if d is not None else []
        for p in parts:
            if isinstance(p, bytes):
                pending.extend(p)
            elif p[0] == "ref":
                pending.extend(refs.pop(0).offset.to_bytes(4, "little"))
            else:
                flush()
                out.append(p[0])
    flush()
    ab: List[str] = []
    for (tag, pairs, kids), code in abbrevs.items():
        data = bytearray(_uleb(code) + _uleb(tag) + bytes([1 if kids else 0]))
        for a, f in pairs:
            data += _uleb(a) + _uleb(f)
        data += b"\0\0"
        ab.append("\t.byte\t" + ",".join("%#x" % b for b in data))
    ab.append("\t.byte\t0")
    return "\n".join(out) + "\n", "\n".join(ab) + "\n"
