"""lcc/elf/reader.py and archive.py against binutils: every section,
symbol, relocation, group, dynamic entry and symbol version the reader
returns must be what `readelf -W` prints for the same file (objects built
by gcc and as, glibc's shared libraries, an executable), and archive
members/index what `ar t` / `nm -s` print."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from typing import Dict, List, Tuple

import pytest

from lcc.elf.archive import ArchiveError, read_archive
from lcc.elf.consts import (
    EM_X86_64, ET_DYN, ET_EXEC, ET_REL, SHF_ALLOC, SHF_EXCLUDE, SHF_EXECINSTR, SHF_GROUP,
    SHF_INFO_LINK, SHF_LINK_ORDER, SHF_MERGE, SHF_STRINGS, SHF_TLS, SHF_WRITE, SHN_ABS,
    SHN_COMMON, SHN_UNDEF, SHT_RELR, DT_NEEDED, DT_SONAME,
)
from lcc.elf.reader import ElfError, ElfFile, elf_hash, read_elf

pytestmark = pytest.mark.skipif(shutil.which("readelf") is None or shutil.which("gcc") is None,
                                reason="needs binutils and gcc (the oracles)")

LIBDIR = "/usr/lib/x86_64-linux-gnu"
LIBC_SO = "/lib/x86_64-linux-gnu/libc.so.6"
LIBM_SO = "/lib/x86_64-linux-gnu/libm.so.6"

C_SOURCE = r"""
#include <stdio.h>
int counter = 3;
int table[100];
static const char *msg = "hello %d\n";
__thread int tls_var = 5;
extern int ext_var;
__attribute__((weak)) int weak_fn(void) { return 1; }
__attribute__((visibility("hidden"))) int hidden_fn(int x) { return x * 2; }
static int helper(int x) { return x + counter; }
int main(void) { printf(msg, helper(table[3]) + tls_var + weak_fn() + hidden_fn(1)); return 0; }
int use_ext(void) { return ext_var; }
"""

# Comdat groups (what C++ inline functions and gcc's -g3 macro sections
# use) written directly in assembly; gas makes the last one's signature a
# section symbol (the group is named like its section).
ASM_GROUPS = r"""
    .section .text.inl,"axG",@progbits,inl,comdat
    .globl inl
    .weak inl
inl: ret
    .section .data.inl,"awG",@progbits,inl,comdat
    .quad inl
    .section .text.two,"axG",@progbits,two,comdat
    .globl two
two: call inl
    ret
    .section .text.sec,"axG",@progbits,.text.sec,comdat
    ret
    .text
    .globl plain
plain: jmp two
"""


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def objs(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, str]:
    d = tmp_path_factory.mktemp("elfreader")
    c = d / "prog.c"
    c.write_text(C_SOURCE)
    s = d / "groups.s"
    s.write_text(ASM_GROUPS)
    out = {}
    out["obj"] = str(d / "prog.o")
    _run("gcc", "-O1", "-g", "-fcommon", "-c", str(c), "-o", out["obj"])
    out["pic"] = str(d / "prog_pic.o")
    _run("gcc", "-O2", "-fPIC", "-c", str(c), "-o", out["pic"])
    out["groups"] = str(d / "groups.o")
    _run("as", str(s), "-o", out["groups"])
    out["exe"] = str(d / "prog")
    _run("gcc", "-O1", "-Dext_var=counter", str(c), "-o", out["exe"])
    out["nopie"] = str(d / "prog_nopie")
    _run("gcc", "-no-pie", "-Dext_var=counter", str(c), "-o", out["nopie"])
    return out


def _load(path: str) -> ElfFile:
    with open(path, "rb") as f:
        return read_elf(f.read(), path)


# -- readelf parsing --------------------------------------------------------

_SEC = re.compile(r"^\s*\[\s*(\d+)\]\s(.*?)\s+(\S+)\s+([0-9a-f]{16})\s([0-9a-f]{6,})\s"
                  r"([0-9a-f]{6,})\s([0-9a-f]{2,})\s+([A-Za-z]*)\s+(\d+)\s+(\d+)\s+(\d+)$")
_FLAG_LETTERS = [(SHF_WRITE, "W"), (SHF_ALLOC, "A"), (SHF_EXECINSTR, "X"), (SHF_MERGE, "M"),
                 (SHF_STRINGS, "S"), (SHF_INFO_LINK, "I"), (SHF_LINK_ORDER, "L"),
                 (SHF_GROUP, "G"), (SHF_TLS, "T"), (SHF_EXCLUDE, "E")]
_TYPES = {"NULL": 0, "PROGBITS": 1, "SYMTAB": 2, "STRTAB": 3, "RELA": 4, "HASH": 5,
          "DYNAMIC": 6, "NOTE": 7, "NOBITS": 8, "REL": 9, "DYNSYM": 11, "INIT_ARRAY": 14,
          "FINI_ARRAY": 15, "PREINIT_ARRAY": 16, "GROUP": 17, "GNU_HASH": 0x6ffffff6,
          "VERDEF": 0x6ffffffd, "VERNEED": 0x6ffffffe, "VERSYM": 0x6fffffff,
          "X86_64_UNWIND": 0x70000001}


def readelf_sections(path: str) -> List[Tuple]:
    rows = []
    for line in _run("readelf", "-W", "-S", path).splitlines():
        m = _SEC.match(line)
        if m:
            rows.append((int(m.group(1)), m.group(2).strip(), m.group(3),
                         int(m.group(4), 16), int(m.group(5), 16), int(m.group(6), 16),
                         int(m.group(7), 16), set(m.group(8)) & set("WAXMSILGTE"),
                         int(m.group(9)), int(m.group(10)), int(m.group(11))))
    return rows


def check_sections(elf: ElfFile, path: str) -> None:
    rows = readelf_sections(path)
    assert len(rows) == len(elf.sections) > 0
    for row, s in zip(rows, elf.sections):
        idx, name, typ, addr, off, size, es, flags, lk, inf, al = row
        letters = {c for bit, c in _FLAG_LETTERS if s.flags & bit}
        assert (s.index, s.name, s.addr, s.offset, s.size, s.entsize, letters, s.link,
                s.info, s.align) == (idx, name, addr, off, size, es, flags, lk, inf, al), row
        if typ in _TYPES:
            assert s.type == _TYPES[typ], row
        if s.type == 8:  # NOBITS
            assert len(s.data) == 0
        elif s.index:
            assert bytes(s.data) == elf.data[s.offset:s.offset + s.size]


_SYM = re.compile(r"^\s*(\d+): ([0-9a-f]{16})\s+(\S+) (\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s?(.*)$")
_STT = {"NOTYPE": 0, "OBJECT": 1, "FUNC": 2, "SECTION": 3, "FILE": 4, "COMMON": 5, "TLS": 6,
        "IFUNC": 10}
_STB = {"LOCAL": 0, "GLOBAL": 1, "WEAK": 2, "UNIQUE": 10}
_STV = {"DEFAULT": 0, "INTERNAL": 1, "HIDDEN": 2, "PROTECTED": 3}


def readelf_symbols(path: str, dynamic: bool) -> List[Tuple]:
    text = _run("readelf", "-W", "--dyn-syms" if dynamic else "-s", path)
    if not dynamic:
        # -s prints .dynsym too: keep the .symtab table only.
        text = text[text.find("Symbol table '.symtab'"):] if ".symtab" in text else ""
    else:
        text = text[text.find("Symbol table '.dynsym'"):]
        nxt = text.find("Symbol table", 10)
        text = text[:nxt] if nxt > 0 else text
    rows = []
    for line in text.splitlines():
        m = _SYM.match(line)
        if m:
            size = m.group(3)
            ndx = m.group(7)
            shndx = {"UND": SHN_UNDEF, "ABS": SHN_ABS, "COM": SHN_COMMON}.get(ndx)
            rows.append((int(m.group(1)), int(m.group(2), 16),
                         int(size, 16) if size.startswith("0x") else int(size),
                         m.group(4), m.group(5), m.group(6),
                         shndx if shndx is not None else int(ndx), m.group(8)))
    return rows


def check_symbols(elf: ElfFile, path: str, dynamic: bool) -> int:
    rows = readelf_symbols(path, dynamic)
    syms = elf.dyn_symbols if dynamic else elf.symbols
    assert len(rows) == len(syms)
    for row, s in zip(rows, syms):
        num, value, size, typ, bind, vis, shndx, name = row
        assert (s.index, s.value, s.size, s.shndx) == (num, value, size, shndx), (row, s)
        assert s.type == _STT.get(typ, s.type) and s.bind == _STB.get(bind, s.bind)
        assert s.visibility == _STV[vis]
        shown = s.name
        # readelf leaves out the version of a version's own definition
        # symbol (`GLIBC_2.10`, ABS, in libc.so.6)
        if dynamic and s.version and s.version != s.name:
            shown += ("@" if s.hidden_version or not s.defined else "@@") + s.version
            if not s.defined:
                shown += f" ({s.version_index})"
        if s.type == 3 and not s.name:
            continue  # readelf names section symbols after their section
        assert shown == name, (row, s)
    return len(rows)


_REL_HDR = re.compile(r"^Relocation section '(.*)' at offset 0x([0-9a-f]+) contains")


def check_relocs(elf: ElfFile, path: str) -> int:
    text = _run("readelf", "-W", "-r", path)
    by_name = {s.name: s for s in elf.sections}
    count = 0
    current: List[Tuple[int, int, int, int]] = []
    expected: List[Tuple[int, int, int, int]] = []

    def flush() -> None:
        assert current == expected

    relr = False
    for line in text.splitlines():
        m = _REL_HDR.match(line)
        if m:
            flush()
            sec = by_name[m.group(1)]
            relr = sec.type == SHT_RELR
            if relr:
                current = [(off, 0, 0, 0) for off in elf.relr_offsets(sec)]
                expected = []
                continue
            current = elf.relocs_of(sec)
            if sec.info and elf.type == ET_REL:
                assert elf.relocs(sec.info) == current
            expected = []
            continue
        parts = line.split()
        if relr:
            if len(parts) == 1 and re.fullmatch(r"[0-9a-f]{16}", parts[0]):
                expected.append((int(parts[0], 16), 0, 0, 0))
            continue
        if len(parts) >= 3 and re.fullmatch(r"[0-9a-f]{16}", parts[0]) and \
                re.fullmatch(r"[0-9a-f]{16}", parts[1]):
            off, info = int(parts[0], 16), int(parts[1], 16)
            if parts[-2] in "+-" and len(parts[-2]) == 1:
                addend = int(parts[-1], 16) * (-1 if parts[-2] == "-" else 1)
            elif len(parts) == 4:  # no symbol: the addend alone
                addend = int(parts[-1], 16)
            else:
                addend = 0
            expected.append((off, info & 0xffffffff, info >> 32, addend))
            count += 1
    flush()
    return count


def test_relocatable_object(objs: Dict[str, str]) -> None:
    for key in ("obj", "pic", "groups"):
        path = objs[key]
        elf = _load(path)
        assert (elf.type, elf.machine) == (ET_REL, EM_X86_64)
        check_sections(elf, path)
        assert check_symbols(elf, path, dynamic=False) >= 3
        assert check_relocs(elf, path) > 0
        assert elf.first_global == next(s.index for s in elf.symbols if s.bind != 0)


def test_common_tls_weak_hidden(objs: Dict[str, str]) -> None:
    elf = _load(objs["obj"])
    by = {s.name: s for s in elf.symbols}
    assert by["table"].shndx == SHN_COMMON and by["tls_var"].type == 6
    assert by["weak_fn"].bind == 2 and by["hidden_fn"].visibility == 2
    assert not by["ext_var"].defined and by["main"].defined


def test_groups(objs: Dict[str, str]) -> None:
    path = objs["groups"]
    elf = _load(path)
    text = _run("readelf", "-W", "-g", path)
    expected = []
    for block in text.split("COMDAT group section")[1:]:
        sig = re.search(r"\[(\S+)\] contains", block).group(1)
        members = [int(i) for i in re.findall(r"^\s+\[\s*(\d+)\]", block.split("\n", 1)[1],
                                              re.M)]
        expected.append((sig, members))
    assert len(expected) == 3  # the third's signature is a section symbol
    assert [(g.signature, g.members) for g in elf.groups] == expected
    assert all(g.comdat for g in elf.groups)


def test_executables(objs: Dict[str, str]) -> None:
    for key, etype in (("exe", ET_DYN), ("nopie", ET_EXEC)):
        path = objs[key]
        elf = _load(path)
        assert elf.type == etype
        check_sections(elf, path)
        check_symbols(elf, path, dynamic=False)
        check_symbols(elf, path, dynamic=True)
        check_relocs(elf, path)
        assert elf.needed == ["libc.so.6"]
        hdr = _run("readelf", "-W", "-h", path)
        assert int(re.search(r"Entry point address:\s+0x([0-9a-f]+)", hdr).group(1),
                   16) == elf.entry
        phdrs = re.findall(r"^\s+([A-Z_]+)\s+0x([0-9a-f]+) 0x([0-9a-f]+) 0x[0-9a-f]+ "
                           r"0x([0-9a-f]+) 0x([0-9a-f]+)",
                           _run("readelf", "-W", "-l", path), re.M)
        assert [(int(o, 16), int(v, 16), int(f, 16), int(m, 16)) for _t, o, v, f, m in phdrs] \
            == [(p.offset, p.vaddr, p.filesz, p.memsz) for p in elf.segments]


def _dynamic_oracle(path: str) -> Tuple[List[str], List[str]]:
    text = _run("readelf", "-W", "-d", path)
    return (re.findall(r"\(NEEDED\)\s+Shared library: \[(.*)\]", text),
            re.findall(r"\(SONAME\)\s+Library soname: \[(.*)\]", text))


def _versions_oracle(path: str) -> Tuple[List[Tuple], List[Tuple]]:
    text = _run("readelf", "-W", "-V", path)
    defs = []
    for m in re.finditer(r"Flags: (\S+)\s+Index: (\d+)\s+Cnt: (\d+)\s+Name: (\S+)((?:\n\s+"
                         r"0x[0-9a-f]+: Parent \d+: \S+)*)", text):
        parents = re.findall(r"Parent \d+: (\S+)", m.group(5))
        defs.append((m.group(1) == "BASE", int(m.group(2)), m.group(4), parents))
    needs = []
    for m in re.finditer(r"File: (\S+)\s+Cnt: \d+((?:\n\s+0x[0-9a-f]+:\s+Name: .*)*)", text):
        vers = re.findall(r"Name: (\S+)\s+Flags: \S+\s+Version: (\d+)", m.group(2))
        needs.append((m.group(1), [(n, int(v)) for n, v in vers]))
    return defs, needs


@pytest.mark.parametrize("path", [LIBC_SO, LIBM_SO])
def test_shared_library(path: str) -> None:
    if not os.path.exists(path):
        pytest.fail(f"{path} missing: glibc is needed for this oracle")
    elf = _load(path)
    assert elf.type == ET_DYN
    check_sections(elf, path)
    n = check_symbols(elf, path, dynamic=True)
    assert n > (2000 if "libc" in path else 300)
    check_relocs(elf, path)
    needed, soname = _dynamic_oracle(path)
    assert elf.needed == needed and [elf.soname] == soname
    assert [v for t, v in elf.dynamic if t == DT_NEEDED] and \
        [t for t, _v in elf.dynamic].count(DT_SONAME) == 1
    defs, needs = _versions_oracle(path)
    assert [(d.base, d.index, d.name, d.parents) for d in elf.verdefs] == defs
    assert [(v.file, [(n, o) for n, _h, _f, o in v.versions]) for v in elf.verneeds] == needs
    # the hashes ld wrote are the ELF hash of the names
    for d in elf.verdefs:
        assert d.hash == elf_hash(d.name.encode())
    for v in elf.verneeds:
        for name, h, _f, _o in v.versions:
            assert h == elf_hash(name.encode())


def test_libc_exports_default_versions() -> None:
    elf = _load(LIBC_SO)
    exported = elf.exported()
    text = _run("readelf", "-W", "--dyn-syms", LIBC_SO)
    # what readelf marks @@ (default version) and defined, bind GLOBAL/WEAK
    default = set()
    for row in readelf_symbols(LIBC_SO, dynamic=True):
        name = row[7]
        if "@@" in name and row[6] != SHN_UNDEF and row[5] in ("DEFAULT", "PROTECTED"):
            default.add(name.split("@@")[0])
    assert default and set(exported) == default
    assert exported["memcpy"].version == "GLIBC_2.14"
    assert "memcpy@GLIBC_2.2.5" in text  # the hidden one exists but is not exported


def test_extended_section_numbering(tmp_path: "os.PathLike[str]") -> None:
    """More than 0xff00 sections: e_shnum/e_shstrndx in section 0 and
    symbol section indices in .symtab_shndx (SHN_XINDEX)."""
    src = os.path.join(str(tmp_path), "many.s")
    obj = os.path.join(str(tmp_path), "many.o")
    with open(src, "w") as f:
        f.write("\n".join(f'.section .t{i},"a"\n.globl s{i}\ns{i}: .byte {i % 256}'
                          for i in range(65300)))
    _run("as", src, "-o", obj)
    elf = _load(obj)
    assert len(elf.sections) > 0xff00 and elf.shstrndx > 0xff00
    assert elf.sections[elf.shstrndx].name == ".shstrtab"
    rows = readelf_symbols(obj, dynamic=False)
    by_name = {s.name: s for s in elf.symbols}
    high = [row for row in rows if row[6] >= 0xff00 and row[7]]
    assert len(high) > 10
    for row in high:
        s = by_name[row[7]]
        assert s.shndx == row[6]
        assert elf.sections[s.shndx].name == ".t" + row[7][1:]


CROSS = [("aarch64", "aarch64-linux-gnu-gcc", 183, "/usr/aarch64-linux-gnu/lib/libc.so.6"),
         ("riscv64", "riscv64-linux-gnu-gcc", 243, "/usr/riscv64-linux-gnu/lib/libc.so.6")]


@pytest.mark.parametrize("target,cc,machine,libc", CROSS, ids=[c[0] for c in CROSS])
def test_other_targets(tmp_path: "os.PathLike[str]", target: str, cc: str, machine: int,
                       libc: str) -> None:
    """AArch64 and RISC-V objects and libraries read structurally the same."""
    if shutil.which(cc) is None or not os.path.exists(libc):
        pytest.fail(f"{cc} and its libc are part of the toolchain (DESIGN.md oracles)")
    src = os.path.join(str(tmp_path), "prog.c")
    with open(src, "w") as f:
        f.write(C_SOURCE)
    obj = os.path.join(str(tmp_path), "prog.o")
    _run(cc, "-O1", "-fcommon", "-c", src, "-o", obj)
    for path, etype in ((obj, ET_REL), (libc, ET_DYN)):
        elf = _load(path)
        assert (elf.type, elf.machine) == (etype, machine)
        check_sections(elf, path)
        check_symbols(elf, path, dynamic=etype == ET_DYN)
        assert check_relocs(elf, path) > 0


def _touch_everything(data: bytes, path: str) -> None:
    elf = read_elf(data, path)
    for s in elf.sections:
        bytes(s.data)
        elf.relocs(s.index)
        if s.type in (4, 9, SHT_RELR):
            elf.relocs_of(s)
    elf.symbols, elf.dyn_symbols, elf.groups, elf.segments, elf.exported()
    elf.needed, elf.soname, elf.verdefs, elf.verneeds


def test_corrupt_inputs_raise_clean_errors(objs: Dict[str, str]) -> None:
    """Damaged files (bytes flipped, truncated) give ElfError/ArchiveError
    naming the file, never another exception."""
    import random
    rng = random.Random(1234)
    with open(objs["groups"], "rb") as f:
        obj = f.read()
    with open(objs["exe"], "rb") as f:
        exe = f.read()
    ar_path = os.path.join(LIBDIR, "libc_nonshared.a")
    with open(ar_path, "rb") as f:
        ar = f.read()
    errors = 0
    for trial in range(600):
        base, path = [(obj, "g.o"), (exe, "prog"), (ar, "x.a")][trial % 3]
        data = bytearray(base)
        if trial % 7 == 0:
            data = data[:rng.randrange(len(data))]
        else:
            for _ in range(rng.randrange(1, 8)):
                # headers and tables are where corruption matters
                pos = rng.randrange(min(len(data), 4096)) if rng.random() < 0.7 else \
                    rng.randrange(len(data))
                data[pos] = rng.randrange(256)
        try:
            if path == "x.a":
                archive = read_archive(bytes(data), path)
                archive.index
                for m in archive.members:
                    if m.data[:4] == b"\x7fELF":
                        _touch_everything(m.data, m.path)
            else:
                _touch_everything(bytes(data), path)
        except (ElfError, ArchiveError) as e:
            assert path in str(e)
            errors += 1
    assert errors > 50  # the damage was noticed, not always ignored


def test_not_elf() -> None:
    with pytest.raises(ElfError):
        read_elf(b"!<arch>\n", "x.a")
    with pytest.raises(ElfError):
        read_elf(b"\x7fELF\x02\x01" + b"\0" * 10, "short.o")


# -- archives ---------------------------------------------------------------

def _nm_index(path: str) -> List[Tuple[str, str]]:
    text = _run("nm", "-s", path)
    block = text.split("Archive index:\n", 1)[1].split("\n\n", 1)[0]
    return [tuple(line.split(" in ")) for line in block.splitlines() if " in " in line]


def test_archive_libc_nonshared() -> None:
    path = os.path.join(LIBDIR, "libc_nonshared.a")
    with open(path, "rb") as f:
        ar = read_archive(f.read(), path)
    assert [m.name for m in ar.members] == _run("ar", "t", path).split()
    assert [(n, ar.member_at(o).name) for n, o in ar.symbols] == _nm_index(path)
    for m in ar.members:
        assert m.elf().type == ET_REL


def test_archive_libc_a_subset() -> None:
    path = os.path.join(LIBDIR, "libc.a")
    with open(path, "rb") as f:
        ar = read_archive(f.read(), path)
    names = _run("ar", "t", path).split()
    assert [m.name for m in ar.members] == names
    assert any(len(n) > 15 for n in names)  # long names came from the // table
    index = _nm_index(path)
    assert [(n, ar.member_at(o).name) for n, o in ar.symbols] == index
    printf = ar.member_at(ar.index["printf"][0])
    assert printf.name == "printf.o" and printf.path.endswith("libc.a(printf.o)")
    syms = {s.name for s in printf.elf().symbols if s.defined}
    assert "printf" in syms
    # member bytes equal what `ar p` extracts
    assert printf.data == subprocess.run(["ar", "p", path, "printf.o"], check=True,
                                         capture_output=True).stdout


def test_thin_and_indexless_archives(objs: Dict[str, str], tmp_path: "os.PathLike[str]") -> None:
    d = str(tmp_path)
    long_name = os.path.join(d, "a_rather_long_member_name.o")
    shutil.copy(objs["pic"], long_name)
    short = os.path.join(d, "g.o")
    shutil.copy(objs["groups"], short)
    thin = os.path.join(d, "libthin.a")
    _run("ar", "rcT", thin, long_name, short)
    plain = os.path.join(d, "libplain.a")
    _run("ar", "rc", plain, long_name, short)
    noindex = os.path.join(d, "libnoindex.a")
    _run("ar", "rcS", noindex, long_name, short)
    with open(thin, "rb") as f:
        t = read_archive(f.read(), thin)
    assert t.thin and [os.path.basename(m.name) for m in t.members] == \
        [os.path.basename(n) for n in _run("ar", "t", thin).split()]
    for m in t.members:
        with open(os.path.join(d, os.path.basename(m.name)), "rb") as f:
            assert m.data == f.read()
    assert [(n, os.path.basename(t.member_at(o).name)) for n, o in t.symbols] == \
        [(n, os.path.basename(m)) for n, m in _nm_index(thin)]
    with open(plain, "rb") as f:
        p = read_archive(f.read(), plain)
    with open(noindex, "rb") as f:
        q = read_archive(f.read(), noindex)
    assert not q.has_index
    # the index built from the members equals the one ar wrote
    expected = {n: [p.member_at(o).name for o in offs] for n, offs in p.index.items()}
    assert {n: [q.member_at(o).name for o in offs] for n, offs in q.index.items()} == expected
