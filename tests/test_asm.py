"""lcc's assembler (lcc/asm) against GNU as.

Oracles:
  1. hand-written sources in tests/asm/*.s (every directive, operand form,
     relaxation case, alignment pad and CFI instruction): lcc's object and
     `as --64`'s must dump identically (`objdump -dr`, `objdump -s`,
     `readelf -S -s -r -W`, file names normalized);
  2. lcc's own -S output for real programs and a sample of torture tests,
     compared the same way;
  3. those programs assembled by lcc, linked by the system `cc -no-pie`
     and run: same output and exit status as gcc's build;
  4. errors: a bad line makes both assemblers fail on the same line, and
     the driver prints `file:line: Error:` and exits 1.
The `torture` marked test does 2. over the whole execute suite and
prints how many objects are identical.
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
from typing import Any, List, Optional

import pytest

from lcc.asm.assembler import AssemblyError, assemble

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ASM_DIR = os.path.join(ROOT, "tests", "asm")
HAVE_TOOLS = all(shutil.which(t) for t in ("as", "objdump", "readelf"))
pytestmark = pytest.mark.skipif(not HAVE_TOOLS, reason="needs binutils as the oracle")

# A sample of torture tests with varied code: floats, long double, switch
# tables, bit-fields, varargs, nested functions, computed goto, structs.
TORTURE_SAMPLE = ["20000224-1", "pr43560", "nestfunc-6", "compare-1", "pr57829",
                  "comp-goto-1", "bitfld-3", "va-arg-22", "conversion", "pr85756"]


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    return env


def dump(obj: str) -> str:
    """What the comparison looks at, with the file name taken out."""
    out = []
    for cmd in (["objdump", "-dr", obj], ["objdump", "-s", obj],
                ["readelf", "-S", "-s", "-r", "-W", obj]):
        p = subprocess.run(cmd, capture_output=True, text=True)
        out.append(p.stdout + p.stderr)
    return "\n".join(out).replace(obj, "OBJ").replace(os.path.basename(obj), "OBJ")


def compare_with_gas(src: str, tmp: str, name: str) -> Optional[str]:
    """None when lcc's object of src dumps as GNU as's does, else a diff."""
    gas_o = os.path.join(tmp, name + ".gas.o")
    lcc_o = os.path.join(tmp, name + ".lcc.o")
    p = subprocess.run(["as", "--64", src, "-o", gas_o], capture_output=True, text=True)
    assert p.returncode == 0, "GNU as rejects %s: %s" % (src, p.stderr)
    with open(src, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    with open(lcc_o, "wb") as f:
        f.write(assemble(text, src))
    a, b = dump(gas_o).replace(gas_o, "OBJ"), dump(lcc_o)
    if a == b:
        return None
    import difflib
    return "\n".join(list(difflib.unified_diff(a.splitlines(), b.splitlines(), "as", "lcc",
                                               lineterm=""))[:60])


def lcc_S(src: str, out: str, extra: List[str] = ()) -> None:  # type: ignore[assignment]
    p = subprocess.run([sys.executable, "-m", "lcc", "-S", "-w"] + list(extra) +
                       [src, "-o", out], capture_output=True, text=True, env=_env())
    assert p.returncode == 0, "lcc -S %s failed: %s" % (src, p.stderr[-2000:])


def _dg_options(src: str) -> List[str]:
    with open(src, errors="replace") as f:
        m = re.search(r'dg-options\s+"([^"]*)"', f.read())
    return m.group(1).split() if m else []


def _programs() -> List[str]:
    progs = sorted(glob.glob(os.path.join(ROOT, "tests", "realprog", "cases", "*.c")))
    progs += sorted(glob.glob(os.path.join(ROOT, "examples", "*.c")))
    try:
        from tests.corpora import torture_dir
        tdir = os.path.join(torture_dir(), "execute")
        progs += [os.path.join(tdir, n + ".c") for n in TORTURE_SAMPLE
                  if os.path.exists(os.path.join(tdir, n + ".c"))]
    except Exception:
        pass
    return progs


# -- 1. hand-written sources ---------------------------------------------------

@pytest.mark.parametrize("name", sorted(os.path.basename(p)[:-2]
                                        for p in glob.glob(os.path.join(ASM_DIR, "*.s"))))
def test_source_matches_gas(tmp_path: Any, name: str) -> None:
    diff = compare_with_gas(os.path.join(ASM_DIR, name + ".s"), str(tmp_path), name)
    assert diff is None, diff


# -- 2. and 3. lcc's generated assembly -------------------------------------------

@pytest.mark.parametrize("src", _programs(), ids=lambda p: os.path.basename(p))
def test_generated_matches_gas_and_runs(tmp_path: Any, src: str) -> None:
    name = os.path.basename(src)[:-2]
    s = os.path.join(str(tmp_path), name + ".s")
    lcc_S(src, s, _dg_options(src))
    diff = compare_with_gas(s, str(tmp_path), name)
    assert diff is None, diff
    if not shutil.which("cc") or not shutil.which("gcc"):
        return
    exe = os.path.join(str(tmp_path), name + ".lcc")
    link = subprocess.run(["cc", "-no-pie", os.path.join(str(tmp_path), name + ".lcc.o"),
                           "-o", exe, "-lm"], capture_output=True, text=True)
    assert link.returncode == 0, link.stderr
    ref = os.path.join(str(tmp_path), name + ".gcc")
    g = subprocess.run(["gcc", "-w", "-O0"] + _dg_options(src) + [src, "-o", ref, "-lm"],
                       capture_output=True, text=True)
    assert g.returncode == 0, g.stderr
    mine = subprocess.run([exe], capture_output=True, timeout=20)
    theirs = subprocess.run([ref], capture_output=True, timeout=20)
    assert (mine.returncode, mine.stdout) == (theirs.returncode, theirs.stdout)


@pytest.mark.parametrize("src", _programs(), ids=lambda p: os.path.basename(p))
def test_gcc_output_matches_gas(tmp_path: Any, src: str) -> None:
    """gcc -O2's assembly (CFI, .text.startup/.cold, merge sections, .set
    aliases) is another oracle input."""
    if not shutil.which("gcc"):
        pytest.skip("gcc missing")
    name = os.path.basename(src)[:-2]
    s = os.path.join(str(tmp_path), name + ".s")
    subprocess.run(["gcc", "-O2", "-w", "-S"] + _dg_options(src) + [src, "-o", s], check=True)
    diff = compare_with_gas(s, str(tmp_path), name)
    assert diff is None, diff


# -- 4. errors --------------------------------------------------------------------

BAD_LINES = ["\tmovl\t%eax", "\tbogus\t%eax, %ebx", "\taddl\t$1, (%rax", "\t.byte\t1 +",
             "\tmovl\t%eax, %bx", "\t.section", "\t.unknown_directive 3",
             "\tmovl\t$1, %xyz", "\t.popsection", "\t.cfi_endproc", "f:\tnop",
             "\t.p2align 3,,x", "\t.uleb128 undefined_sym"]


@pytest.mark.parametrize("bad", BAD_LINES)
def test_error_line_matches_gas(tmp_path: Any, bad: str) -> None:
    src = os.path.join(str(tmp_path), "bad.s")
    with open(src, "w") as f:
        f.write("\t.text\nf:\tnop\n\tnop\n%s\n\tret\n" % bad)
    p = subprocess.run(["as", "--64", src, "-o", os.path.join(str(tmp_path), "x.o")],
                       capture_output=True, text=True)
    # GNU as 2.40 only warns about a missing operand and a suffix-less
    # memory operation (then guesses); lcc refuses both: same line.
    assert (p.returncode != 0 and "bad.s:4: Error:" in p.stderr) or \
        "bad.s:4: Warning:" in p.stderr
    with pytest.raises(AssemblyError) as info:
        assemble(open(src).read(), src)
    assert str(info.value).startswith(src + ":4: Error: ")


def test_mangled_sources_give_errors_not_tracebacks() -> None:
    """Random edits of the hand-written sources: lcc either assembles them
    or reports `file:line: Error:`, never another exception."""
    import random
    rng = random.Random(7)
    sources = [open(p).read().split("\n") for p in sorted(glob.glob(ASM_DIR + "/*.s"))]
    junk = ["(", ")", ",", "$", "%", "*", ":", '"', "'", "@", "+", "-", "1", "x", ".", ";",
            "\\", " ", "0x", "1f", "1b", "%rax", "(%rip)"]
    errors = 0
    for _ in range(300):
        lines = list(rng.choice(sources))
        for _ in range(rng.randint(1, 3)):
            k = rng.randrange(len(lines))
            line = lines[k]
            r = rng.random()
            if r < 0.4:
                p = rng.randrange(len(line) + 1)
                line = line[:p] + rng.choice(junk) + line[p:]
            elif r < 0.7 and line:
                p = rng.randrange(len(line))
                line = line[:p] + line[p + 1:]
            elif r < 0.85:
                line = line[:rng.randrange(len(line) + 1)]
            else:
                line = rng.choice(rng.choice(sources))
            lines[k] = line
        try:
            assemble("\n".join(lines), "m.s")
        except AssemblyError as e:
            assert str(e).startswith("m.s:") and ": Error: " in str(e)
            errors += 1
    assert errors > 30          # the edits do break things


def test_error_place_after_line_markers(tmp_path: Any) -> None:
    """Preprocessed sources (.S): errors name the original file and line."""
    src = os.path.join(str(tmp_path), "pp.s")
    with open(src, "w") as f:
        f.write('# 1 "orig.S"\n# 1 "<built-in>"\n# 1 "orig.S"\n\t.text\n\tnop\n'
                '# 7 "orig.S"\n\tnop\n\tbogus\n')
    p = subprocess.run(["as", "--64", src, "-o", os.path.join(str(tmp_path), "x.o")],
                       capture_output=True, text=True)
    assert "orig.S:8: Error:" in p.stderr
    with pytest.raises(AssemblyError) as info:
        assemble(open(src).read(), src)
    assert str(info.value).startswith("orig.S:8: Error: ")


def test_incbin_matches_gas(tmp_path: Any) -> None:
    blob = os.path.join(str(tmp_path), "blob.bin")
    with open(blob, "wb") as f:
        f.write(bytes(range(256)) * 3)
    src = os.path.join(str(tmp_path), "inc.s")
    with open(src, "w") as f:
        f.write('\t.section .rodata\nstart:\t.incbin "%s"\n\t.incbin "%s", 10\n'
                '\t.incbin "%s", 5, 7\n\t.byte 1\n' % (blob, blob, blob))
    diff = compare_with_gas(src, str(tmp_path), "inc")
    assert diff is None, diff


def test_driver_reports_user_error(tmp_path: Any) -> None:
    src = os.path.join(str(tmp_path), "u.s")
    with open(src, "w") as f:
        f.write("\t.text\n\tnop\n\tbogus %eax\n")
    p = subprocess.run([sys.executable, "-m", "lcc", "-fintegrated-as", "-c", src, "-o",
                        os.path.join(str(tmp_path), "u.o")], capture_output=True, text=True,
                       env=_env(), cwd=str(tmp_path))
    assert p.returncode == 1
    assert src + ":3: Error:" in p.stderr
    assert not os.path.exists(os.path.join(str(tmp_path), "u.o"))


def test_driver_integrated_as_builds_and_runs(tmp_path: Any) -> None:
    src = os.path.join(ROOT, "examples", "hello.c")
    exe = os.path.join(str(tmp_path), "hello")
    p = subprocess.run([sys.executable, "-m", "lcc", "-fintegrated-as", src, "-o", exe],
                       capture_output=True, text=True, env=_env())
    assert p.returncode == 0, p.stderr
    ref = os.path.join(str(tmp_path), "hello.gcc")
    subprocess.run(["gcc", "-w", src, "-o", ref], check=True)
    assert subprocess.run([exe], capture_output=True).stdout == \
        subprocess.run([ref], capture_output=True).stdout


# -- the whole torture suite (slow) ---------------------------------------------------

@pytest.mark.torture
def test_torture_objects_match_gas(tmp_path: Any) -> None:
    from lcc.driver import main as lcc_main
    from tests.corpora import torture_dir
    tdir = os.path.join(torture_dir(), "execute")
    srcs = sorted(glob.glob(os.path.join(tdir, "*.c")))
    same, differ, asm_failed, skipped = 0, [], [], 0
    for src in srcs:
        name = os.path.basename(src)[:-2]
        s = os.path.join(str(tmp_path), name + ".s")
        try:       # in-process: a process per test would take far longer
            rc = lcc_main(["-S", "-w"] + _dg_options(src) + [src, "-o", s])
        except SystemExit as e:
            rc = e.code
        except Exception:
            rc = 99
        if rc != 0 or subprocess.run(["as", "--64", s, "-o", os.devnull],
                                     capture_output=True).returncode != 0:
            skipped += 1          # lcc or GNU as refuses it: nothing to compare
            continue
        try:
            diff = compare_with_gas(s, str(tmp_path), name)
        except AssemblyError as e:
            asm_failed.append("%s: %s" % (name, e))
            continue
        if diff is None:
            same += 1
        else:
            differ.append(name)
        for ext in (".s", ".gas.o", ".lcc.o"):
            if os.path.exists(os.path.join(str(tmp_path), name + ext)):
                os.unlink(os.path.join(str(tmp_path), name + ext))
    print("torture execute: %d identical, %d differ, %d rejected by lcc/asm, %d not "
          "compiled; differ: %s; rejected: %s" % (same, len(differ), len(asm_failed), skipped,
                                                  differ[:30], asm_failed[:30]))
    assert not differ and not asm_failed
