"""The subset of GNU ld's command language that libraries ship as `.so`
files: glibc's libc.so and libm.so, libgcc_s.so, ncurses' libcurses.so.

    /* comment */
    OUTPUT_FORMAT(elf64-x86-64)
    GROUP ( /lib/x86_64-linux-gnu/libc.so.6 /usr/lib/x86_64-linux-gnu/libc_nonshared.a
            AS_NEEDED ( /lib64/ld-linux-x86-64.so.2 ) )
    INPUT(libncurses.so.6 -ltinfo)

Commands understood: INPUT, GROUP (their files: names, `-lNAME`,
AS_NEEDED(...) nested inside), OUTPUT_FORMAT, OUTPUT_ARCH, TARGET (checked
loosely: ignored unless they name a non-x86-64 format), SEARCH_DIR.
Anything else (SECTIONS, MEMORY...: full linker scripts) raises
ScriptError, so a script lcc cannot honour is reported, not half-obeyed.
"""
from __future__ import annotations

import re
from typing import List, Optional

from lcc.elf.archive import is_archive
from lcc.elf.reader import is_elf


class ScriptError(ValueError):
    """A linker script lcc does not understand; the message names the file."""


class ScriptInput:
    """One file a script names.  `name` is a path or, with `lib`, the NAME
    of `-lNAME`; `as_needed` marks AS_NEEDED(...) entries; `group` is true
    inside GROUP(...) (archives in a group are rescanned until no new
    symbol is resolved, like --start-group/--end-group)."""

    __slots__ = ("name", "lib", "as_needed", "group")

    def __init__(self, name: str, lib: bool, as_needed: bool, group: bool) -> None:
        self.name = name
        self.lib = lib
        self.as_needed = as_needed
        self.group = group

    def __repr__(self) -> str:
        flags = "".join(f for f, on in ((" lib", self.lib), (" as-needed", self.as_needed),
                                         (" group", self.group)) if on)
        return f"<ScriptInput {self.name}{flags}>"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, ScriptInput) and
                (self.name, self.lib, self.as_needed, self.group) ==
                (other.name, other.lib, other.as_needed, other.group))


class Script:
    """A parsed script: `inputs` in order, plus the SEARCH_DIR directories."""

    __slots__ = ("path", "inputs", "search_dirs", "output_format")

    def __init__(self, path: str) -> None:
        self.path = path
        self.inputs: List[ScriptInput] = []
        self.search_dirs: List[str] = []
        self.output_format: Optional[str] = None


# Tokens: comments, quoted names, parentheses and commas, bare words (file
# names may hold almost anything but blanks, parentheses and commas).
_TOKEN = re.compile(r'\s+|/\*.*?\*/|"([^"]*)"|([(),;])|([^\s(),;"]+)', re.S)

_X86_64_FORMATS = {"elf64-x86-64", "elf64-little"}


def _tokens(text: str, path: str) -> List[str]:
    out: List[str] = []
    pos = 0
    n = len(text)
    while pos < n:
        m = _TOKEN.match(text, pos)
        if m is None:
            if text.startswith("/*", pos):
                raise ScriptError(f"{path}: unterminated comment")
            raise ScriptError(f"{path}: cannot parse linker script near {text[pos:pos + 20]!r}")
        pos = m.end()
        if m.group(1) is not None:
            out.append("\0" + m.group(1))  # quoted: never a keyword
        elif m.group(2) is not None:
            out.append(m.group(2))
        elif m.group(3) is not None:
            # "-lfoo)" cannot occur (")" ends a word) but "/* x */" inside a
            # word can: a comment start ends the word.
            word = m.group(3)
            cut = word.find("/*")
            if cut > 0:
                out.append(word[:cut])
                pos = m.start(3) + cut
            else:
                out.append(word)
    return out


def parse_script(text: str, path: str) -> Script:
    """Parse a linker script of the supported subset; raises ScriptError."""
    script = Script(path)
    toks = _tokens(text, path)
    i = 0

    def expect(tok: str) -> None:
        nonlocal i
        if i >= len(toks) or toks[i] != tok:
            got = toks[i] if i < len(toks) else "end of file"
            raise ScriptError(f"{path}: expected '{tok}', found '{got.lstrip(chr(0))}'")
        i += 1

    def files(group: bool, as_needed: bool) -> None:
        nonlocal i
        expect("(")
        while True:
            if i >= len(toks):
                raise ScriptError(f"{path}: missing ')'")
            tok = toks[i]
            i += 1
            if tok == ")":
                return
            if tok == ",":
                continue
            if tok == "AS_NEEDED":
                files(group, True)
                continue
            name = tok.lstrip("\0")
            if tok.startswith("-l"):
                script.inputs.append(ScriptInput(name[2:], True, as_needed, group))
            else:
                script.inputs.append(ScriptInput(name, False, as_needed, group))

    def argument() -> str:
        nonlocal i
        expect("(")
        args = []
        while i < len(toks) and toks[i] != ")":
            if toks[i] != ",":
                args.append(toks[i].lstrip("\0"))
            i += 1
        expect(")")
        return args[0] if args else ""

    while i < len(toks):
        tok = toks[i]
        i += 1
        if tok == ";":
            continue
        if tok in ("GROUP", "INPUT"):
            files(tok == "GROUP", False)
        elif tok in ("OUTPUT_FORMAT", "TARGET"):
            fmt = argument()
            if tok == "OUTPUT_FORMAT":
                script.output_format = fmt
            if fmt not in _X86_64_FORMATS:
                raise ScriptError(f"{path}: {tok}({fmt}) is not supported (only "
                                  "elf64-x86-64)")
        elif tok == "OUTPUT_ARCH":
            arch = argument()
            if arch not in ("i386:x86-64", "x86-64"):
                raise ScriptError(f"{path}: OUTPUT_ARCH({arch}) is not supported")
        elif tok == "SEARCH_DIR":
            d = argument()
            script.search_dirs.append(d[1:] if d.startswith("=") else d)
        else:
            raise ScriptError(f"{path}: linker script command '{tok.lstrip(chr(0))}' is "
                              "not supported")
    return script


def file_kind(data: bytes) -> str:
    """What a link input is, by content: "elf", "archive", "script"
    (anything else that looks like text) or "unknown" (binary junk)."""
    if is_elf(data):
        return "elf"
    if is_archive(data):
        return "archive"
    head = data[:4096]
    if b"\0" in head:
        return "unknown"
    return "script"
