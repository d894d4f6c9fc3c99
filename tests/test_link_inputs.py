"""lcc/link/inputs.py and script.py against gcc and GNU ld: the link line
default_link builds must be the collect2 line `gcc -###` prints, the files
resolve_inputs finds must be those `ld -t` opens (scripts expanded, -l
searched per directory, -Bstatic), and AS_NEEDED must match what ld
leaves out of DT_NEEDED."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from typing import Dict, List, Sequence

import pytest

from lcc.elf.reader import read_elf
from lcc.link.inputs import (
    InputError, LinkInput, default_link, find_library, link_mode, parse_ld_args,
)
from lcc.link.script import ScriptError, file_kind, parse_script

pytestmark = pytest.mark.skipif(shutil.which("gcc") is None or shutil.which("ld") is None,
                                reason="needs gcc and GNU ld (the oracles)")

LIBDIR = "/usr/lib/x86_64-linux-gnu"


def _run(cmd: Sequence[str], cwd: str = None) -> subprocess.CompletedProcess:  # type: ignore
    return subprocess.run(list(cmd), capture_output=True, text=True, cwd=cwd)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, str]:
    d = str(tmp_path_factory.mktemp("linkinputs"))
    src = os.path.join(d, "main.c")
    with open(src, "w") as f:
        f.write("#include <math.h>\nextern double v;\n"
                "int main(void) { return (int)sqrt(v) - 3; }\ndouble v = 9.0;\n")
    obj = os.path.join(d, "main.o")
    assert _run(["gcc", "-fPIC", "-c", src, "-o", obj]).returncode == 0
    # a libfoo.so in one directory and a libfoo.a in another
    foo = os.path.join(d, "foo.c")
    with open(foo, "w") as f:
        f.write("int foo(void) { return 7; }\n")
    for sub in ("so", "a", "both"):
        os.makedirs(os.path.join(d, sub))
    fobj = os.path.join(d, "foo.o")
    assert _run(["gcc", "-fPIC", "-c", foo, "-o", fobj]).returncode == 0
    for sub in ("so", "both"):
        assert _run(["gcc", "-shared", fobj, "-o", os.path.join(d, sub, "libfoo.so")]
                    ).returncode == 0
    for sub in ("a", "both"):
        assert _run(["ar", "rcs", os.path.join(d, sub, "libfoo.a"), fobj]).returncode == 0
    return {"dir": d, "obj": obj}


# -- the link line: gcc -### is the oracle ----------------------------------

def _collect2(argv: List[str], cwd: str) -> List[str]:
    r = _run(["gcc", "-###"] + argv, cwd=cwd)
    line = next(ln for ln in r.stderr.splitlines() if "collect2" in ln)
    toks = shlex.split(line)[1:]
    out = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t in ("-plugin", "-o"):
            i += 2
            continue
        if t.startswith("-plugin-opt="):
            i += 1
            continue
        out.append(t)
        i += 1
    return out


def _normal(args: List[str]) -> List[str]:
    """Paths normalised; the run of -L options deduplicated, as ld treats it."""
    out: List[str] = []
    seen = set()
    for a in args:
        if a.startswith("-L/"):
            a = "-L" + os.path.normpath(a[2:])
            if a in seen:
                continue
            seen.add(a)
        elif a.startswith("/"):
            a = os.path.normpath(a)
        out.append(a)
    return out


CASES = [
    [],
    ["-no-pie"],
    ["-static"],
    ["-shared"],
    ["-static-pie"],
    ["-pie", "-rdynamic", "-s", "-pthread"],
    ["-static-libgcc"],
    ["-nostdlib"],
    ["-nostartfiles"],
    ["-nodefaultlibs"],
    ["-static", "-pthread"],
    ["-no-pie", "-static"],
    ["-static", "-pie"],
    ["-no-pie", "-shared"],
    ["-no-pie", "-pie"],
    ["-L/opt/none", "MAIN", "-lm", "-Wl,-z,now,--as-needed", "-L/tmp", "-Wl,-Bstatic",
     "-lfoo", "-Wl,-Bdynamic"],
]


# Not compared: combinations where gcc 12's specs contradict themselves
# (-shared -no-pie picks crtbegin.o but crtendS.o-less crtend.o; -shared
# -static links crtbeginT.o into a shared object).
@pytest.mark.parametrize("flags", CASES, ids=[" ".join(c) or "default" for c in CASES])
def test_default_link_matches_gcc(work: Dict[str, str], flags: List[str]) -> None:
    items = [work["obj"] if f == "MAIN" else f for f in flags]
    if work["obj"] not in items:
        items.append(work["obj"])
    expected = _normal(_collect2(items, work["dir"]))
    plan = default_link(link_mode(items), items)
    assert _normal(plan.args) == expected
    crts = [a for a in plan.args if a.endswith(".o") and a != work["obj"]]
    assert all(os.path.isabs(c) and os.path.isfile(c) for c in crts)


# -- the files: ld -t is the oracle -------------------------------------------

def _ld_trace(argv: List[str], cwd: str) -> List[str]:
    out = os.path.join(cwd, "a.out")
    r = _run(["gcc", "-Wl,-t"] + argv + ["-o", out], cwd=cwd)
    assert r.returncode == 0, r.stderr
    files = []
    for line in r.stdout.splitlines() + r.stderr.splitlines():
        line = line.strip()
        if line.startswith("/") and "(" not in line and os.path.isfile(line):
            files.append(line)
    return files


def _same(a: str, b: str) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def _check_against_trace(mine: List[LinkInput], traced: List[str]) -> None:
    """ld -t lists every file it opens, linker scripts included, and lists a
    group's members again when it rescans the group (for nested groups, not
    always right after it): mine must be ld's list without the scripts,
    where every extra entry is a repeat of a group member already read."""
    traced = [p for p in traced if file_kind(open(p, "rb").read(4096)) != "script"]
    j = 0
    grouped: List[str] = []
    for p in traced:
        if j < len(mine) and _same(p, mine[j].path):
            if mine[j].group:
                grouped.append(p)
            j += 1
            continue
        assert any(_same(p, m) for m in grouped), (p, [m.path for m in mine[j:j + 3]])
    assert j == len(mine), [m.path for m in mine[j:]]


@pytest.mark.parametrize("flags", [[], ["-no-pie"], ["-static"], ["-shared"], ["-static-pie"],
                                   ["-pthread", "-static-libgcc"], ["-static", "-pthread"]],
                         ids=["pie", "no-pie", "static", "shared", "static-pie",
                              "pthread-static-libgcc", "static-pthread"])
def test_resolved_inputs_match_ld_trace(work: Dict[str, str], flags: List[str]) -> None:
    items = flags + [work["obj"], "-lm"]
    traced = _ld_trace(items, work["dir"])
    plan = default_link(link_mode(items), items)
    mine = plan.inputs()
    _check_against_trace(mine, traced)
    kinds = {m.kind for m in mine}
    assert kinds == ({"object", "archive"} if link_mode(items).startswith("static")
                     else {"object", "archive", "shared"})
    for m in mine:
        if m.kind == "object":
            assert read_elf(m.data, m.path).type == 1


@pytest.mark.parametrize("libflags", [
    ["-L{d}/a", "-L{d}/so", "-lfoo"],      # the first directory with either wins
    ["-L{d}/so", "-L{d}/a", "-lfoo"],
    ["-L{d}/both", "-lfoo"],               # .so before .a in one directory
    ["-L{d}/both", "-Wl,-Bstatic", "-lfoo", "-Wl,-Bdynamic"],
    ["-L{d}/both", "-l:libfoo.a"],
    ["-L{d}/so", "-Wl,--push-state,--no-as-needed", "-lfoo", "-Wl,--pop-state"],
])
def test_library_search_matches_ld(work: Dict[str, str], libflags: List[str]) -> None:
    d = work["dir"]
    flags = [f.format(d=d) for f in libflags]
    items = [work["obj"]] + flags + ["-lm"]
    traced = _ld_trace(items, d)
    mine = default_link("pie", items).inputs()
    _check_against_trace(mine, traced)


def test_user_script_matches_ld(work: Dict[str, str]) -> None:
    """A script of one's own in a -L directory: relative names and -l inside
    it are searched like ld does."""
    d = work["dir"]
    scr = os.path.join(d, "scr")
    os.makedirs(scr, exist_ok=True)
    with open(os.path.join(scr, "libbar.so"), "w") as f:
        f.write("/* mine */ GROUP ( libfoo.so AS_NEEDED ( -lm ) )\nINPUT(-lfoo)\n")
    items = [work["obj"], "-L" + scr, "-L" + os.path.join(d, "so"), "-lbar"]
    _check_against_trace(default_link("pie", items).inputs(), _ld_trace(items, d))


def test_as_needed_matches_dt_needed(work: Dict[str, str]) -> None:
    """With --no-as-needed on the command line, the libraries ld still
    leaves out of DT_NEEDED are those the scripts mark AS_NEEDED (and
    libgcc_s, which gcc wraps in --as-needed)."""
    d = work["dir"]
    items = ["-Wl,--no-as-needed", work["obj"], "-lm", "-L" + d + "/so", "-lfoo"]
    out = os.path.join(d, "needed.out")
    r = _run(["gcc"] + items + ["-o", out], cwd=d)
    assert r.returncode == 0, r.stderr
    with open(out, "rb") as f:
        needed = set(read_elf(f.read(), out).needed)
    mine = default_link("pie", items).inputs()
    shared = {}
    for m in mine:
        if m.kind == "shared":
            soname = read_elf(m.data, m.path).soname or os.path.basename(m.path)
            shared[soname] = shared.get(soname, True) and m.as_needed
    assert {"libc.so.6", "libm.so.6", "libfoo.so"} <= needed
    assert "ld-linux-x86-64.so.2" in shared and "libgcc_s.so.1" in shared
    assert {s for s, asn in shared.items() if not asn} == needed
    assert {s for s, asn in shared.items() if asn} == set(shared) - needed


# -- scripts --------------------------------------------------------------

def test_glibc_scripts_parse_like_ld(work: Dict[str, str]) -> None:
    for name in ("libc.so", "libm.so"):
        path = os.path.join(LIBDIR, name)
        with open(path, "rb") as f:
            data = f.read()
        assert file_kind(data) == "script"
        script = parse_script(data.decode(), path)
        assert script.output_format == "elf64-x86-64"
        assert all(s.group and not s.lib for s in script.inputs)
        # ld -t lists the script, then the files it names, in order
        traced = _ld_trace([work["obj"], "-lm"], work["dir"])
        at = next(i for i, p in enumerate(traced) if _same(p, path))
        named = traced[at + 1:at + 1 + len(script.inputs)]
        assert [os.path.normpath(s.name) for s in script.inputs] == \
            [os.path.normpath(p) for p in named]


def test_script_syntax() -> None:
    s = parse_script('/* c */ INPUT(libncurses.so.6 -ltinfo)\nGROUP ( a.so, "b c.a" '
                     'AS_NEEDED(-lx y.so) )\nSEARCH_DIR("=/opt/lib")', "t.so")
    assert [(i.name, i.lib, i.as_needed, i.group) for i in s.inputs] == [
        ("libncurses.so.6", False, False, False), ("tinfo", True, False, False),
        ("a.so", False, False, True), ("b c.a", False, False, True),
        ("x", True, True, True), ("y.so", False, True, True)]
    assert s.search_dirs == ["/opt/lib"]
    for bad in ("SECTIONS { .text : { *(.text) } }", "GROUP ( a.so", "OUTPUT_FORMAT(elf32-i386)",
                "/* open"):
        with pytest.raises(ScriptError):
            parse_script(bad, "bad.so")


def test_missing_library_reports_like_ld(work: Dict[str, str]) -> None:
    with pytest.raises(InputError, match="cannot find -lnosuchlib"):
        default_link("pie", [work["obj"], "-lnosuchlib"]).inputs()
    assert find_library("c", [LIBDIR], static=True) == os.path.join(LIBDIR, "libc.a")


def test_ld_options_parsed() -> None:
    cmd = parse_ld_args(["-e", "start", "--soname=libx.so.1", "-rpath", "/a:/b", "-z", "now",
                         "-zrelro", "--export-dynamic", "-u", "sym", "-lfoo", "-Lx", "-(",
                         "y.a", "-)", "--whole-archive", "z.a", "--no-whole-archive",
                         "--frobnicate"])
    assert (cmd.entry, cmd.soname, cmd.rpath, cmd.z, cmd.export_dynamic, cmd.undefined,
            cmd.lib_dirs, cmd.unknown) == ("start", "libx.so.1", ["/a", "/b"],
                                           ["now", "relro"], True, ["sym"], ["x"],
                                           ["--frobnicate"])
    assert [(i.kind, i.name, i.whole_archive) for i in cmd.items] == [
        ("lib", "foo", False), ("group-start", "", False), ("file", "y.a", False),
        ("group-end", "", False), ("file", "z.a", True)]
