"""Instruction selection: the BURS engine (burs.py) and generated tables."""
from __future__ import annotations
