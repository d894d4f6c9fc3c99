"""DejaGnu directives of the GCC torture tests, read well enough to run them.

A torture test carries its per-test options in comments such as

    /* { dg-options "-std=gnu89" } */
    /* { dg-additional-options "-fwrapv" { target x86_64-*-* } } */
    /* { dg-skip-if "requires alloca" { ! alloca } { "-O0" } { "" } } */
    /* { dg-require-effective-target label_values } */
    /* { dg-do compile { target mips*-*-* } } */

We parse the braces and quoted words as Tcl would and evaluate target
selectors against the target's triple and a table of effective-target
keywords. The evaluation only needs to be rough: gcc itself runs as the
oracle with the same options, so a test that gcc cannot do on the target is
left out of the counts anyway. (GCC 12's torture suites no longer have the
old `.x` side files; `load_test` still reads one's `set additional_flags`
line if it finds one.)
"""
from __future__ import annotations

import fnmatch
import os
import re
from typing import Dict, List, Optional, Union

# Triples as DejaGnu sees them for each lcc target.
TRIPLES: Dict[str, str] = {
    "x86_64": "x86_64-pc-linux-gnu",
    "aarch64": "aarch64-unknown-linux-gnu",
    "riscv64": "riscv64-unknown-linux-gnu",
}

# Effective-target keywords we know to be false on all three LP64 glibc
# targets; any other keyword counts as true (gcc decides the rest).
_FALSE_EVERYWHERE = {
    "ia32", "ilp32", "int16", "ptr16", "size16", "nonpic", "freestanding",
    "newlib_nano_io", "newlib", "avr_tiny", "dll", "arm_arch_v5t_thumb_ok",
    "arm_thumb1", "arm_thumb2", "hard_float_not_available", "keeps_null_pointer_checks_false",
    "logical_op_short_circuit", "tiny", "vxworks_kernel", "__OPTIMIZE__",
}
# Per target extras: keyword -> set of lcc targets where it is true.
_ONLY_ON: Dict[str, set] = {
    "x32": set(),
    "lp64": {"x86_64", "aarch64", "riscv64"},
    "sse": {"x86_64"}, "sse2": {"x86_64"}, "avx": {"x86_64"}, "mmx": {"x86_64"},
    "large_long_double": {"x86_64", "aarch64", "riscv64"},
}

Word = Union[str, list]


def tcl_words(text: str, pos: int = 0, end: Optional[int] = None) -> List[Word]:
    """Split Tcl-like text into words: braced groups become nested lists,
    quoted strings become their contents."""
    words: List[Word] = []
    stack: List[List[Word]] = [words]
    n = len(text) if end is None else end
    i = pos
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "{":
            new: List[Word] = []
            stack[-1].append(new)
            stack.append(new)
            i += 1
        elif c == "}":
            if len(stack) > 1:
                stack.pop()
            i += 1
        elif c == '"':
            j = text.find('"', i + 1)
            if j < 0 or j > n:
                j = n
            stack[-1].append(text[i + 1:j])
            i = j + 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in '{}"':
                j += 1
            stack[-1].append(text[i:j])
            i = j
    return words


def directives(source: str) -> List[List[Word]]:
    """Every `{ dg-NAME args... }` group in the source, as word lists whose
    first word is the directive name."""
    found: List[List[Word]] = []
    for m in re.finditer(r"\{\s*dg-[a-z-]+", source):
        start = m.start()
        depth = 0
        i = start
        n = len(source)
        while i < n:
            c = source[i]
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    break
            elif c == "*" and source.startswith("*/", i):
                break
            i += 1
        words = tcl_words(source, start + 1, i)
        if words and isinstance(words[0], str):
            found.append(words)
    return found


class Selector:
    """Evaluates a DejaGnu target selector for one lcc target."""

    def __init__(self, target: str, flags: List[str]) -> None:
        self.target = target
        self.triple = TRIPLES[target]
        self.flags = flags

    def keyword(self, word: str) -> bool:
        if "-" in word and ("*" in word or word.count("-") >= 2):
            return fnmatch.fnmatchcase(self.triple, word)
        if word in _ONLY_ON:
            return self.target in _ONLY_ON[word]
        if word in _FALSE_EVERYWHERE:
            return False
        if word.startswith(("arm_", "mips", "powerpc", "avr", "hppa", "s390")):
            return False
        return True

    def eval(self, sel: Word) -> bool:
        """A selector is a word, or a list: a plain list is an OR of its
        items; with `!`, `&&`, `||` it is a boolean expression."""
        if isinstance(sel, str):
            return self.keyword(sel)
        items = list(sel)
        if any(isinstance(w, str) and w in ("!", "&&", "||") for w in items):
            return self._expr(items)
        return any(self.eval(w) for w in items)

    def _expr(self, items: List[Word]) -> bool:
        # Left to right with && binding tighter than ||, ! prefix.
        result_or = False
        term = True
        i = 0
        while i < len(items):
            neg = False
            while i < len(items) and items[i] == "!":
                neg = not neg
                i += 1
            if i >= len(items):
                break
            value = self.eval(items[i]) != neg
            i += 1
            term = term and value
            if i < len(items) and items[i] == "&&":
                i += 1
                continue
            result_or = result_or or term
            term = True
            if i < len(items) and items[i] == "||":
                i += 1
        return result_or

    def option_match(self, opts: Word) -> bool:
        """dg-skip-if option lists: "*" matches any flags, "" none."""
        words = [opts] if isinstance(opts, str) else [w for w in opts if isinstance(w, str)]
        for w in words:
            if w == "*":
                return True
            if w and all(part in self.flags for part in w.split()):
                return True
        return False

    def target_clause(self, clause: Word) -> bool:
        """`{ target SEL }` -> SEL's value; `{ xfail ... }` and the like
        don't restrict where the test runs."""
        if isinstance(clause, list) and len(clause) >= 2 and clause[0] == "target":
            return self.eval(clause[1] if len(clause) == 2 else clause[1:])
        return True


class TortureTest:
    """One torture test file with its options for one target."""

    __slots__ = ("path", "suite", "name", "options", "skip", "action", "notes")

    def __init__(self, path: str, suite: str) -> None:
        self.path = path
        self.suite = suite
        self.name = f"{suite}/{os.path.basename(path)}"
        # Options from dg-options / dg-additional-options that apply.
        self.options: List[str] = []
        # Why the test does not apply to the target (None: it does).
        self.skip: Optional[str] = None
        # dg-do action: run, compile, assemble, link, preprocess.
        self.action = "run" if suite == "execute" else "compile"
        self.notes: List[str] = []

    def __repr__(self) -> str:
        return f"TortureTest({self.name}, {self.options}, skip={self.skip})"


def _strs(words: List[Word]) -> List[str]:
    return [w for w in words if isinstance(w, str)]


def _split_options(value: Word) -> List[str]:
    if isinstance(value, list):
        return [p for w in _strs(value) for p in w.split()]
    return value.split()


def load_test(path: str, suite: str, target: str, flags: List[str]) -> TortureTest:
    """Read the dg directives of one test for target; flags are the
    harness's own options (e.g. -O2), used by dg-skip-if."""
    test = TortureTest(path, suite)
    with open(path, encoding="latin-1") as f:
        source = f.read()
    sel = Selector(target, flags)
    for words in directives(source):
        name = words[0]
        args = words[1:]
        if name == "dg-do":
            if args and isinstance(args[0], str):
                test.action = args[0]
            if len(args) > 1 and not sel.target_clause(args[1]):
                test.skip = f"dg-do {test.action} not for this target"
        elif name in ("dg-options", "dg-additional-options"):
            if not args:
                continue
            if len(args) > 1 and not sel.target_clause(args[1]):
                continue
            opts = _split_options(args[0])
            if name == "dg-options":
                # dg-options replaces the default options; the harness adds
                # -w itself.
                test.options = opts
            else:
                test.options.extend(opts)
        elif name == "dg-skip-if":
            # { dg-skip-if "why" { selector } { include-opts } { exclude-opts } }
            if len(args) < 2:
                continue
            include = args[2] if len(args) > 2 else "*"
            exclude = args[3] if len(args) > 3 else ""
            if (sel.eval(args[1]) and sel.option_match(include)
                    and not sel.option_match(exclude)):
                why = args[0] if isinstance(args[0], str) else "dg-skip-if"
                test.skip = f"dg-skip-if: {why}"
        elif name == "dg-require-effective-target":
            if args and isinstance(args[0], str) and not sel.keyword(args[0]):
                if len(args) < 2 or sel.target_clause(args[1]):
                    test.skip = f"requires {args[0]}"
        elif name == "dg-add-options":
            test.notes.append("ignored dg-add-options " + " ".join(_strs(args)))
    xfile = os.path.splitext(path)[0] + ".x"
    if os.path.exists(xfile):
        with open(xfile, encoding="latin-1") as f:
            for line in f:
                m = re.match(r"\s*set\s+additional_flags\s+\"([^\"]*)\"", line)
                if m:
                    test.options.extend(m.group(1).split())
    # Options a driver may not know and that only matter to a back end
    # stay in: gcc accepts them, so lcc must too.
    return test
