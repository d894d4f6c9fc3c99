"""What lcc knows about each target: data model, ABI facts and system paths.

The three targets are LP64 Linux with glibc. They differ in the signedness
of plain `char`, the format of `long double` (x87 80-bit on x86-64, IEEE
binary128 on AArch64 and RISC-V), `wchar_t`, and their system directories.
"""
from __future__ import annotations

from typing import Dict, List, Tuple

# C type name -> (size, alignment) common to the three LP64 targets.
_LP64: Dict[str, Tuple[int, int]] = {
    "_Bool": (1, 1),
    "char": (1, 1),
    "short": (2, 2),
    "int": (4, 4),
    "long": (8, 8),
    "long long": (8, 8),
    "__int128": (16, 16),
    "pointer": (8, 8),
    "float": (4, 4),
    "double": (8, 8),
    "long double": (16, 16),
}


class Target:
    """One target's facts. Instances are immutable after construction."""

    def __init__(self, name: str, triple: str, char_signed: bool, wchar: str,
                 ldbl_mant_dig: int, include_dirs: List[str], gcc: str,
                 qemu: List[str]) -> None:
        self.name = name
        self.triple = triple
        self.char_signed = char_signed
        # The underlying type of wchar_t, as a C type name.
        self.wchar = wchar
        # 64: x87 extended precision; 113: IEEE binary128.
        self.ldbl_mant_dig = ldbl_mant_dig
        self.sizes = dict(_LP64)
        # System include directories searched after -I, -isystem and lcc's
        # own include/, in gcc's order.
        self.include_dirs = include_dirs
        # The gcc that serves as oracle for this target, and how to run its
        # programs (empty for the host).
        self.gcc = gcc
        self.qemu = qemu

    def size_align(self, ctype: str) -> Tuple[int, int]:
        return self.sizes[ctype]

    def __repr__(self) -> str:
        return f"Target({self.name})"


TARGETS: Dict[str, Target] = {
    "x86_64": Target(
        "x86_64", "x86_64-linux-gnu", char_signed=True, wchar="int", ldbl_mant_dig=64,
        include_dirs=["/usr/local/include", "/usr/include/x86_64-linux-gnu", "/usr/include"],
        gcc="gcc", qemu=[]),
    "aarch64": Target(
        "aarch64", "aarch64-linux-gnu", char_signed=False, wchar="unsigned int",
        ldbl_mant_dig=113, include_dirs=["/usr/aarch64-linux-gnu/include"],
        gcc="aarch64-linux-gnu-gcc",
        qemu=["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"]),
    "riscv64": Target(
        "riscv64", "riscv64-linux-gnu", char_signed=False, wchar="int", ldbl_mant_dig=113,
        include_dirs=["/usr/riscv64-linux-gnu/include"],
        gcc="riscv64-linux-gnu-gcc",
        qemu=["qemu-riscv64", "-L", "/usr/riscv64-linux-gnu"]),
}

ALIASES = {"x86-64": "x86_64", "amd64": "x86_64", "arm64": "aarch64", "riscv": "riscv64"}


def get_target(name: str) -> Target:
    """Look a target up by name, alias or triple (e.g. aarch64-linux-gnu)."""
    key = name.split("-linux")[0] if "-linux" in name else name
    key = ALIASES.get(key, key)
    if key not in TARGETS:
        raise KeyError(name)
    return TARGETS[key]


def host_target() -> Target:
    import platform
    machine = platform.machine()
    return get_target(ALIASES.get(machine, machine) if machine in ALIASES or machine in TARGETS
                      else "x86_64")
