"""Mixed-linking ABI test: generated callers and callees compiled by gcc and
by the compiler under test in all four combinations (see run.py, gen.py)."""
from __future__ import annotations
