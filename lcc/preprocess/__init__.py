"""lcc's preprocessor (C11 6.10): see core.py for the driver-facing
Preprocessor and output.py for the -E text."""
from __future__ import annotations

from lcc.preprocess.core import Preprocessor, TokenList
from lcc.preprocess.output import write_preprocessed

__all__ = ["Preprocessor", "TokenList", "write_preprocessed"]
