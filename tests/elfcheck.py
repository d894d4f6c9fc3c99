"""The binutils oracle for lcc's objects and executables: GNU readelf and
objdump must read them without a warning (shared by the linker tests)."""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Union


def assert_reads_cleanly(path: Union[str, Path]) -> None:
    """`readelf -a -W` and `objdump -dr` exit 0 and print nothing on stderr."""
    for tool in (["readelf", "-a", "-W"], ["objdump", "-dr"]):
        p = subprocess.run(tool + [str(path)], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        assert p.returncode == 0 and not p.stderr, (tool, str(path), p.stderr.decode())
