"""Compile the rules file's instruction templates into item lists.

A template (isel/README.md, "x86-64 templates") is a `;`-separated list of
items:
    mnemonic op, op, ...   an instruction, operands in AT&T order
    jmp *{x}               an indirect jump (mnemonic "jmp*")
    {L1}:                  a local label: starts a new machine block
    ={operand}             the rule's result is this operand (no code)
    @hook                  a Python hook (calls, returns, block copies ...)
Operands:
    {name}  {name:W}       a pattern operand (W: register width in bytes)
    {name@RELOC}           a symbol operand with a relocation (sym@RELOC(%rip))
    ${name}                the same as {name} for a constant (an immediate)
    {dst} {dst:W}          the result register (a fresh virtual register)
    {label}                the root node's label (jumps)
    {tmp} {tmp2} {ftmp}    fresh gpr / fpr virtual registers
    {mtmp} {mtmp2}         the function's scratch stack slots (16 bytes)
    {L1}..{L9}             fresh local labels
    {k4:HEX} {k8:HEX} {k16:HEX}  a rodata constant of that many bytes
    %eax %cl %rsp %st %st(1)     physical registers (x87 ones: %st(i))
    $N                     a literal immediate
    %fs:N                  a segment-relative absolute address
    D(B,I,S)               memory: D a number or {operand}s joined by "+",
                           B and I {operand}s, S a number, {operand} or 1<<{operand}
    {a}+{c}                memory operand a moved by constant c
When a template has neither {dst} nor a "=" item and its rule yields a
register, it is two-address: the first pattern operand it names is copied
to a fresh register, which the template then modifies and which is the
result.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

from lcc.target.x86_64.regs import reg_name

Spec = Tuple[Any, ...]
Item = Tuple[Any, ...]

# AT&T register name -> (canonical register, width)
PHYS: Dict[str, Tuple[str, int]] = {}
for _n in ("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
           "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"):
    for _w in (1, 2, 4, 8):
        PHYS[reg_name(_n, _w)] = (_n, _w)
for _i in range(16):
    PHYS["xmm%d" % _i] = ("xmm%d" % _i, 16)


class TemplateError(Exception):
    pass


class Template:
    """A compiled template: items, and which operand is tied (two-address)."""
    __slots__ = ("items", "tied", "has_dst", "has_result", "text")

    def __init__(self, items: List[Item], tied: Optional[str], has_dst: bool,
                 has_result: bool, text: str) -> None:
        self.items = items
        self.tied = tied
        self.has_dst = has_dst
        self.has_result = has_result
        self.text = text


def _split_top(text: str, sep: str) -> List[str]:
    """Split at `sep` outside parentheses and braces."""
    out: List[str] = []
    depth = 0
    cur = ""
    for c in text:
        if c in "({":
            depth += 1
        elif c in ")}":
            depth -= 1
        if c == sep and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
    out.append(cur)
    return out


_REF = re.compile(r"^\$?\{(\w+)(?::(\w+))?(?:@(\w+))?\}$")


def _ref(text: str) -> Spec:
    m = _REF.match(text)
    if m is None:
        raise TemplateError("bad operand %r" % text)
    name, arg, reloc = m.group(1), m.group(2), m.group(3)
    kc = re.match(r"^k(4|8|16)$", name)
    if kc:
        if arg is None:
            raise TemplateError("%s needs a value: {%s:HEX}" % (name, name))
        return ("const", int(kc.group(1)), int(arg, 0))
    width = int(arg) if arg else None
    # what the name is, decided once here rather than per expansion
    if name in ("dst", "label"):
        kind = name
    elif re.match(r"^f?tmp\d?$", name):
        kind = "tmp"
    elif re.match(r"^mtmp\d?$", name):
        kind = "mtmp"
    elif re.match(r"^L\d$", name):
        kind = "L"
    else:
        kind = "operand"
    return ("ref", name, width, reloc, kind)


def _scale(text: str) -> Any:
    if text.startswith("1<<"):
        return ("shl", _ref(text[3:]))
    if text.startswith("{"):
        return _ref(text)
    return int(text)


def parse_operand(text: str) -> Spec:
    t = text.strip()
    if t.startswith("%fs:"):
        return ("mem", "fs", [int(t[4:], 0)], None, None, 1)
    if t.startswith("%st"):
        return ("x87", t)
    if t.startswith("%"):
        if t[1:] not in PHYS:
            raise TemplateError("unknown register %s" % t)
        name, width = PHYS[t[1:]]
        return ("phys", name, width)
    if t.startswith("$") and not t.startswith("${"):
        return ("imm", int(t[1:], 0))
    if t.endswith(")") and "(" in t:
        i = t.index("(")
        disp_text, inner = t[:i], t[i + 1:-1]
        disp: List[Any] = []
        for term in [t for t in disp_text.split("+") if t]:
            disp.append(int(term, 0) if not term.startswith("{") else _ref(term))
        parts = [p.strip() for p in inner.split(",")]
        base = _ref(parts[0]) if parts[0] else None
        index = _ref(parts[1]) if len(parts) > 1 and parts[1] else None
        scale = _scale(parts[2]) if len(parts) > 2 else 1
        return ("mem", None, disp, base, index, scale)
    if "+" in t:
        return ("sum", [parse_operand(p) if p.startswith("{") else ("imm", int(p, 0))
                        for p in t.split("+")])
    return _ref(t)


def _names(spec: Any, out: List[str]) -> None:
    if isinstance(spec, tuple):
        if spec and spec[0] == "ref":
            out.append(spec[1])
            return
        for s in spec:
            _names(s, out)
    elif isinstance(spec, list):
        for s in spec:
            _names(s, out)


def compile_template(text: str, lhs: str, operand_order: List[str]) -> Template:
    """Compile one rule's template; operand_order: its nonterminal leaves' names."""
    items: List[Item] = []
    has_result = False
    for raw in _split_top(text, ";"):
        part = raw.strip()
        if not part:
            continue
        if part.startswith("@"):
            items.append(("hook", part[1:]))
        elif part.startswith("="):
            items.append(("result", parse_operand(part[1:])))
            has_result = True
        elif part.endswith(":") and part.startswith("{"):
            items.append(("label", _ref(part[:-1])[1]))
        else:
            words = part.split(None, 1)
            op = words[0]
            rest = words[1] if len(words) > 1 else ""
            if op == "rep":
                op2, _, rest = rest.partition(" ")
                op = "rep_" + op2
            if rest.startswith("*"):
                op += "*"
                rest = rest[1:]
            ops = [parse_operand(o) for o in _split_top(rest, ",")] if rest.strip() else []
            items.append(("inst", op, ops))
    used: List[str] = []
    for it in items:
        _names(list(it[1:]), used)
    has_dst = "dst" in used
    has_hook = any(it[0] == "hook" for it in items)
    tied: Optional[str] = None
    if lhs in ("reg", "freg") and not has_dst and not has_result and not has_hook:
        for name in operand_order:
            if name in used:
                tied = name
                break
        if tied is None:
            raise TemplateError("a %s rule's template needs {dst}, =operand or an operand"
                                % lhs)
    return Template(items, tied, has_dst, has_result, text)
