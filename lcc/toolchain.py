"""The system tools lcc drives after code generation: `as` and `cc`.

Until lcc has its own assembler and linker (see DESIGN.md: lcc/asm,
lcc/elf, lcc/link), an object file comes from GNU `as` and an executable
from the system `cc` used as a linker driver (it knows the crt files,
libgcc and glibc's linker scripts). This module only runs them; the driver
decides what to run.

    assemble(asm_path, obj_path, target) -> ToolResult
    link(items, output, target, no_pie=False) -> ToolResult

Outputs are written to a temporary name beside the destination and renamed
when the tool succeeded, so a failure never leaves a half-written file
(ld itself would leave a truncated executable behind on some errors).
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
from typing import List, Optional, Sequence

from lcc.target import Target

# The assembler and linker driver per target. Cross targets have no code
# generator yet; the names are here so the driver's error is the only gap.
ASSEMBLERS = {
    "x86_64": ["as", "--64"],
    "aarch64": ["aarch64-linux-gnu-as"],
    "riscv64": ["riscv64-linux-gnu-as"],
}
LINKERS = {
    "x86_64": "cc",
    "aarch64": "aarch64-linux-gnu-gcc",
    "riscv64": "riscv64-linux-gnu-gcc",
}


class ToolResult:
    """A finished tool: its exit status and what it printed on stderr."""

    __slots__ = ("code", "stderr", "command")

    def __init__(self, code: int, stderr: str, command: List[str]) -> None:
        self.code = code
        self.stderr = stderr
        self.command = command

    @property
    def ok(self) -> bool:
        return self.code == 0

    def first_line(self) -> str:
        """The first message line, for one-line reports (ICE text)."""
        for line in self.stderr.splitlines():
            line = line.strip()
            if line and not line.startswith("Assembler messages"):
                return line
        return f"exit status {self.code}"


def _run(cmd: List[str]) -> ToolResult:
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL)
    except OSError as e:
        return ToolResult(127, f"lcc: error: cannot run '{cmd[0]}': {e.strerror}\n", cmd)
    out = p.stdout.decode("utf-8", "replace") + p.stderr.decode("utf-8", "replace")
    return ToolResult(p.returncode, out, cmd)


def tmp_name(path: str) -> str:
    """Where a tool writes before the result is renamed to path."""
    return path + ".lcc-tmp"


def is_special(path: str) -> bool:
    """-o /dev/null and the like: written directly, never renamed over."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def commit_file(tmp: str, path: str) -> None:
    """Move a finished output into place."""
    if is_special(path):
        # Copy the bytes into the device or pipe rather than replacing it.
        with open(tmp, "rb") as src, open(path, "wb") as dst:
            shutil.copyfileobj(src, dst)
        os.unlink(tmp)
    else:
        os.replace(tmp, path)


def discard(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def assemble(asm_path: str, obj_path: str, target: Target,
             extra: Sequence[str] = ()) -> ToolResult:
    """Assemble asm_path into obj_path (atomically)."""
    tmp = tmp_name(obj_path)
    cmd = ASSEMBLERS[target.name] + list(extra) + ["-o", tmp, asm_path]
    result = _run(cmd)
    if result.ok:
        commit_file(tmp, obj_path)
    else:
        discard(tmp)
    return result


def link(items: Sequence[str], output: str, target: Target, no_pie: bool = False,
         linker: Optional[str] = None) -> ToolResult:
    """Link items (objects, archives and linker options, in command-line
    order, as gcc's driver takes them) into output (atomically).

    no_pie: add -no-pie in front.  lcc's code is position independent, so
    the driver leaves the linker driver's default (PIE on Debian) alone;
    a -no-pie or -static of the command line is among the items."""
    tmp = tmp_name(output)
    cmd = [linker or LINKERS[target.name]]
    if no_pie:
        cmd.append("-no-pie")
    cmd += list(items) + ["-o", tmp]
    result = _run(cmd)
    if result.ok:
        commit_file(tmp, output)
    else:
        discard(tmp)
    return result
