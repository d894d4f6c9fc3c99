"""What the driver does with each input once it must produce code, as gcc.

    -S          each C input -> its assembly (`-o`, default `stem.s` in
                the current directory)
    -c          each C, `.s` or `.S` input -> an object (`-o`, default
                `stem.o`); `.s` goes straight to the assembler, `.S` is
                preprocessed by lcc first (with `__ASSEMBLER__` defined)
    (neither)   every source input -> a temporary object, then objects,
                archives and linker options, in command-line order, to the
                system `cc` as the linker driver (`-o`, default `a.out`)

The driver passes in `front(path, kind)`, which runs lcc on one file and
returns (text, status): kind "asm" gives the generated assembly, "cpp" the
preprocessed text of a `.S` file; status is the exit status so far (0, 1
for a diagnosed error, 4 for an internal error, 130 interrupted).
Temporary files live in one directory that is removed at the end.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from typing import Callable, List, Optional, Tuple

from lcc import toolchain

Front = Callable[[str, str], Tuple[Optional[str], int]]

# Languages by extension, as gcc's driver picks them.
_BY_EXT = {".c": "c", ".i": "c", ".h": "c-header", ".s": "assembler",
           ".S": "assembler-with-cpp", ".sx": "assembler-with-cpp"}


def language(path: str, forced: Optional[str]) -> str:
    """c, c-header, assembler, assembler-with-cpp, or "object" (anything
    else goes to the linker)."""
    if forced:
        return forced
    return _BY_EXT.get(os.path.splitext(path)[1], "object")


def stem(path: str) -> str:
    """gcc names default outputs after the input's base name, in the
    current directory."""
    return os.path.splitext(os.path.basename(path))[0]


class Builder:
    def __init__(self, opts: object, front: Front) -> None:
        self.opts = opts
        self.front = front
        self.target = getattr(opts, "target")
        self.tmpdir: Optional[str] = None
        self.status = 0

    # -- helpers ------------------------------------------------------------

    def temp(self, name: str) -> str:
        if self.tmpdir is None:
            self.tmpdir = tempfile.mkdtemp(prefix="lcc-")
        return os.path.join(self.tmpdir, name)

    def cleanup(self) -> None:
        if self.tmpdir is not None:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            self.tmpdir = None

    def fail(self, status: int) -> None:
        # The worst status wins: an internal error over a diagnosed one.
        if status == 4 or status == 130 or self.status == 0:
            self.status = status

    @staticmethod
    def echo(text: str) -> None:
        if text:
            sys.stderr.write(text if text.endswith("\n") else text + "\n")

    def write_text(self, text: str, path: str) -> None:
        """Write a whole text output atomically (or to stdout for `-`)."""
        if path == "-":
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        tmp = toolchain.tmp_name(path)
        with open(tmp, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(text)
        toolchain.commit_file(tmp, path)

    # -- one input to an object ---------------------------------------------

    def asm_of(self, path: str, lang: str) -> Optional[str]:
        """Generated or preprocessed assembly text of a source input."""
        text, status = self.front(path, "asm" if lang == "c" else "cpp")
        if status != 0 or text is None:
            self.fail(status or 1)
            return None
        return text

    def object_of(self, index: int, path: str, lang: str, out: str) -> bool:
        """Turn one source input into the object file out."""
        if lang == "assembler":
            return self.assemble(path, out, generated=False, source=path)
        text = self.asm_of(path, lang)
        if text is None:
            return False
        if getattr(self.opts, "save_temps"):
            asm = stem(path) + (".s" if lang == "c" else ".i.s")
        else:
            asm = self.temp(f"{index}-{stem(path)}.s")
        self.write_text(text, asm)
        return self.assemble(asm, out, generated=lang == "c", source=path)

    def assemble(self, asm: str, out: str, generated: bool, source: str) -> bool:
        if getattr(self.opts, "integrated_as", False) and self.target.name == "x86_64":
            return self.assemble_integrated(asm, out, generated, source)
        result = toolchain.assemble(asm, out, self.target,
                                    getattr(self.opts, "asm_args", []))
        if result.ok:
            self.echo(result.stderr)
            return True
        if generated:
            # lcc wrote this assembly: the assembler refusing it is lcc's bug.
            lines = result.stderr.splitlines()
            self.echo("\n".join(lines[:20]))
            sys.stderr.write(f"{source}: lcc: internal compiler error: the assembler "
                             f"rejected the generated code: {result.first_line()}\n")
            self.fail(4)
        else:
            self.echo(result.stderr)
            self.fail(1)
        return False

    def assemble_integrated(self, asm: str, out: str, generated: bool, source: str) -> bool:
        """-fintegrated-as: lcc's own assembler (lcc/asm) writes the object."""
        from lcc.asm.assembler import AssemblyError, assemble
        try:
            with open(asm, encoding="utf-8", errors="surrogateescape") as f:
                text = f.read()
        except OSError as e:
            sys.stderr.write(f"lcc: error: {asm}: {e.strerror}\n")
            self.fail(1)
            return False
        prelude = self.integrated_asm_options()
        if prelude:
            # --defsym definitions come first; the line marker keeps the
            # file's own line numbers in messages.
            text = prelude + '# 1 "%s"\n' % asm + text
        try:
            data = assemble(text, asm)
        except AssemblyError as e:
            if generated:
                # lcc wrote this assembly: the assembler refusing it is lcc's bug.
                sys.stderr.write(f"{e}\n{source}: lcc: internal compiler error: the "
                                 f"assembler rejected the generated code: {e.msg}\n")
                self.fail(4)
            else:
                sys.stderr.write(f"{e}\n")
                self.fail(1)
            return False
        except Exception as e:  # noqa: BLE001 - a bug in lcc/asm, not in the input
            sys.stderr.write(f"{asm}: lcc: internal compiler error in the assembler: "
                             f"{type(e).__name__}: {e}\n")
            self.fail(4)
            return False
        tmp = toolchain.tmp_name(out)
        with open(tmp, "wb") as f:
            f.write(data)
        toolchain.commit_file(tmp, out)
        return True

    def integrated_asm_options(self) -> str:
        """-Wa options for lcc's assembler: `--defsym SYM=VAL` becomes a
        `.set` line; options about GNU as's own behaviour are accepted and
        have no effect; anything else gets a warning."""
        args = list(getattr(self.opts, "asm_args", []))
        lines: List[str] = []
        i = 0
        while i < len(args):
            a = args[i]
            i += 1
            if a == "--defsym" and i < len(args):
                a, i = "--defsym=" + args[i], i + 1
            if a.startswith("--defsym="):
                name, _, value = a[len("--defsym="):].partition("=")
                lines.append(".set %s, %s\n" % (name, value or "0"))
            elif a in ("--64", "--noexecstack", "--execstack", "-W", "--no-warn",
                       "--fatal-warnings", "-g", "--gen-debug", "-mrelax-relocations=yes"):
                continue
            else:
                sys.stderr.write(f"lcc: warning: -Wa,{a} is not supported by lcc's assembler "
                                 "(ignored; -fno-integrated-as uses the system as)\n")
        return "".join(lines)

    # -- the three modes ----------------------------------------------------

    def inputs(self) -> List[Tuple[int, str, str]]:
        opts = self.opts
        langs = getattr(opts, "input_langs")
        paths = getattr(opts, "inputs")
        return [(i, p, language(p, langs[i] if i < len(langs) else None))
                for i, p in enumerate(paths)]

    def unused(self, path: str) -> None:
        sys.stderr.write(f"lcc: warning: {path}: linker input file unused because "
                         "linking not done\n")

    def assembly_only(self) -> None:
        """-S: C inputs to .s files; other inputs are not compiled."""
        output = getattr(self.opts, "output")
        for _, path, lang in self.inputs():
            if lang == "object":
                self.unused(path)
                continue
            if lang != "c":
                continue
            text = self.asm_of(path, lang)
            if text is None:
                if self.status in (4, 130):
                    return
                continue
            self.write_text(text, output or stem(path) + ".s")

    def objects_only(self) -> None:
        """-c: sources to .o files."""
        output = getattr(self.opts, "output")
        for index, path, lang in self.inputs():
            if lang == "object":
                self.unused(path)
                continue
            if lang == "c-header":
                sys.stderr.write(f"lcc: error: {path}: precompiled headers are not "
                                 "supported\n")
                self.fail(1)
                continue
            self.object_of(index, path, lang, output or stem(path) + ".o")
            if self.status in (4, 130):
                return

    def link(self) -> None:
        """No -c/-S: compile every source, then link everything."""
        items: List[str] = []
        paths = {i: (p, lang) for i, p, lang in self.inputs()}
        for item in getattr(self.opts, "link_order"):
            if isinstance(item, str):
                items.append(item)
                continue
            path, lang = paths[item]  # type: ignore[index]
            if lang == "object":
                items.append(path)
                continue
            if lang == "c-header":
                sys.stderr.write(f"lcc: error: {path}: precompiled headers are not "
                                 "supported\n")
                self.fail(1)
                continue
            obj = (stem(path) + ".o" if getattr(self.opts, "save_temps")
                   else self.temp(f"{item}-{stem(path)}.o"))
            if self.object_of(item, path, lang, obj):  # type: ignore[arg-type]
                items.append(obj)
            elif self.status in (4, 130):
                return
        if self.status != 0:
            return
        output = getattr(self.opts, "output") or "a.out"
        fuse_ld = getattr(self.opts, "fuse_ld", None)
        own_linker = False
        if getattr(self.opts, "integrated_as", False) and fuse_ld in (None, "lcc") \
                and self.target.name == "x86_64":
            # lcc's own linker (lcc/link); -fuse-ld=bfd or any other name,
            # or an output it cannot make (-r), keeps the system one.
            from lcc.link.linker import supports
            own_linker = supports(items)
        if own_linker:
            from lcc.link.linker import LinkError, link
            try:
                link(items, output)
            except LinkError as e:
                sys.stderr.write(f"lcc: error: {e}\n")
                self.fail(1)
            return
        # lcc's code is position independent (-fPIE by default, as Debian's
        # gcc): the linker driver's own default applies (a PIE on Debian);
        # -no-pie, -static, -shared reach it in order through link_args.
        result = toolchain.link(items, output, self.target, no_pie=False)
        self.echo(result.stderr)
        if not result.ok:
            self.fail(1)

    def run(self) -> int:
        mode = getattr(self.opts, "mode")
        try:
            if mode == "S":
                self.assembly_only()
            elif mode == "c":
                self.objects_only()
            else:
                self.link()
        except KeyboardInterrupt:
            self.status = 130
        finally:
            self.cleanup()
        return self.status


def build_all(opts: object, front: Front) -> int:
    return Builder(opts, front).run()
