"""Running lcc in-process (inside a pool worker) and reading its output.

`lcc.driver.main(argv)` is called with stdout/stderr captured, so a worker
compiles file after file without paying lcc's start-up again. Anything that
escapes main (it turns exceptions into an ICE report with status 4) is
caught here and reported as a traceback.
"""
from __future__ import annotations

import io
import re
import sys
import traceback
from typing import Dict, List, Optional, Tuple

# Enough of a diagnostic to group and show it; a runaway error cascade can
# be megabytes.
MAX_STDERR = 8000


def run_lcc(argv: List[str], keep_stdout: bool = False) -> Dict[str, object]:
    """Run lcc with argv; returns code, stderr (truncated) and, if asked,
    stdout."""
    from lcc import driver

    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr, sys.argv
    sys.stdout, sys.stderr = out, err
    sys.argv = ["lcc"] + list(argv)
    code: object
    try:
        code = driver.main(list(argv))
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:  # noqa: BLE001 - a crash is a result here
        err.write("Traceback (escaped lcc.driver.main):\n" + traceback.format_exc())
        code = 4
    finally:
        sys.stdout, sys.stderr, sys.argv = saved
    text = err.getvalue()
    if len(text) > MAX_STDERR:
        text = text[:MAX_STDERR] + "\n[... stderr truncated ...]\n"
    result: Dict[str, object] = {"code": code, "stderr": text}
    if keep_stdout:
        result["stdout"] = out.getvalue()
    return result


def is_ice(stderr: str) -> bool:
    return "internal compiler error" in stderr or "Traceback" in stderr


_LOC = re.compile(r"^(?:[^:\s]*(?:\.[ch]|<[^>]*>))?(?::\d+)*:\s*")
_QUOTED_WORD = re.compile(r"'[A-Za-z_][A-Za-z_0-9]*'|\u2018[A-Za-z_][A-Za-z_0-9]*\u2019")
_NUMBER = re.compile(r"\b\d+\b")
_PATHLIKE = re.compile(r"/[^\s:'\"]+")


def first_error(stderr: str) -> Optional[str]:
    """The first error (or ICE) line of a compiler's stderr, as printed."""
    fallback = None
    for line in stderr.splitlines():
        if "internal compiler error" in line or ": error:" in line or ": fatal error:" in line:
            return line.strip()
        if line.startswith("Traceback") and fallback is None:
            fallback = line.strip()
    if fallback:
        # The last line of a traceback says what was raised.
        lines = [x for x in stderr.splitlines() if x.strip()]
        return lines[-1].strip() if lines else fallback
    return None


def normalise(line: Optional[str]) -> str:
    """A diagnostic line without its file, line and column, with quoted
    identifiers and numbers replaced, so one cause is one group."""
    if not line:
        return "(no error message)"
    text = line.strip()
    ice = text.find("internal compiler error")
    if ice >= 0:
        # The ICE line starts with whatever location the driver knew.
        text = text[ice:]
    text = _LOC.sub("", text, count=1)
    text = _PATHLIKE.sub("PATH", text)
    text = _QUOTED_WORD.sub("'ID'", text)
    if "`" not in text:
        text = _NUMBER.sub("N", text)
    return text[:200]


def tokens_of_preprocessed(text: str) -> List[str]:
    """The token sequence of `-E` output: line markers dropped, whitespace
    ignored, other directives (#pragma) kept as tokens. Both compilers'
    output goes through lcc's own pp-tokenizer."""
    from lcc.preprocess.lexer import tokenize

    toks: List[str] = []
    for line in text.splitlines():
        s = line.lstrip()
        if s.startswith("#") and re.match(r"#\s*(line\s+)?\d", s):
            continue
        toks.extend(t.text for t in tokenize(line, "<-E output>"))
    return toks


def first_difference(a: List[str], b: List[str]) -> Tuple[int, str]:
    """Index of the first differing token and a short excerpt of both."""
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    if i == n and len(a) == len(b):
        return -1, ""
    lo = max(0, i - 5)
    return i, (f"gcc: {' '.join(a[lo:i + 6])!s}\n"
               f"lcc: {' '.join(b[lo:i + 6])!s}")
