"""Position-independent code (docs/x86_64-abi.md, "Code models").

Oracles: the system linker with `-pie -Wl,-z,text,--fatal-warnings`
(it refuses any relocation that would need a text relocation), gcc's
behaviour for the same programs, and gcc's predefined macros per option.

- lcc objects of tests/pic/pie.c, tests/realprog/cases and torture
  programs heavy in switches, computed gotos and address constants link
  as a PIE with no text relocation and behave as gcc's build;
- tests/pic/lib.c built by `lcc -fPIC -shared` (and -fpic) serves a gcc
  program and an lcc program, and gcc's build of it serves an lcc program,
  all printing what the all-gcc build prints;
- `lcc` links a PIE by default, `-no-pie` and `-static` as asked;
- __pic__/__PIC__/__pie__/__PIE__ for each code-model option as gcc -E.
"""
from __future__ import annotations

import glob
import os
import subprocess
from typing import Any, List, Tuple

import pytest

from lcc import driver

HERE = os.path.dirname(os.path.abspath(__file__))
PIC = os.path.join(HERE, "pic")
REALPROG = sorted(glob.glob(os.path.join(HERE, "realprog", "cases", "*.c")))
# switch tables, labels as values (static tables of &&label, differences),
# pointers in initialised data, nested functions, thread-locals
TORTURE = ["20040302-1.c", "comp-goto-1.c", "comp-goto-2.c", "920501-3.c", "920302-1.c",
           "20071220-1.c", "990208-1.c", "switch-1.c", "pr71494.c", "20041214-1.c",
           "920428-2.c", "20000511-1.c", "920415-1.c", "980526-1.c", "pr51447.c",
           "20030714-1.c", "20011223-1.c", "20020529-1.c", "nestfunc-1.c", "pr43220.c",
           "pr43560.c"]
Z_TEXT = "-Wl,-z,text,--fatal-warnings"


def _lcc(args: List[str], capsys: Any) -> None:
    code = driver.main(args)
    err = capsys.readouterr().err
    assert code == 0, err


def _run(exe: str, env: Any = None) -> Tuple[int, bytes, bytes]:
    p = subprocess.run([exe], capture_output=True, timeout=60, check=False, env=env)
    return p.returncode, p.stdout, p.stderr


def _elf_type(path: str) -> int:
    with open(path, "rb") as f:
        head = f.read(18)
    return int.from_bytes(head[16:18], "little")


def _torture() -> List[str]:
    from tests.corpora import CorpusUnavailable, torture_dir
    try:
        base = os.path.join(torture_dir(), "execute")
    except CorpusUnavailable:
        return []
    return [os.path.join(base, t) for t in TORTURE if os.path.exists(os.path.join(base, t))]


def _pie_programs() -> List[Tuple[str, str]]:
    # pie.c also as shared-library code (GOT, PLT, general-dynamic TLS)
    # linked into an executable: ld relaxes the TLS sequences
    progs = [os.path.join(PIC, "pie.c")] + REALPROG + _torture()
    return [(p, "-fPIE") for p in progs] + [(os.path.join(PIC, "pie.c"), "-fPIC")]


@pytest.mark.parametrize("path,flag", _pie_programs(),
                         ids=lambda v: os.path.basename(v) if "/" in v else v)
def test_pie_links_without_text_relocations(path: str, flag: str, tmp_path: Any,
                                            capsys: Any) -> None:
    obj = str(tmp_path / "t.o")
    _lcc(["-O0", "-w", flag, "-c", path, "-o", obj], capsys)
    lexe, gexe = str(tmp_path / "lcc.exe"), str(tmp_path / "gcc.exe")
    link = subprocess.run(["cc", "-pie", Z_TEXT, obj, "-o", lexe, "-lm"],
                          capture_output=True, text=True)
    assert link.returncode == 0, link.stderr
    assert _elf_type(lexe) == 3          # ET_DYN: a PIE
    subprocess.run(["gcc", "-O0", "-w", path, "-o", gexe, "-lm"], check=True)
    assert _run(lexe) == _run(gexe)


def test_corpus_programs_present() -> None:
    # the torture part must not silently shrink to nothing when the corpus
    # exists
    from tests.corpora import CorpusUnavailable, torture_dir
    try:
        torture_dir()
    except CorpusUnavailable:
        pytest.skip("torture corpus unavailable")
    assert len(_torture()) == len(TORTURE)


def _shared(compiler: str, flag: str, out: str, capsys: Any) -> None:
    src = os.path.join(PIC, "lib.c")
    if compiler == "gcc":
        subprocess.run(["gcc", flag, "-shared", "-w", src, "-o", out], check=True)
    else:
        _lcc([flag, "-shared", "-w", src, "-o", out, Z_TEXT], capsys)


def _program(compiler: str, libdir: str, out: str, capsys: Any) -> None:
    src = os.path.join(PIC, "main.c")
    args = ["-w", src, "-o", out, "-L" + libdir, "-lpict", "-Wl,-rpath," + libdir]
    if compiler == "gcc":
        subprocess.run(["gcc"] + args, check=True)
    else:
        _lcc(args, capsys)


@pytest.mark.parametrize("flag", ["-fPIC", "-fpic"])
def test_shared_library(flag: str, tmp_path: Any, capsys: Any) -> None:
    builds = {}
    for lib in ("gcc", "lcc"):
        d = tmp_path / lib
        d.mkdir()
        _shared(lib, flag, str(d / "libpict.so"), capsys)
        for prog in ("gcc", "lcc"):
            exe = str(d / ("%s.exe" % prog))
            _program(prog, str(d), exe, capsys)
            builds[(lib, prog)] = _run(exe)
    want = builds[("gcc", "gcc")]
    assert want[0] == 0 and want[1]
    for key, got in builds.items():
        assert got == want, key


def test_default_pie_and_no_pie(tmp_path: Any, capsys: Any) -> None:
    src = os.path.join(PIC, "pie.c")
    gexe = str(tmp_path / "gcc.exe")
    subprocess.run(["gcc", "-w", src, "-o", gexe], check=True)
    want = _run(gexe)
    for flags, etype in (([], 3), (["-no-pie"], 2), (["-fno-pie", "-no-pie"], 2),
                         (["-fPIE", "-pie"], 3)):
        exe = str(tmp_path / "lcc.exe")
        _lcc(["-w", src, "-o", exe] + flags, capsys)
        assert _elf_type(exe) == etype, flags
        assert _run(exe) == want, flags


FLAG_SETS = ["", "-fpie", "-fPIE", "-fpic", "-fPIC", "-fno-pie", "-fno-pic", "-fno-PIE",
             "-fno-PIC", "-fpic -fno-pie", "-fPIC -fpie", "-fpie -fpic", "-fno-pic -fpie",
             "-fPIE -fno-pic", "-fno-pie -fPIC", "-shared", "-static", "-no-pie"]


def test_predefined_macros_per_option(tmp_path: Any, capsys: Any) -> None:
    src = tmp_path / "m.c"
    src.write_text("pic=__pic__ PIC=__PIC__ pie=__pie__ PIE=__PIE__\n")
    for flags in FLAG_SETS:
        f = flags.split()
        want = subprocess.run(["gcc", "-E", "-P"] + f + [str(src)], capture_output=True,
                              text=True, check=True).stdout.strip()
        out = str(tmp_path / "lcc.i")
        _lcc(["-E", "-P"] + f + [str(src), "-o", out], capsys)
        with open(out) as fh:
            assert fh.read().strip() == want, flags
