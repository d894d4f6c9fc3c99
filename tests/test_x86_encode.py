"""The x86-64 encoder against GNU as: every form of lcc/asm/x86_64/table.py
with a spread of operands (all registers of the class, every ModRM/SIB
special case, displacement and immediate size boundaries, symbols and
relocation modifiers) is printed as AT&T text, assembled by GNU as in one
batch, and each instruction's bytes and relocations compared with
encode()'s.  Instructions GNU as rejects must be rejected by encode too.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from typing import Dict, List, Optional, Sequence, Set, Tuple

import pytest

from lcc.asm.x86_64 import table
from lcc.asm.x86_64.encode import EncodeError, encode
from lcc.mir import LabelOp, SymOp

sys.path.insert(0, os.path.dirname(__file__))
from x86_encode.gen import (Obj, first_error_lines, fmt_insn, spread)  # noqa: E402

AS = shutil.which("as")
pytestmark = pytest.mark.skipif(AS is None, reason="GNU as not installed")

Inst = Tuple[str, List[object], bool]


def _instances() -> Tuple[List[Inst], int]:
    """(mnemonic, operands, short) for every form, plus the bare-mnemonic
    spellings with a register giving the size."""
    insts: List[Inst] = []
    nforms = 0
    for form in table.FORMS:
        nforms += 1
        names = [form.mnem]
        for name, entries in _ALIASES.get(id(form), []):
            names.append(name)
        for k, ops in enumerate(spread(form)):
            short = "rel8" in form.kinds
            real: List[object] = []
            for o, kind in zip(ops, form.kinds):
                if kind == "rel8":
                    real.append(LabelOp("@next"))
                elif kind == "rel32":
                    real.append(LabelOp("far"))
                else:
                    real.append(o)
            insts.append((form.mnem, real, short))
            if form.rel_pos >= 0 and form.kinds == ("rel32",) and form.mnem.startswith(
                    ("call", "jmp")):
                insts.append((form.mnem, [SymOp("extfn")], False))
            # Bare mnemonics: a few operand lists each (the size comes from
            # a register or, for a memory-only list, must be refused).
            if k < 6:
                for name in names[1:]:
                    insts.append((name, real, short))
    return insts, nforms


def _alias_map() -> Dict[int, List[Tuple[str, object]]]:
    out: Dict[int, List[Tuple[str, object]]] = {}
    for name, entries in table.INDEX.items():
        for form, via_alias in entries:
            if via_alias:
                out.setdefault(id(form), []).append((name, entries))
    return out


_ALIASES = _alias_map()


def _text(insts: Sequence[Inst], skip: Set[int]) -> Tuple[str, Dict[int, int]]:
    lines = ["\t.text"]
    line_of: Dict[int, int] = {}
    for i, (op, ops, short) in enumerate(insts):
        if i in skip:
            continue
        lines.append("I%d:" % i)
        ops_text = [LabelOp("N%d" % i) if isinstance(o, LabelOp) and o.name == "@next" else o
                    for o in ops]
        lines.append("\t" + fmt_insn(op, ops_text))
        line_of[len(lines)] = i
        lines.append("N%d:" % i)
    lines += ["\t.skip 1000", "far:", "\tnop", ""]
    return "\n".join(lines), line_of


def _assemble(tmp: str, text: str) -> Tuple[Optional[Obj], str]:
    src = os.path.join(tmp, "t.s")
    obj = os.path.join(tmp, "t.o")
    with open(src, "w") as f:
        f.write(text)
    r = subprocess.run([AS or "as", "--64", "-o", obj, src], capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.stderr.replace(src, "t.s")
    with open(obj, "rb") as f:
        return Obj(f.read()), r.stderr


def _mine(op: str, ops: Sequence[object], short: bool, next_label: str):
    real = [LabelOp(next_label) if isinstance(o, LabelOp) and o.name == "@next" else o
            for o in ops]
    return encode(op, real, short=short)


def test_every_form_against_gnu_as(tmp_path) -> None:
    insts, nforms = _instances()
    # Pass 1: which lines GNU as refuses.
    text, line_of = _assemble_text = _text(insts, set())
    obj, err = _assemble(str(tmp_path), text)
    rejected: Dict[int, str] = {}
    if obj is None:
        for line, msg in first_error_lines(err, "t.s").items():
            if line in line_of:
                rejected[line_of[line]] = msg
        assert rejected, err[:2000]
        text, _ = _text(insts, set(rejected))
        obj, err = _assemble(str(tmp_path), text)
        assert obj is not None, err[:2000]
    failures: List[str] = []
    compared = refused = 0
    relocs_by_start: Dict[int, List[Tuple[int, str, str, int]]] = {}
    starts = sorted((v, int(k[1:])) for k, v in obj.symbols.items() if k.startswith("I"))
    for v, i in starts:
        relocs_by_start[i] = []
    addr_of_i = {i: v for v, i in starts}
    rel_sorted = sorted(obj.relocs)
    idx = 0
    ends = {i: obj.symbols["N%d" % i] for i in addr_of_i}
    for off, kind, sym, addend in rel_sorted:
        # The instruction containing this offset.
        while idx < len(starts) - 1 and starts[idx + 1][0] <= off:
            idx += 1
        relocs_by_start[starts[idx][1]].append((off - starts[idx][0], kind, sym, addend))
    for i, (op, ops, short) in enumerate(insts):
        line = fmt_insn(op, ops)
        try:
            mine = _mine(op, ops, short, "N%d" % i)
        except EncodeError as e:
            if i in rejected:
                refused += 1
            else:
                failures.append("%-40s GNU accepts, encode refuses: %s" % (line, e))
            continue
        if i in rejected:
            failures.append("%-40s GNU refuses (%s), encode gives %s" %
                            (line, rejected[i], mine.data.hex(" ")))
            continue
        start, end = addr_of_i[i], ends[i]
        gnu = obj.text[start:end]
        data = bytearray(mine.data)
        fix = []
        for f in mine.fixups:
            if f.sym in obj.symbols:       # a local label: GNU resolved it
                val = obj.symbols[f.sym] + f.addend - (start + f.offset)
                data[f.offset:f.offset + f.size] = (val & ((1 << 8 * f.size) - 1)).to_bytes(
                    f.size, "little")
            else:
                fix.append((f.offset, f.kind, f.sym, f.addend))
        compared += 1
        if bytes(data) != gnu or sorted(fix) != relocs_by_start[i]:
            failures.append("%-40s GNU %s %s | lcc %s %s" % (
                line, gnu.hex(" "), relocs_by_start[i], bytes(data).hex(" "), sorted(fix)))
    print("x86 encode: %d forms, %d instructions compared, %d refused by both, "
          "%d failures" % (nforms, compared, refused, len(failures)))
    dump = os.environ.get("X86_ENCODE_DUMP")
    if dump:
        with open(dump, "w") as f:
            f.write("\n".join(failures) + "\n")
    shown: Dict[str, int] = {}
    report = []
    for f in failures:         # a few per mnemonic, so one bug does not hide others
        key = f.split()[0]
        shown[key] = shown.get(key, 0) + 1
        if shown[key] <= 3:
            report.append(f)
    assert not failures, "%d failures:\n%s" % (len(failures), "\n".join(report[:150]))


# ---------------------------------------------------------------- the back end's output

def _backend_mnemonics() -> Set[str]:
    """Every mnemonic lcc's x86-64 back end can print: the instruction
    table of the selector (insns.py), the rules' templates, the literal
    MInst/mk/inst calls of the target code and its verbatim texts."""
    from lcc.isel.gen_x86_64 import RULES
    from lcc.target.x86_64.insns import INSNS
    names: Set[str] = set(INSNS)
    for rule in RULES:
        template = rule[4]
        if template.startswith(("=", "@")):
            continue
        for piece in template.split(";"):
            words = piece.split()
            if words and not words[0].endswith(":"):
                names.add(words[0])
    root = os.path.join(os.path.dirname(os.path.dirname(__file__)), "lcc")
    call = re.compile(r'\b(?:MInst|mk|inst)\("([a-z][a-z0-9_*]*)"')
    text = re.compile(r'text="((?:[^"\\]|\\.)*)"')
    for sub in ("target/x86_64", "regalloc"):
        d = os.path.join(root, sub)
        for fn in sorted(os.listdir(d)):
            if not fn.endswith(".py"):
                continue
            with open(os.path.join(d, fn)) as f:
                src = f.read()
            names.update(m for m in call.findall(src) if m not in ("asm_def", "inline_asm",
                                                                   "set"))
            for t in text.findall(src):
                for line in t.replace("\\n", "\n").replace("\\t", " ").splitlines():
                    words = line.split()
                    if words and not words[0].startswith("."):
                        names.add(" ".join(words[:2]) if words[0] in ("data16",) else words[0])
    return names


def test_backend_mnemonics_are_in_the_table(tmp_path) -> None:
    from lcc.asm.x86_64.encode import known
    names = _backend_mnemonics()
    assert len(names) > 100, sorted(names)
    missing = sorted(n for n in names if not known(n))
    if missing:
        # Names GNU as does not know either are not instructions (insns.py
        # lists "fstt" for the fst family; nothing prints it).
        text = "".join("\t%s\n" % n.replace("_", " ").rstrip("*") for n in missing)
        _obj, err = _assemble(str(tmp_path), text)
        unknown = {n for n, line in zip(missing, range(1, len(missing) + 1))
                   if "t.s:%d: Error: no such instruction" % line in err}
        missing = [n for n in missing if n not in unknown]
    print("x86 encode: %d back-end mnemonics, all in the table" % len(names))
    assert not missing, missing


BACKEND_C = {
    "asm": ["x86_asm/basic.c", "x86_asm/operands.c", "x86_asm/x87.c", "x86_asm/goto.c"],
    "wide": ["wide/int128.c", "wide/complex.c", "wide/vectors.c", "wide/builtins_va.c",
             "x86_abi/calls.c", "x86_abi/va_aligned.c", "x86_abi/overaligned.c"],
}


@pytest.mark.parametrize("group,opt", [("asm", "-O0"), ("wide", "-O1")])
def test_backend_output_against_gnu_as(tmp_path, group: str, opt: str) -> None:
    """lcc -S on real C, then every instruction line both through encode()
    (read back by a small AT&T reader) and through GNU as."""
    here = os.path.dirname(__file__)
    srcs = [os.path.join(here, c) for c in BACKEND_C[group]]
    env = dict(os.environ, PYTHONPATH=os.path.dirname(here))
    r = subprocess.run([sys.executable, "-m", "lcc", opt, "-S"] + srcs, capture_output=True,
                       text=True, env=env, cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr
    failures: List[str] = []
    total = 0
    for src in srcs:
        asm = os.path.join(str(tmp_path), os.path.basename(src)[:-2] + ".s")
        with open(asm) as f:
            n, fails = _compare_asm(str(tmp_path), f.read())
        total += n
        failures += ["%s: %s" % (os.path.basename(src), x) for x in fails]
    print("x86 encode, back end %s: %d instructions compared" % (opt, total))
    assert total > 500
    assert not failures, "%d failures:\n%s" % (len(failures), "\n".join(failures[:60]))


def test_extra_lines_against_gnu_as(tmp_path) -> None:
    """Prefixes, relocation spellings, bare mnemonics and other spellings
    of real .s files (tests/x86_encode/extra.s), line by line."""
    with open(os.path.join(os.path.dirname(__file__), "x86_encode", "extra.s")) as f:
        n, failures = _compare_asm(str(tmp_path), f.read())
    print("x86 encode, extra.s: %d instructions compared" % n)
    assert n > 250
    assert not failures, "%d failures:\n%s" % (len(failures), "\n".join(failures[:60]))


def _norm_reloc(obj: Obj, off: int, kind: str, sym: str,
               addend: int) -> Tuple[int, str, str, int]:
    """A relocation against a local symbol as section + offset (GNU as uses
    the section symbol, except in mergeable sections)."""
    sec = obj.sym_section.get(sym)
    if sec is not None and sym in obj.local:
        return off, kind, sec, addend + obj.symbols[sym]
    return off, kind, sym, addend


def _compare_asm(tmp: str, text: str) -> Tuple[int, List[str]]:
    """Assemble one .s with GNU as (a label before every instruction) and
    compare each instruction with encode()."""
    from x86_encode.att import parse_insn
    text = text.replace(".L", "L_")         # labels visible in the symbol table
    out_lines: List[str] = []
    insns: List[Tuple[str, List[object], List[str], str]] = []
    for line in text.splitlines():
        if line.strip().startswith("."):        # directives pass unchanged
            out_lines.append(line)
            continue
        stripped = line.split("#", 1)[0].strip()
        parts = stripped.split(";")
        for part in parts:
            parsed = parse_insn(part)
            if parsed is None:
                out_lines.append(part)
                continue
            out_lines.append("Q%d:" % len(insns))
            out_lines.append("\t" + part.strip())
            out_lines.append("E%d:" % len(insns))
            insns.append(parsed + (part.strip(),))
    obj, err = _assemble(tmp, "\n".join(out_lines) + "\n")
    assert obj is not None, err[:3000]
    failures: List[str] = []
    for i, (op, ops, prefixes, line) in enumerate(insns):
        start, end = obj.symbols["Q%d" % i], obj.symbols["E%d" % i]
        if obj.sym_section.get("Q%d" % i) != ".text":
            continue
        gnu = obj.text[start:end]
        got = None
        mine = None
        for short in (False, True):
            try:
                mine = encode(op, ops, short=short, prefixes=prefixes)
            except EncodeError as e:
                failures.append("%-40s encode refuses: %s" % (line, e))
                break
            if len(mine.data) == len(gnu):
                got = mine
                break
        if got is None:
            if mine is not None and not failures[-1:] == [line]:
                failures.append("%-40s GNU %s | lcc %s" % (line, gnu.hex(" "),
                                                          mine.data.hex(" ")))
            continue
        data = bytearray(got.data)
        fix = []
        theirs = sorted(_norm_reloc(obj, o - start, k, s, a) for o, k, s, a in obj.relocs
                        if start <= o < end)
        gnu_offsets = {t[0] for t in theirs}
        for f in got.fixups:
            sec = obj.sym_section.get(f.sym)
            if sec == ".text" and f.offset not in gnu_offsets and \
                    f.kind in ("PC32", "PC8", "PLT32"):
                # a pc-relative reference inside .text GNU resolved itself
                val = obj.symbols[f.sym] + f.addend - (start + f.offset)
                data[f.offset:f.offset + f.size] = (val & ((1 << 8 * f.size) - 1)).to_bytes(
                    f.size, "little")
            else:
                fix.append(_norm_reloc(obj, f.offset, f.kind, f.sym, f.addend))
        if bytes(data) != gnu or sorted(fix) != theirs:
            failures.append("%-40s GNU %s %s | lcc %s %s" % (line, gnu.hex(" "), theirs,
                                                            bytes(data).hex(" "), sorted(fix)))
    return len(insns), failures


@pytest.mark.realcode
def test_gcc_sqlite_output_against_gnu_as(tmp_path) -> None:
    """gcc -O2 -S of the SQLite amalgamation (about 205k instructions:
    SSE, cmov, string ops, every addressing mode gcc uses), each
    instruction encoded and compared with GNU as's object.  Slow (~2 min)."""
    from corpora import sqlite_dir
    src = os.path.join(sqlite_dir(), "sqlite3.c")
    asm = os.path.join(str(tmp_path), "sqlite3.s")
    r = subprocess.run(["gcc", "-O2", "-S", "-w", "-o", asm, src], capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stderr[:2000]
    with open(asm) as f:
        n, failures = _compare_asm(str(tmp_path), f.read())
    print("x86 encode, gcc -O2 sqlite3.c: %d instructions compared" % n)
    assert n > 100000
    assert not failures, "%d failures:\n%s" % (len(failures), "\n".join(failures[:60]))


def test_slots_and_refusals() -> None:
    """A frame slot encodes as its %rbp offset (as the -S printer prints
    it); unresolved slots and virtual registers are refused."""
    from lcc.mir import Imm, Mem, PReg, RegOp, Slot, VReg
    slot = Slot(0, 8, 8)
    rax = RegOp(PReg("rax", "gpr"), 8)
    with pytest.raises(EncodeError):
        encode("movq", [Mem(slot=slot), rax])
    for off in (-8, -200, 16):
        slot.offset = off
        assert encode("movq", [Mem(slot=slot, disp=4), rax]).data == \
            encode("movq", [Mem(base=PReg("rbp", "gpr"), disp=off + 4), rax]).data
    with pytest.raises(EncodeError):
        encode("movq", [RegOp(VReg(1, "gpr"), 8), rax])
    with pytest.raises(EncodeError):
        encode("addq", [Imm(1), Mem(base=VReg(2, "gpr"))])
    with pytest.raises(EncodeError):
        encode("frobq", [rax])
    # GNU as: "same type of prefix used twice" (hence gcc's .value 0x6666)
    with pytest.raises(EncodeError):
        encode("nopw", [Mem(base=PReg("rax", "gpr"))], prefixes=["data16"])
    with pytest.raises(EncodeError):
        encode("call", [SymOp("f")], prefixes=["data16", "data16"])


def test_backend_minsts_encode_directly(tmp_path, monkeypatch) -> None:
    """The back end's MInst operand objects (frame slots, x87 registers,
    symbols, labels) encode directly to what their printed text encodes
    to (and the text is checked against GNU as above)."""
    from lcc import driver
    from lcc.target.x86_64 import asm as printer
    from x86_encode.att import parse_insn
    seen: List[Tuple[str, List[object], str]] = []
    orig = printer.format_inst

    def spy(mi):  # type: ignore[no-untyped-def]
        text = orig(mi)
        if mi.text is None:
            seen.append((mi.op, list(mi.operands), text))
        return text

    monkeypatch.setattr(printer, "format_inst", spy)
    here = os.path.dirname(__file__)
    for c in BACKEND_C["asm"] + BACKEND_C["wide"][:3]:
        out = os.path.join(str(tmp_path), "out.s")
        assert driver.main(["-O1", "-S", os.path.join(here, c), "-o", out]) == 0
    failures = []
    for op, ops, text in seen:
        parsed = parse_insn(text)
        assert parsed is not None, text
        try:
            direct = encode(op, ops)
            via_text = encode(parsed[0], parsed[1], prefixes=parsed[2])
        except EncodeError as e:
            failures.append("%s: %s" % (text.strip(), e))
            continue
        fx = [(f.offset, f.size, f.kind, f.sym, f.addend) for f in direct.fixups]
        fy = [(f.offset, f.size, f.kind, f.sym, f.addend) for f in via_text.fixups]
        if direct.data != via_text.data or fx != fy:
            failures.append("%s: %s %s | text %s %s" % (text.strip(), direct.data.hex(" "), fx,
                                                         via_text.data.hex(" "), fy))
    print("x86 encode: %d back-end MInsts encoded directly" % len(seen))
    assert len(seen) > 1000
    assert not failures, "\n".join(failures[:40])
