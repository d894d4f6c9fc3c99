"""Where lcc finds its grammars and headers, installed or in a source tree."""
from __future__ import annotations

import os

_PKG = os.path.dirname(os.path.abspath(__file__))


def resource_dir(name: str) -> str:
    """Return the directory holding resource `name` ('grammar' or 'include').

    An installed lcc has them inside the package (see pyproject.toml); a source
    checkout has them at the top of the tree, beside the package.
    """
    inside = os.path.join(_PKG, name)
    if os.path.isdir(inside):
        return inside
    return os.path.join(os.path.dirname(_PKG), name)


def grammar_path(filename: str) -> str:
    return os.path.join(resource_dir("grammar"), filename)


def include_dir() -> str:
    return resource_dir("include")
