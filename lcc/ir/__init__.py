"""The tree IR: typed operators in the style of lcc (see lcc/ir/tree.py)."""
from __future__ import annotations
