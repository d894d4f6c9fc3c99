"""Bad linker inputs: lcc's linker must refuse what GNU ld (through gcc)
refuses, with a LinkError naming the file (never a Python traceback), in
ld's words where ld has one: `file format not recognized`, `incompatible`.
The inputs are damaged copies of small objects gcc and `as` make."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

import pytest

from lcc.link.linker import LinkError, link

pytestmark = pytest.mark.skipif(shutil.which("gcc") is None or not os.path.exists(
    "/usr/lib/x86_64-linux-gnu/libc.so"), reason="needs gcc and glibc (the oracle)")

MAIN = "int f(void);\nint main(void) { return f(); }\n"
F = "int f(void) { return 0; }\n"


def _gcc(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["gcc", *args], capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Path]:
    d = tmp_path_factory.mktemp("badinput")
    (d / "main.c").write_text(MAIN)
    (d / "f.c").write_text(F)
    out = {"dir": d}
    for name in ("main", "f"):
        assert _gcc("-c", str(d / f"{name}.c"), "-o", str(d / f"{name}.o")).returncode == 0
        out[name] = d / f"{name}.o"
    # the same function assembled as 32-bit code (`as --32`: no multilib needed)
    (d / "f32.s").write_text(".text\n.globl f\nf: xorl %eax, %eax\nret\n")
    subprocess.run(["as", "--32", str(d / "f32.s"), "-o", str(d / "f32.o")], check=True)
    out["f32"] = d / "f32.o"
    return out


def _patched(data: bytes, pos: int, new: bytes) -> bytes:
    return data[:pos] + new + data[pos + len(new):]


# name -> (what to make of f.o's bytes, a phrase both ld and lcc print or None)
CASES: Dict[str, Tuple[Callable[[bytes, bytes], bytes], Optional[str]]] = {
    "junk": (lambda f, f32: b"\x01\x02\0\0" * 64, "file format not recognized"),
    "elf32": (lambda f, f32: f32, "incompatible"),
    "big-endian": (lambda f, f32: _patched(f, 5, b"\x02"), None),
    "aarch64": (lambda f, f32: _patched(f, 18, (183).to_bytes(2, "little")), None),
    "truncated": (lambda f, f32: f[:len(f) // 2], None),
    "short": (lambda f, f32: f[:40], "file format not recognized"),
    "bad-shoff": (lambda f, f32: _patched(f, 40, (1 << 40).to_bytes(8, "little")), None),
    "bad-symtab": (lambda f, f32: _bad_symtab(f), None),
}


def _bad_symtab(f: bytes) -> bytes:
    """The .symtab's sh_offset pointed past the end of the file."""
    from lcc.elf.reader import read_elf
    elf = read_elf(f, "f.o")
    sec = next(s for s in elf.sections if s.name == ".symtab")
    pos = elf.shoff + sec.index * 64 + 24
    return _patched(f, pos, (len(f) + 4096).to_bytes(8, "little"))


def _check(tmp: Path, items: List[str], bad: str, phrase: Optional[str]) -> None:
    ref = _gcc(*items, "-o", str(tmp / "ref"))
    assert ref.returncode != 0, "ld accepted the damaged input: not a bad-input case"
    with pytest.raises(LinkError) as e:
        link(items, str(tmp / "mine"))
    msg = str(e.value)
    assert os.path.basename(bad) in msg, msg
    if phrase is not None:
        assert phrase in ref.stderr, ref.stderr
        assert phrase in msg, msg


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_object(work: Dict[str, Path], tmp_path: Path, case: str) -> None:
    make, phrase = CASES[case]
    bad = tmp_path / f"{case}.o"
    bad.write_bytes(make(work["f"].read_bytes(), work["f32"].read_bytes()))
    _check(tmp_path, [str(work["main"]), str(bad)], str(bad), phrase)


@pytest.mark.parametrize("case", ["big-endian", "bad-shoff", "bad-symtab"])
def test_bad_archive_member(work: Dict[str, Path], tmp_path: Path, case: str) -> None:
    """The member the link pulls (through the archive's index) is damaged:
    the error names `libbad.a(f.o)`."""
    make, _phrase = CASES[case]
    lib = tmp_path / "libbad.a"
    subprocess.run(["ar", "rcs", str(lib), str(work["f"])], check=True)
    good = work["f"].read_bytes()
    bad = make(good, b"")
    assert len(bad) == len(good)  # patched in place: the index stays right
    data = lib.read_bytes()
    lib.write_bytes(data.replace(good, bad, 1))
    _check(tmp_path, [str(work["main"]), str(lib)], "libbad.a(f.o)", None)


def test_bad_shared_library(work: Dict[str, Path], tmp_path: Path) -> None:
    so = tmp_path / "libf.so"
    assert _gcc("-shared", "-fPIC", str(work["dir"] / "f.c"), "-o", str(so)).returncode == 0
    data = so.read_bytes()
    bad = tmp_path / "libbad.so"
    bad.write_bytes(data[:len(data) // 3])
    _check(tmp_path, [str(work["main"]), str(bad)], str(bad), None)
