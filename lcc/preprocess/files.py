"""Source files as the preprocessor sees them: read once, cut into
pp-tokens once, with the positions of their directive lines and any
include guard found up front (C files are often included many times)."""
from __future__ import annotations

import os
import re
from typing import Dict, List, Optional, Tuple

from lcc.preprocess.lexer import tokenize
from lcc.tokens import IDENT, PUNCT, Token


_TRIGRAPHS = {"=": "#", "(": "[", "/": "\\", ")": "]", "'": "^", "<": "{", "!": "|",
              ">": "}", "-": "~"}
_TRIGRAPH_RE = re.compile(r"\?\?([=(/)'<!>-])")


def replace_trigraphs(text: str) -> str:
    """Translation phase 1's trigraphs (C11 5.2.1.1), on in strict ISO modes
    only, as in gcc."""
    if "??" not in text:
        return text
    return _TRIGRAPH_RE.sub(lambda m: _TRIGRAPHS[m.group(1)], text)


class SourceFile:
    """One file's tokens. Immutable once built; shared between inclusions."""

    __slots__ = ("path", "text", "tokens", "hashes", "guard")

    def __init__(self, path: str, text: str, trigraphs: bool = False) -> None:
        self.path = path
        self.text = text
        self.tokens = tokenize(replace_trigraphs(text) if trigraphs else text, path)
        toks = self.tokens
        # Indices of the `#` that start directive lines.
        self.hashes = [i for i, t in enumerate(toks)
                       if t.bol and t.kind is PUNCT and t.text == "#"]
        self.guard = _find_guard(toks, self.hashes)


def _find_guard(toks: List[Token], hashes: List[int]) -> Optional[str]:
    """The macro X when the whole file is `#ifndef X ... #endif` (or
    `#if !defined X`), so that a later #include can be skipped outright
    while X stays defined."""
    if not hashes or hashes[0] != 0 or len(toks) < 3:
        return None
    d = toks[1].text
    name: Optional[str] = None
    if d == "ifndef" and toks[2].kind is IDENT and (len(toks) < 4 or toks[3].bol):
        name = toks[2].text
    elif d == "if":
        # `#if !defined X` or `#if !defined(X)`, nothing else on the line.
        line = []
        for t in toks[2:]:
            if t.bol:
                break
            line.append(t.text)
        if line[:2] == ["!", "defined"]:
            rest = line[2:]
            if len(rest) == 1:
                name = rest[0]
            elif len(rest) == 3 and rest[0] == "(" and rest[2] == ")":
                name = rest[1]
    if name is None:
        return None
    depth = 0
    n = len(toks)
    for k, i in enumerate(hashes):
        if i + 1 >= n or toks[i + 1].bol:
            continue
        d = toks[i + 1].text
        if d in ("if", "ifdef", "ifndef"):
            depth += 1
        elif d in ("else", "elif") and depth == 1:
            return None
        elif d == "endif":
            depth -= 1
            if depth == 0:
                # The closing #endif must end the file.
                if k != len(hashes) - 1:
                    return None
                for t in toks[i + 2:]:
                    if t.bol:
                        return None
                return name
    return None


def read_source(path: str) -> str:
    """A file's text. Bytes that are not UTF-8 (a Latin-1 string literal)
    become lone surrogates (surrogateescape), so that they can be written
    back, and compiled, as the very bytes they were, as gcc does."""
    with open(path, "rb") as f:
        data = f.read()
    return data.decode("utf-8", errors="surrogateescape")


# Tokenized files by (path, trigraphs): a cache (SourceFiles are immutable).
_SHARED: Dict[Tuple[str, bool], Tuple[Tuple[int, int], SourceFile]] = {}
_SHARED_MAX = 4000


def clear_shared_cache() -> None:
    """Forget the tokenized files kept between runs (a benchmark that
    repeats a run calls this to measure the tokenizer every time)."""
    _SHARED.clear()


class FileCache:
    """Per-preprocessor cache of SourceFiles and of directory look-ups."""

    def __init__(self, trigraphs: bool = False) -> None:
        self.trigraphs = trigraphs
        self.files: Dict[str, SourceFile] = {}
        self._exists: Dict[Tuple[str, str], Optional[str]] = {}

    def get(self, path: str) -> SourceFile:
        sf = self.files.get(path)
        if sf is None:
            # Shared between preprocessor runs in one process (tests, the
            # benchmark, several inputs): the system headers are cut into
            # tokens once. A changed file (size or mtime) is read again.
            st = os.stat(path)
            stamp = (st.st_mtime_ns, st.st_size)
            key = (path, self.trigraphs)
            hit = _SHARED.get(key)
            if hit is not None and hit[0] == stamp:
                sf = hit[1]
            else:
                sf = SourceFile(path, read_source(path), self.trigraphs)
                if len(_SHARED) >= _SHARED_MAX:
                    _SHARED.clear()
                _SHARED[key] = (stamp, sf)
            self.files[path] = sf
        return sf

    def lookup(self, directory: str, name: str) -> Optional[str]:
        """The path of `name` in `directory` when it is a file there."""
        key = (directory, name)
        if key in self._exists:
            return self._exists[key]
        path = os.path.join(directory, name) if directory else name
        found = path if os.path.isfile(path) else None
        self._exists[key] = found
        return found
