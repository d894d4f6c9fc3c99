"""Broken input never crashes the preprocessor: mutants of torture tests
(tokens and lines deleted, duplicated, swapped; files truncated), and of
directive lines in particular, give exit status 0 or 1, never a Python
traceback (status 4), and finish quickly."""
from __future__ import annotations

import os
import random
import time
from typing import List

import pytest

from lcc import driver
from test_preprocess_compare import torture_sample

_DIRECTIVE_BITS = ["#", "##", "#if", "#ifdef X", "#else", "#endif", "#elif", "#define",
                   "#define F(", "#define G(a, ...) #a ## __VA_ARGS__", "#include",
                   "#include <", "#undef", "#line", "#pragma", "_Pragma(", "defined(",
                   "__VA_OPT__(", "__has_include(", "(", ")", ",", "\\", "'", '"', "/*"]


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        if not lines:
            break
        i = rng.randrange(len(lines))
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            words = lines[i].split(" ")
            if words:
                del words[rng.randrange(len(words))]
            lines[i] = " ".join(words)
        elif op == 4:
            lines.insert(i, rng.choice(_DIRECTIVE_BITS) + " " + rng.choice(_DIRECTIVE_BITS))
        else:
            cut = rng.randrange(len(text) + 1)
            return "\n".join(lines)[:cut]
    return "\n".join(lines)


def run_mutants(count: int, seed: int, tmp: str) -> List[str]:
    rng = random.Random(seed)
    sources = torture_sample(60, 3)
    problems: List[str] = []
    for k in range(count):
        src = sources[k % len(sources)]
        with open(src, encoding="utf-8", errors="replace") as f:
            text = f.read()
        path = os.path.join(tmp, f"m{k}.c")
        with open(path, "w", encoding="utf-8") as f:
            f.write(mutate(text, rng))
        start = time.time()
        code = driver.main(["-E", "-w", path, "-o", os.path.join(tmp, "out.i")])
        took = time.time() - start
        if code not in (0, 1) or took > 10:
            problems.append(f"{os.path.basename(src)} mutant {k}: status {code}, {took:.1f}s")
    return problems


def test_mutants(tmp_path, capsys) -> None:
    problems = run_mutants(150, 1234, str(tmp_path))
    capsys.readouterr()
    assert problems == []


@pytest.mark.mutation
def test_mutants_large(tmp_path, capsys) -> None:
    problems = run_mutants(2000, 99, str(tmp_path))
    capsys.readouterr()
    assert problems == []
