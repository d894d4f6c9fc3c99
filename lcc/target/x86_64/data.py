"""GNU assembler text for a Module's static data and symbol directives.

`emit_data(module)` returns, in order: file-scope asm statements, every
DataItem (section, binding, alignment, type, size, contents), the
module's weak/alias/visibility directives, and the note that the stack is
not executable.  Function text is printed by asm.py.
"""
from __future__ import annotations

from typing import Any, List, Set

# Sections lcc names by keyword -> the directive selecting them.
_SECTIONS = {
    "data": "\t.data",
    "rodata": "\t.section\t.rodata",
    "bss": "\t.bss",
    "tdata": "\t.section\t.tdata,\"awT\",@progbits",
    "tbss": "\t.section\t.tbss,\"awT\",@nobits",
}


def section_directive(name: str) -> str:
    """The `.section` line for a keyword or an explicit section name
    (flags as gcc gives them for the usual prefixes)."""
    if name in _SECTIONS:
        return _SECTIONS[name]
    if name.startswith(".text"):
        flags, kind = "ax", "@progbits"
    elif name.startswith(".rodata"):
        flags, kind = "a", "@progbits"
    elif name.startswith(".tbss"):
        flags, kind = "awT", "@nobits"
    elif name.startswith(".tdata"):
        flags, kind = "awT", "@progbits"
    elif name.startswith(".bss") or name.startswith(".sbss"):
        flags, kind = "aw", "@nobits"
    else:
        flags, kind = "aw", "@progbits"
    return "\t.section\t%s,\"%s\",%s" % (name, flags, kind)


def _is_nobits(section: str) -> bool:
    return section in ("bss", "tbss") or section.startswith(".bss") or \
        section.startswith(".tbss") or section.startswith(".sbss")


def _p2(align: int) -> int:
    n = 0
    while (1 << n) < align:
        n += 1
    return n


def _ascii(data: bytes) -> str:
    """A `.ascii` operand: printable bytes as themselves, others octal."""
    out = []
    for b in data:
        if b == 0x22:
            out.append('\\"')
        elif b == 0x5C:
            out.append("\\\\")
        elif 0x20 <= b < 0x7F:
            out.append(chr(b))
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'


def _sym_expr(sym: str, addend: int) -> str:
    if addend > 0:
        return "%s+%d" % (sym, addend)
    if addend < 0:
        return "%s%d" % (sym, addend)
    return sym


def _piece_lines(piece: Any, nobits: bool) -> List[str]:
    kind = piece[0]
    if kind == "zero":
        return ["\t.zero\t%d" % piece[1]] if piece[1] else []
    if kind == "bytes":
        data = bytes(piece[1])
        if nobits and not any(data):
            return ["\t.zero\t%d" % len(data)] if data else []
        lines = []
        for i in range(0, len(data), 64):
            lines.append("\t.ascii\t" + _ascii(data[i:i + 64]))
        return lines
    if kind == "addr":
        width, sym, addend = piece[1], piece[2], piece[3]
        d = {8: ".quad", 4: ".long", 2: ".value", 1: ".byte"}[width]
        return ["\t%s\t%s" % (d, _sym_expr(sym, addend))]
    if kind == "label":
        width, label = piece[1], piece[2]
        d = {8: ".quad", 4: ".long"}[width]
        return ["\t%s\t%s" % (d, label)]
    if kind == "labeldiff":
        width, label, base = piece[1], piece[2], piece[3]
        addend = piece[4] if len(piece) > 4 else 0
        d = {8: ".quad", 4: ".long", 2: ".value", 1: ".byte"}[width]
        return ["\t%s\t%s-%s" % (d, _sym_expr(label, addend), base)]
    raise ValueError("unknown data piece %r" % (piece,))


def _item_lines(item: Any, weak: Set[str]) -> List[str]:
    name = item.name
    lines: List[str] = []
    hidden = [a.split("=", 1)[1] for a in item.attrs if a.startswith("visibility=")]
    for v in hidden:
        if v in ("hidden", "protected", "internal"):
            lines.append("\t.%s\t%s" % (v, name))
    if item.linkage == "common":
        lines.append("\t.comm\t%s,%d,%d" % (name, item.size, max(item.align, 1)))
        return lines
    if item.linkage == "weak" or name in weak:
        lines.append("\t.weak\t%s" % name)
    elif item.linkage == "global":
        lines.append("\t.globl\t%s" % name)
    lines.append(section_directive(item.section))
    if item.align > 1:
        lines.append("\t.p2align\t%d" % _p2(item.align))
    lines.append("\t.type\t%s, @object" % name)
    lines.append("\t.size\t%s, %d" % (name, item.size))
    lines.append("%s:" % name)
    nobits = _is_nobits(item.section)
    if nobits:
        lines.append("\t.zero\t%d" % item.size)
        return lines
    total = 0
    for p in item.pieces:
        lines.extend(_piece_lines(p, nobits))
        total += _piece_size(p)
    if total < item.size:
        lines.append("\t.zero\t%d" % (item.size - total))
    return lines


def _piece_size(p: Any) -> int:
    if p[0] == "zero":
        return int(p[1])
    if p[0] == "bytes":
        return len(p[1])
    return int(p[1])


def directive_lines(module: Any, defined: Set[str]) -> List[str]:
    """weak / alias / visibility directives (module.directives)."""
    lines: List[str] = []
    for d in module.directives:
        kind = d[0]
        if kind == "weak":
            if d[1] not in defined:
                lines.append("\t.weak\t%s" % d[1])
        elif kind == "alias":
            name, target, link = d[1], d[2], d[3]
            if link == "weak":
                lines.append("\t.weak\t%s" % name)
            elif link == "global":
                lines.append("\t.globl\t%s" % name)
            lines.append("\t.set\t%s,%s" % (name, target))
        elif kind == "visibility":
            if d[2] in ("hidden", "protected", "internal"):
                lines.append("\t.%s\t%s" % (d[2], d[1]))
    return lines


def emit_data(module: Any) -> str:
    lines: List[str] = []
    for text in module.toplevel_asm:
        lines.append(text)
    weak = {d[1] for d in module.directives if d and d[0] == "weak"}
    defined: Set[str] = set()
    for item in module.data:
        lines.extend(_item_lines(item, weak))
        if item.linkage != "common":
            defined.add(item.name)
    lines.extend(directive_lines(module, defined))
    # "x": trampolines of nested functions run on the stack (lcc/ir/lower_tramp.py)
    x = "x" if module.names.get("exec_stack") else ""
    lines.append("\t.section\t.note.GNU-stack,\"%s\",@progbits" % x)
    return "\n".join(lines) + "\n"
