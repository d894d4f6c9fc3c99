"""GNU AT&T assembly lines -> statements (Label, Directive, Insn).

Comments (`#` to end of line, `/* ... */`) are removed by `strip_comments`
over the whole text first (block comments span lines); a line then holds
`;`-separated statements, each optionally preceded by labels.  Operands
become the machine IR's operand objects (lcc/mir.py), as docs/asm-link.md
says; what the IR cannot say directly (an expression that is not a
number or symbol+number, a numeric local label) stays as an expression
tree in `Insn.exprs` for the assembler to evaluate.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple, Union

from lcc.asm.expr import AsmError, Expr, parse_expr
from lcc.mir import Imm, LabelOp, Mem, PReg, RegOp, SymOp


class Label:
    __slots__ = ("name", "line")

    def __init__(self, name: str, line: int = 0) -> None:
        self.name = name
        self.line = line

    def __repr__(self) -> str:
        return "Label(%s)" % self.name


class Directive:
    """args: the comma-separated arguments as raw text (each directive
    parses them its own way: expressions, strings, flags)."""
    __slots__ = ("name", "args", "line")

    def __init__(self, name: str, args: List[str], line: int = 0) -> None:
        self.name = name
        self.args = args
        self.line = line

    def __repr__(self) -> str:
        return "Directive(%s %r)" % (self.name, self.args)


class Insn:
    """op: the mnemonic as written (lower case; `*` appended for an
    indirect jmp/call, as the back end spells it); exprs[i] is the
    expression behind operand i when it needs the assembler (else None);
    relocs[i] the @suffix of an immediate operand's symbol."""
    __slots__ = ("op", "operands", "prefixes", "exprs", "line", "text", "key", "leads")

    def __init__(self, op: str, operands: list, prefixes: List[str],
                 exprs: Optional[List[Optional[Expr]]] = None, line: int = 0,
                 text: str = "", key: Optional[tuple] = None,
                 leads: Tuple[str, ...] = ()) -> None:
        self.op = op
        self.operands = operands
        self.prefixes = prefixes
        self.exprs = exprs
        self.line = line
        self.text = text
        # Set when no operand names a symbol: the encoding depends on the
        # text alone, so the assembler may reuse it (a cache key).
        self.key = key
        # Symbols a memory or branch operand's text starts with (GNU as
        # treats such a reference specially: see the assembler).
        self.leads = leads

    def __repr__(self) -> str:
        return "Insn(%s %r %r)" % (self.op, self.prefixes, self.operands)


Stmt = Union[Label, Directive, Insn]

# -- registers ---------------------------------------------------------------

REGS: Dict[str, Tuple[PReg, int]] = {}


def _init_regs() -> None:
    gpr: Dict[str, PReg] = {}

    def g(name: str) -> PReg:
        if name not in gpr:
            gpr[name] = PReg(name, "gpr")
        return gpr[name]
    for c in "abcd":
        r = g("r%sx" % c)
        REGS["r%sx" % c] = (r, 8)
        REGS["e%sx" % c] = (r, 4)
        REGS["%sx" % c] = (r, 2)
        REGS["%sl" % c] = (r, 1)
        REGS["%sh" % c] = (PReg("%sh" % c, "gpr"), 1)
    for n in ("si", "di", "bp", "sp"):
        r = g("r" + n)
        REGS["r" + n] = (r, 8)
        REGS["e" + n] = (r, 4)
        REGS[n] = (r, 2)
        REGS[n + "l"] = (r, 1)
    for i in range(8, 16):
        r = g("r%d" % i)
        REGS["r%d" % i] = (r, 8)
        REGS["r%dd" % i] = (r, 4)
        REGS["r%dw" % i] = (r, 2)
        REGS["r%db" % i] = (r, 1)
        REGS["r%dl" % i] = (r, 1)
    for i in range(16):
        REGS["xmm%d" % i] = (PReg("xmm%d" % i, "fpr"), 16)
        REGS["ymm%d" % i] = (PReg("xmm%d" % i, "fpr"), 32)
    for i in range(8):
        REGS["st%d" % i] = (PReg("st%d" % i, "x87"), 10)
        REGS["mm%d" % i] = (PReg("mm%d" % i, "mmx"), 8)
    REGS["st"] = REGS["st0"]
    for s in ("es", "cs", "ss", "ds", "fs", "gs"):
        REGS[s] = (PReg(s, "seg"), 2)
    REGS["rip"] = (PReg("rip", "gpr"), 8)
    REGS["eip"] = (PReg("rip", "gpr"), 4)


_init_regs()

PREFIXES = {"lock", "rep", "repe", "repz", "repne", "repnz", "rex64", "rex", "rex.w",
            "data16", "data32", "addr32", "addr16", "cs", "ds", "es", "fs", "gs", "ss",
            "notrack", "bnd", "xacquire", "xrelease"}

_COND = ("o", "no", "b", "c", "nae", "nb", "nc", "ae", "e", "z", "ne", "nz", "be", "na",
         "a", "nbe", "s", "ns", "p", "pe", "np", "po", "l", "nge", "ge", "nl", "le", "ng",
         "g", "nle")
BRANCHES = {"j" + c for c in _COND} | {"jmp", "jmpq", "jrcxz", "jecxz", "loop", "loope",
                                       "loopne", "loopz", "loopnz", "xbegin"}
CALLS = {"call", "callq"}

_NUMREF = re.compile(r"^[0-9]+[fb]$")
_INT = re.compile(r"-?(0|[1-9][0-9]*)$")
_LEAD = re.compile(r"[A-Za-z_.][\w.$]*|[0-9]+[fb]\b")


def strip_comments(text: str) -> str:
    """Remove `/* */` and `#` comments, keeping line breaks and strings."""
    if "#" not in text and "/*" not in text:
        return text
    lines = text.split("\n")
    in_block = False
    for k, line in enumerate(lines):
        if not in_block and "#" not in line and "/*" not in line:
            continue
        lines[k], in_block = _strip_line(line, in_block)
    return "\n".join(lines)


def skip_quoted(text: str, i: int, n: int) -> int:
    """The index after the string ("...") or character constant ('c, 'c',
    '\\n') that starts at text[i]."""
    if text[i] == '"':
        j = i + 1
        while j < n and text[j] != '"':
            j += 2 if text[j] == "\\" else 1
        return j + 1
    i += 3 if i + 1 < n and text[i + 1] == "\\" else 2
    if i < n and text[i] == "'":
        i += 1
    return i


def _strip_line(line: str, in_block: bool) -> Tuple[str, bool]:
    """One line without its comments; in_block: inside a `/* */` (before
    and after the line)."""
    out: List[str] = []
    i, n = 0, len(line)
    start = 0
    if in_block:
        j = line.find("*/")
        if j < 0:
            return "", True
        i = start = j + 2
        out.append(" ")
    while i < n:
        c = line[i]
        if c == '"' or c == "'":
            i = skip_quoted(line, i, n)
        elif c == "#":
            out.append(line[start:i])
            return "".join(out), False
        elif c == "/" and line.startswith("/*", i):
            out.append(line[start:i])
            j = line.find("*/", i + 2)
            if j < 0:
                return "".join(out), True
            out.append(" ")
            i = start = j + 2
        else:
            i += 1
    out.append(line[start:])
    return "".join(out), False


_MARKER = re.compile(r'#\s*(?:line\s+)?(\d+)\s+"((?:[^"\\]|\\.)*)"')


def source_position(text: str, line: int, path: str) -> Tuple[str, int]:
    """(file, line) of physical line `line` after the preprocessor's line
    markers (`# 12 "foo.S"`), as GNU as reports errors in .S sources."""
    cur_file, cur_line = path, line
    for k, raw in enumerate(text.split("\n")[:line - 1], 1):
        m = _MARKER.match(raw)
        if m is not None:
            cur_file = m.group(2)
            cur_line = line - k - 1 + int(m.group(1))
    return cur_file, cur_line


def split_top(text: str, sep: str) -> List[str]:
    """Split at `sep` outside strings and parentheses."""
    if sep not in text:
        return [text]
    parts: List[str] = []
    depth = 0
    i, n, start = 0, len(text), 0
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            i = skip_quoted(text, i, n)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == sep and depth <= 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts


_LABEL = re.compile(r'\s*([A-Za-z_.$][\w.$@]*|[0-9]+|"[^"]*")\s*:(?!:)')
_WORD = re.compile(r"\s*([A-Za-z_.$][\w.$]*|[0-9]+)")


def parse_line(text: str, lineno: int = 0) -> List[Stmt]:
    """The statements of one line (comments already removed)."""
    out: List[Stmt] = []
    for piece in split_top(text, ";"):
        _parse_stmt(piece, lineno, out)
    return out


def parse(text: str) -> List[Stmt]:
    text = strip_comments(text)
    out: List[Stmt] = []
    for lineno, line in enumerate(text.split("\n"), 1):
        if line and not line.isspace():
            for piece in split_top(line, ";") if ";" in line else (line,):
                try:
                    _parse_stmt(piece, lineno, out)
                except AsmError as e:
                    e.line = lineno
                    raise
    return out


# Statements by line text, shared between equal lines (their `line`
# attribute is then the first one's: parse_shared gives the numbers).
_STMT_CACHE: Dict[str, Tuple[Stmt, ...]] = {}


def parse_shared(text: str) -> Tuple[List[Stmt], List[int]]:
    """Like parse, but equal lines share their statement objects (compiler
    output repeats lines a lot); the second list holds each statement's
    line number."""
    text = strip_comments(text)
    stmts: List[Stmt] = []
    lines: List[int] = []
    cache = _STMT_CACHE
    if len(cache) > 300000:
        cache.clear()
    from lcc.asm import macros
    if macros.needs_expansion(text):
        src, numbers = macros.expand(text.split("\n"))
        numbered = list(zip(numbers, src))
    else:
        numbered = list(enumerate(text.split("\n"), 1))
    for lineno, line in numbered:
        hit = cache.get(line)
        if hit is None:
            if not line or line.isspace():
                continue
            out: List[Stmt] = []
            for piece in split_top(line, ";") if ";" in line else (line,):
                try:
                    _parse_stmt(piece, lineno, out)
                except AsmError as e:
                    e.line = lineno
                    raise
            hit = cache[line] = tuple(out)
        if len(hit) == 1:
            stmts.append(hit[0])
            lines.append(lineno)
        else:
            stmts.extend(hit)
            lines.extend([lineno] * len(hit))
    return stmts, lines


_FAST_INSN = re.compile(r"\s*([a-z][a-z0-9]*)(?:\s+(.*))?$")
_FAST_DIRECTIVE = re.compile(r"\s*(\.[A-Za-z_][\w.]*)(?:\s+(.*))?$")
# Statement text -> ("i", op, rest) or ("d", name, args): compiler output
# repeats the same lines a lot.
_LINE_CACHE: Dict[str, tuple] = {}


def _parse_stmt(text: str, lineno: int, out: List[Stmt]) -> None:
    hit = _LINE_CACHE.get(text)
    if hit is None:
        hit = _classify(text)
        if hit is not None:
            if len(_LINE_CACHE) > 200000:
                _LINE_CACHE.clear()
            _LINE_CACHE[text] = hit
    if hit is not None:
        if hit[0] == "i":
            out.append(parse_insn(hit[1], hit[2], [], lineno, text))
        else:
            out.append(Directive(hit[1], hit[2], lineno))
        return
    _parse_general(text, lineno, out)


def _classify(text: str) -> Optional[tuple]:
    """The fast cases: an instruction or a directive without labels (a
    word followed by blanks or the end cannot be a label)."""
    m = _FAST_INSN.match(text)
    if m is not None:
        op, rest = m.group(1), (m.group(2) or "").rstrip()
        if op not in PREFIXES and not rest.startswith("="):
            return ("i", op, rest)
        return None
    m = _FAST_DIRECTIVE.match(text)
    if m is not None:
        rest = (m.group(2) or "").rstrip()
        if not rest.startswith("="):
            return ("d", m.group(1).lower(),
                    [a.strip() for a in split_top(rest, ",")] if rest else [])
    return None


def _parse_general(text: str, lineno: int, out: List[Stmt]) -> None:
    labels = False
    while True:
        m = _LABEL.match(text)
        if m is None:
            break
        name = m.group(1)
        if name.startswith('"'):
            name = name[1:-1]
        out.append(Label(name, lineno))
        text = text[m.end():]
        labels = True
    if labels and text and not text.isspace():
        _parse_stmt(text, lineno, out)
        return
    text = text.strip()
    if not text:
        return
    if text[0] == ".":
        m = _WORD.match(text)
        assert m is not None
        name = m.group(1).lower()
        rest = text[m.end():].strip()
        if rest.startswith("=") and not rest.startswith("=="):
            out.append(Directive(".set", [m.group(1), rest[1:].strip()], lineno))
            return
        args = [a.strip() for a in split_top(rest, ",")] if rest else []
        out.append(Directive(name, args, lineno))
        return
    m = _WORD.match(text)
    if m is None:
        raise AsmError("junk `%s'" % text)
    word = m.group(1)
    rest = text[m.end():].strip()
    if rest.startswith("=") and not rest.startswith("=="):
        out.append(Directive(".set", [word, rest[1:].strip()], lineno))
        return
    prefixes: List[str] = []
    op = word.lower()
    while op in PREFIXES and rest:
        m2 = _WORD.match(rest) if not rest.startswith("{") else None
        if m2 is None:
            break
        prefixes.append(op)
        op = m2.group(1).lower()
        rest = rest[m2.end():].strip()
    if op in PREFIXES and not rest:
        # A prefix alone on its line (`rep; movsb`, `lock` then the insn).
        out.append(Insn(op, [], [], None, lineno, text))
        return
    out.append(parse_insn(op, rest, prefixes, lineno, text))


# Parsed operands by instruction text: assembly repeats the same
# instructions a lot (the operand objects are shared, never mutated).
_INSN_CACHE: Dict[tuple, tuple] = {}


def parse_insn(op: str, rest: str, prefixes: List[str], lineno: int, text: str) -> Insn:
    key = (op, rest, tuple(prefixes))
    hit = _INSN_CACHE.get(key)
    if hit is None:
        if len(_INSN_CACHE) > 200000:
            _INSN_CACHE.clear()
        insn = _parse_insn(op, rest, prefixes, lineno, text)
        pure = insn.exprs is None and all(
            isinstance(o, RegOp) or (isinstance(o, (Imm, Mem)) and o.sym is None)
            for o in insn.operands)
        hit = _INSN_CACHE[key] = (insn.op, insn.operands, insn.exprs, key if pure else None,
                                  insn.leads)
    return Insn(hit[0], hit[1], prefixes, hit[2], lineno, text, hit[3], hit[4])


def _parse_insn(op: str, rest: str, prefixes: List[str], lineno: int, text: str) -> Insn:
    operands: list = []
    exprs: Optional[List[Optional[Expr]]] = None
    indirect = False
    leads: List[str] = []
    if rest:
        for i, raw in enumerate(split_top(rest, ",")):
            raw = raw.strip()
            if raw.startswith("*"):
                indirect = True
                raw = raw[1:].strip()
            m = _LEAD.match(raw)
            if m is not None:
                leads.append(m.group(0))
            operand, expr = parse_operand(raw, op in BRANCHES and not indirect,
                                          op in CALLS and not indirect)
            operands.append(operand)
            if expr is not None:
                if exprs is None:
                    exprs = [None] * 4
                exprs[i] = expr
    if indirect:
        op = op + "*"
    return Insn(op, operands, prefixes, exprs, lineno, text, None, tuple(leads))


def _simple(e: Expr) -> Optional[Tuple[Optional[str], int, Optional[str]]]:
    """(sym, addend, reloc) when e is a number or symbol +/- number."""
    k = e[0]
    if k == "num":
        return None, e[1], None
    if k == "sym":
        if _NUMREF.match(e[1]):
            return None
        return e[1], 0, e[2]
    if k in ("+", "-") and e[2][0] == "num":
        inner = _simple(e[1])
        if inner is None or inner[0] is None:
            return None
        return inner[0], inner[1] + (e[2][1] if k == "+" else -e[2][1]), inner[2]
    if k == "+" and e[1][0] == "num":
        inner = _simple(e[2])
        if inner is None or inner[0] is None:
            return None
        return inner[0], inner[1] + e[1][1], inner[2]
    return None


def _reg(text: str) -> Tuple[PReg, int]:
    name = text[1:].strip().lower().replace(" ", "")
    if name.startswith("st(") and name.endswith(")"):
        name = "st" + name[3:-1]
    r = REGS.get(name)
    if r is None:
        raise AsmError("bad register name `%s'" % text)
    return r


def parse_operand(raw: str, branch: bool, call: bool) -> Tuple[object, Optional[Expr]]:
    """One operand -> (mir operand, expression the assembler must resolve)."""
    if not raw:
        raise AsmError("missing operand")
    c = raw[0]
    if c == "$":
        lit = raw[1:]
        if _INT.match(lit):
            return Imm(int(lit)), None
        e = parse_expr(lit)
        s = _simple(e)
        if s is None:
            return Imm(0, None), e
        if s[2] is not None:
            return Imm(s[1], s[0]), e          # the reloc travels in the expression
        return Imm(s[1], s[0]), None
    if c == "%":
        if ":" in raw:
            seg, _, mem = raw.partition(":")
            preg, _ = _reg(seg)
            operand, expr = _memory(mem.strip())
            operand.seg = preg.name
            return operand, expr
        preg, size = _reg(raw)
        return RegOp(preg, size), None
    if branch or call:
        e = parse_expr(raw)
        if e[0] == "sym":
            name = e[1] + ("@" + e[2] if e[2] else "")
            op = LabelOp(name) if branch else SymOp(name)
            return op, (e if _NUMREF.match(e[1]) else None)
        if not raw.endswith(")"):
            return (LabelOp("") if branch else SymOp("")), e
    return _memory(raw)


def _memory(raw: str) -> Tuple[Mem, Optional[Expr]]:
    disp_text, regs = raw, ""
    if raw.endswith(")"):
        depth = 0
        for i in range(len(raw) - 1, -1, -1):
            ch = raw[i]
            if ch == ")":
                depth += 1
            elif ch == "(":
                depth -= 1
                if depth == 0:
                    inner = raw[i + 1:-1].strip()
                    if inner.startswith("%") or inner.startswith(","):
                        disp_text, regs = raw[:i].strip(), inner
                    break
    base = index = None
    scale = 1
    if regs:
        parts = [p.strip() for p in regs.split(",")]
        if parts[0]:
            base = _reg(parts[0])[0]
        if len(parts) > 1 and parts[1]:
            index = _reg(parts[1])[0]
        if len(parts) > 2 and parts[2]:
            try:
                scale = int(parts[2], 0)
            except ValueError:
                raise AsmError("expecting scale factor of 1, 2, 4, or 8: got `%s'"
                               % parts[2]) from None
            if scale not in (1, 2, 4, 8):
                raise AsmError("scale factor of %d without an index register" % scale
                               if index is None else
                               "expecting scale factor of 1, 2, 4, or 8: got `%s'" % parts[2])
    mem = Mem(base, index, scale)
    if not disp_text:
        return mem, None
    if _INT.match(disp_text):
        mem.disp = int(disp_text)
        return mem, None
    e = parse_expr(disp_text)
    s = _simple(e)
    if s is None:
        return mem, e
    sym, addend, reloc = s
    mem.disp = addend
    if sym is not None:
        mem.sym = sym
        mem.reloc = reloc
        if base is not None and base.name == "rip" and index is None:
            mem.base = None
        elif base is None and index is None and reloc is None:
            mem.reloc = "ABS"
    return mem, None
