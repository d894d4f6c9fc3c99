"""tools/rulegen: turn an isel/<arch>.rules file into a Python table module.

    python -m tools.rulegen isel/x86_64.rules -o lcc/isel/gen_x86_64.py
"""
from __future__ import annotations

from .gen import generate
from .parse import RuleFile, RulesError, parse_rules


def generate_file(path: str) -> str:
    """The generated module text for the rules file at `path`."""
    with open(path, encoding="utf-8") as f:
        return generate(parse_rules(f.read(), path))


__all__ = ["RuleFile", "RulesError", "generate", "generate_file", "parse_rules"]
