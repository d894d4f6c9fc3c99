"""Text-level expansion of `.macro`/`.endm`, `.irp`/`.irpc` ... `.endr`,
before statements are parsed (GNU as expands them on the text too).

expand(lines) takes the source lines (comments already removed) and
returns the expanded lines with, for each, the number of the source line
it came from (errors name that line).  Arguments: positional (separated
by commas, or blanks when there is no comma), `name=value`, defaults
(`n=1`), `:req`, `:vararg`; `\\name` in the body is replaced, `\\()`
separates, `\\@` counts macro expansions.  Conditionals (`.if`...) are the
assembler's: they see the expanded text.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from lcc.asm.expr import AsmError

_HEAD = re.compile(r"\s*(?:(?:[A-Za-z_.$][\w.$]*|[0-9]+)\s*:\s*)*(\.?[A-Za-z_][\w.$]*)(.*)$")


class Macro:
    __slots__ = ("name", "params", "body")

    def __init__(self, name: str, params: List[Tuple[str, Optional[str], str]],
                 body: List[Tuple[str, int]]) -> None:
        self.name = name
        self.params = params          # (name, default, qualifier)
        self.body = body


def needs_expansion(text: str) -> bool:
    return ".macro" in text or ".irp" in text


def _split_args(text: str) -> List[str]:
    from lcc.asm.parser import split_top
    text = text.strip()
    if not text:
        return []
    if "," in text:
        return [a.strip() for a in split_top(text, ",")]
    return text.split()


def _parse_params(text: str) -> List[Tuple[str, Optional[str], str]]:
    params = []
    for p in _split_args(text):
        default: Optional[str] = None
        if "=" in p:
            p, default = p.split("=", 1)
            p, default = p.strip(), default.strip()
        qual = ""
        if ":" in p:
            p, qual = p.split(":", 1)
        params.append((p.strip(), default, qual.strip()))
    return params


def _substitute(line: str, values: Dict[str, str], counter: int) -> str:
    if "\\" not in line:
        return line
    out = []
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if c == "\\" and i + 1 < n:
            if line.startswith("()", i + 1):
                i += 3
                continue
            if line[i + 1] == "@":
                out.append(str(counter))
                i += 2
                continue
            m = re.match(r"[A-Za-z_][\w$]*", line[i + 1:])
            if m is not None and m.group(0) in values:
                out.append(values[m.group(0)])
                i += 1 + m.end()
                continue
        out.append(c)
        i += 1
    return "".join(out)


class _Expander:
    def __init__(self) -> None:
        self.macros: Dict[str, Macro] = {}
        self.counter = 0
        self.out: List[str] = []
        self.lines: List[int] = []

    def block(self, src: List[Tuple[str, int]], i: int, start: str,
              ends: Tuple[str, ...]) -> Tuple[List[Tuple[str, int]], int]:
        """The lines up to the matching end directive (nesting counted)."""
        depth = 1
        body: List[Tuple[str, int]] = []
        while i < len(src):
            text, no = src[i]
            m = _HEAD.match(text)
            word = m.group(1).lower() if m else ""
            if word in (".macro", ".irp", ".irpc", ".rept"):
                depth += 1
            elif word in (".endm", ".endr"):
                depth -= 1
                if depth == 0:
                    return body, i + 1
            body.append((text, no))
            i += 1
        raise AsmError("%s without %s" % (start, ends[0]), src[-1][1] if src else 0)

    def run(self, src: List[Tuple[str, int]], depth: int = 0) -> None:
        if depth > 100:
            raise AsmError("macros nested too deeply", src[0][1] if src else 0)
        i = 0
        while i < len(src):
            text, no = src[i]
            i += 1
            m = _HEAD.match(text)
            if m is None:
                self.out.append(text)
                self.lines.append(no)
                continue
            word, rest = m.group(1), m.group(2)
            lw = word.lower()
            if lw == ".macro":
                hm = re.match(r"\s*([A-Za-z_.$][\w.$]*)\s*,?(.*)$", rest)
                if hm is None:
                    raise AsmError("missing name in .macro", no)
                body, i = self.block(src, i, ".macro", (".endm",))
                self.macros[hm.group(1)] = Macro(hm.group(1), _parse_params(hm.group(2)), body)
            elif lw in (".irp", ".irpc"):
                body, i = self.block(src, i, lw, (".endr",))
                args = _split_args(rest)
                if not args:
                    raise AsmError("missing model parameter", no)
                name, values = args[0], args[1:]
                if lw == ".irpc":
                    values = list("".join(values))
                for v in values or [""]:
                    self.run([(_substitute(t, {name: v}, self.counter), n) for t, n in body],
                             depth + 1)
            elif lw == ".purgem":
                self.macros.pop(rest.strip(), None)
            elif word in self.macros:
                self.expand(self.macros[word], rest, text[:m.start(1)], no, depth)
            else:
                self.out.append(text)
                self.lines.append(no)

    def expand(self, mac: Macro, rest: str, labels: str, no: int, depth: int) -> None:
        if labels.strip():
            self.out.append(labels)
            self.lines.append(no)
        args = _split_args(rest)
        values: Dict[str, str] = {}
        positional: List[str] = []
        for a in args:
            key, eq, val = a.partition("=")
            if eq and key.strip() in [p[0] for p in mac.params]:
                values[key.strip()] = val.strip()
            else:
                positional.append(a)
        k = 0
        for pname, default, qual in mac.params:
            if pname in values:
                continue
            if qual == "vararg":
                values[pname] = ", ".join(positional[k:])
                k = len(positional)
            elif k < len(positional):
                values[pname] = positional[k]
                k += 1
            elif qual == "req":
                raise AsmError("missing value for required parameter `%s' of macro `%s'"
                               % (pname, mac.name), no)
            else:
                values[pname] = default or ""
        counter = self.counter
        self.counter += 1
        body = []
        for t, _ in mac.body:
            hm = _HEAD.match(t)
            if hm is not None and hm.group(1).lower() == ".exitm":
                break
            body.append((_substitute(t, values, counter), no))
        self.run(body, depth + 1)


def expand(lines: List[str]) -> Tuple[List[str], List[int]]:
    e = _Expander()
    e.run([(t, n) for n, t in enumerate(lines, 1)])
    return e.out, e.lines
