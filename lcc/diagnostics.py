"""Source locations and gcc-style diagnostics.

Every diagnostic is printed as gcc prints it:

    file.c:3:13: error: expected expression before ';' token
        3 |     int x = ;
          |             ^

`CompileError` carries one diagnostic up to the driver, which prints it and
exits with status 1; `Diagnostics.error` prints and counts without stopping,
so a phase can report several errors before giving up.
"""
from __future__ import annotations

import sys
from typing import IO, Dict, List, Optional


class Loc:
    """A position in a source file: 1-based line and column."""

    __slots__ = ("file", "line", "col")

    def __init__(self, file: str, line: int, col: int) -> None:
        self.file = file
        self.line = line
        self.col = col

    def __repr__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Loc) and self.file == other.file
                and self.line == other.line and self.col == other.col)

    def __hash__(self) -> int:
        return hash((self.file, self.line, self.col))


class CompileError(Exception):
    """A fatal diagnostic: the driver prints it and stops with status 1."""

    def __init__(self, loc: Optional[Loc], message: str) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message


class Diagnostics:
    """Prints diagnostics in gcc's format and counts the errors."""

    def __init__(self, stream: Optional[IO[str]] = None, warnings: bool = True,
                 werror: bool = False, pedantic: int = 0) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.warnings = warnings
        self.werror = werror
        # 0: no -pedantic, 1: -pedantic, 2: -pedantic-errors.
        self.pedantic_level = pedantic
        self.errors = 0
        self.warning_count = 0
        # Source text by file name, for the line under a caret. The
        # preprocessor registers each file it reads.
        self._sources: Dict[str, List[str]] = {}

    def add_source(self, filename: str, text: str) -> None:
        self._sources[filename] = text.split("\n")

    def source_line(self, loc: Loc) -> Optional[str]:
        lines = self._sources.get(loc.file)
        if lines is None:
            try:
                with open(loc.file, encoding="utf-8", errors="replace") as f:
                    lines = f.read().split("\n")
            except OSError:
                return None
            self._sources[loc.file] = lines
        if 1 <= loc.line <= len(lines):
            return lines[loc.line - 1].rstrip("\r")
        return None

    def emit(self, kind: str, loc: Optional[Loc], message: str) -> None:
        out = self.stream
        if loc is None:
            out.write(f"lcc: {kind}: {message}\n")
            return
        out.write(f"{loc.file}:{loc.line}:{loc.col}: {kind}: {message}\n")
        line = self.source_line(loc)
        if line is not None:
            gutter = f"{loc.line:5d}"
            out.write(f"{gutter} | {line}\n")
            # Keep tabs in the caret line so the caret lines up under them.
            pad = "".join(c if c == "\t" else " " for c in line[: max(loc.col - 1, 0)])
            out.write(f"{' ' * len(gutter)} | {pad}^\n")

    def error(self, loc: Optional[Loc], message: str) -> None:
        self.errors += 1
        self.emit("error", loc, message)

    def warning(self, loc: Optional[Loc], message: str) -> None:
        if self.werror:
            self.error(loc, message)
            return
        if self.warnings:
            self.warning_count += 1
            self.emit("warning", loc, message)

    def pedwarn(self, loc: Optional[Loc], message: str) -> None:
        """What gcc calls a pedwarn: a warning by default (a constraint
        violation it tolerates), an error under -pedantic-errors."""
        if self.pedantic_level == 2:
            self.error(loc, message)
        else:
            self.warning(loc, message)

    def pedantic(self, loc: Optional[Loc], message: str) -> None:
        """A diagnostic given only under -pedantic (an extension used, a
        limit exceeded), an error under -pedantic-errors."""
        if self.pedantic_level == 2:
            self.error(loc, message)
        elif self.pedantic_level == 1:
            self.warning(loc, message)

    def note(self, loc: Optional[Loc], message: str) -> None:
        self.emit("note", loc, message)
