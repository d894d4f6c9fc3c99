"""The linker's options and the files it reads, in gcc's order.

`LinkOptions.parse(items)` reads the gcc-style link items (paths, `-l`,
`-L`, `-Wl,...`, `-static`, `-pie` ...); `load_inputs` walks them with the
crt files and default libraries gcc would add, reading objects, archives
(members pulled for undefined symbols, groups iterated as GNU ld does),
GNU ld scripts (libc.so) and shared libraries into a SymbolTable.
"""
from __future__ import annotations

import glob
import os
import re
import sys
from typing import List, Optional, Sequence, Tuple

from lcc.link.objfile import Archive, LinkError, ObjectFile, SharedLibrary
from lcc.link.symbols import SymbolTable

_MULTIARCH = "x86_64-linux-gnu"


def gcc_dir() -> str:
    """The newest /usr/lib/gcc/x86_64-linux-gnu/<version> (crtbegin, libgcc)."""
    dirs = glob.glob(f"/usr/lib/gcc/{_MULTIARCH}/*/crtbegin.o")
    if not dirs:
        return ""

    def key(p: str) -> Tuple[int, ...]:
        v = p.split("/")[-2]
        return tuple(int(x) for x in re.findall(r"\d+", v))
    return os.path.dirname(max(dirs, key=key))


def system_dirs() -> List[str]:
    return [d for d in (gcc_dir(), f"/usr/lib/{_MULTIARCH}", f"/lib/{_MULTIARCH}",
                        "/usr/lib", "/lib") if d and os.path.isdir(d)]


class LinkOptions:
    """What the command line says about the link."""

    def __init__(self, mode: str = "pie") -> None:
        self.mode = mode              # "pie" | "no-pie" | "static"
        self.entry = "_start"
        self.lib_dirs: List[str] = []
        self.rpath: List[str] = []
        self.export_dynamic = False
        self.bind_now = True          # lazy binding is never used (simplest)
        self.nostartfiles = False
        self.nodefaultlibs = False
        self.strip = False
        self.undefined: List[str] = []
        self.dynamic_linker = "/lib64/ld-linux-x86-64.so.2"
        self.warnings: List[str] = []

    @staticmethod
    def parse(items: Sequence[str], mode: Optional[str] = None) -> "LinkOptions":
        o = LinkOptions(mode or "pie")
        for it in items:
            if it == "-static":
                o.mode = "static"
            elif it in ("-no-pie", "-nopie"):
                if o.mode != "static":
                    o.mode = "no-pie"
            elif it == "-pie":
                if o.mode != "static":
                    o.mode = "pie"
            elif it == "-rdynamic":
                o.export_dynamic = True
            elif it == "-nostdlib":
                o.nostartfiles = o.nodefaultlibs = True
            elif it == "-nostartfiles":
                o.nostartfiles = True
            elif it == "-nodefaultlibs":
                o.nodefaultlibs = True
            elif it == "-s":
                o.strip = True
            elif it.startswith("-L"):
                o.lib_dirs.append(it[2:])
            elif it.startswith("-Wl,"):
                o._wl(it[4:].split(","))
            elif it == "-shared":
                raise LinkError("-shared is not supported by lcc's linker yet "
                                "(use -fuse-ld=bfd)")
        return o

    def _wl(self, args: List[str]) -> None:
        i = 0
        while i < len(args):
            a = args[i]
            nxt = args[i + 1] if i + 1 < len(args) else ""
            if a in ("-rpath", "-R", "--rpath"):
                self.rpath.append(nxt)
                i += 1
            elif a.startswith(("-rpath=", "--rpath=")):
                self.rpath.append(a.split("=", 1)[1])
            elif a in ("-E", "--export-dynamic"):
                self.export_dynamic = True
            elif a == "-z":
                if nxt == "lazy":
                    pass  # bound at load time anyway
                elif nxt not in ("now", "relro", "norelro", "noexecstack", "defs",
                                 "nodefs", "combreloc", "separate-code", "text", "notext"):
                    self.warnings.append(f"-z {nxt} ignored")
                i += 1
            elif a in ("-e", "--entry"):
                self.entry = nxt
                i += 1
            elif a.startswith(("--entry=", "-e")) and len(a) > 2 and a != "-export-dynamic":
                self.entry = a.split("=", 1)[1] if "=" in a else a[2:]
            elif a in ("-u", "--undefined"):
                self.undefined.append(nxt)
                i += 1
            elif a.startswith("--undefined="):
                self.undefined.append(a.split("=", 1)[1])
            elif a.startswith("-L"):
                self.lib_dirs.append(a[2:] or nxt)
                if not a[2:]:
                    i += 1
            elif a in ("-dynamic-linker", "--dynamic-linker"):
                self.dynamic_linker = nxt
                i += 1
            elif a.startswith("--dynamic-linker="):
                self.dynamic_linker = a.split("=", 1)[1]
            elif a in ("--gc-sections", "--no-gc-sections", "--as-needed", "--no-as-needed",
                       "--start-group", "--end-group", "-(", "-)", "--build-id",
                       "--eh-frame-hdr", "--hash-style=gnu", "--hash-style=both",
                       "-O1", "-O2", "--sort-common", "--no-undefined", "--relax",
                       "--disable-new-dtags", "--enable-new-dtags", "-s", "--strip-all",
                       "--push-state", "--pop-state", "--whole-archive",
                       "--no-whole-archive", "-Bstatic", "-Bdynamic", "--fatal-warnings"):
                pass  # handled while reading inputs, or without effect here
            elif a:
                self.warnings.append(f"option '{a}' ignored")
            i += 1


def _find_lib(name: str, dirs: List[str], static: bool) -> str:
    exact = name.startswith(":")
    for d in dirs:
        cands = [name[1:]] if exact else (
            [f"lib{name}.a"] if static else [f"lib{name}.so", f"lib{name}.a"])
        for c in cands:
            p = os.path.join(d, c)
            if os.path.isfile(p):
                return p
    raise LinkError(f"cannot find -l{name}")


def _crt(name: str, dirs: List[str]) -> str:
    for d in dirs:
        p = os.path.join(d, name)
        if os.path.isfile(p):
            return p
    raise LinkError(f"cannot find {name}")


def default_items(opts: LinkOptions, user: Sequence[str]) -> List[str]:
    """The ordered inputs gcc hands to ld (see `gcc -v`)."""
    dirs = system_dirs()
    start: List[str] = []
    end: List[str] = []
    if not opts.nostartfiles:
        if opts.mode == "static":
            start = [_crt("crt1.o", dirs), _crt("crti.o", dirs), _crt("crtbeginT.o", dirs)]
            end = [_crt("crtend.o", dirs), _crt("crtn.o", dirs)]
        elif opts.mode == "pie":
            start = [_crt("Scrt1.o", dirs), _crt("crti.o", dirs), _crt("crtbeginS.o", dirs)]
            end = [_crt("crtendS.o", dirs), _crt("crtn.o", dirs)]
        else:
            start = [_crt("crt1.o", dirs), _crt("crti.o", dirs), _crt("crtbegin.o", dirs)]
            end = [_crt("crtend.o", dirs), _crt("crtn.o", dirs)]
    libs: List[str] = []
    if not opts.nodefaultlibs:
        if opts.mode == "static":
            libs = ["--start-group", "-lgcc", "-lgcc_eh", "-lc", "--end-group"]
        else:
            # Debian's gcc passes --as-needed for the whole link.
            libs = ["-lgcc", "-lgcc_s", "-lc", "-lgcc", "-lgcc_s"]
    return start + ["--as-needed"] + list(user) + libs + end


_TOKEN = re.compile(r"/\*.*?\*/|[()]|[^\s(),]+", re.S)


def _script_inputs(text: str, path: str) -> List[Tuple[str, bool]]:
    """GROUP/INPUT of a GNU ld script such as libc.so: (file or -lname, as_needed)."""
    out: List[Tuple[str, bool]] = []
    toks = [t for t in _TOKEN.findall(text) if not t.startswith("/*")]
    depth_as_needed = -1
    depth = 0
    cmd_depth = -1
    i = 0
    while i < len(toks):
        t = toks[i]
        if t == "(":
            depth += 1
        elif t == ")":
            depth -= 1
            if depth <= depth_as_needed:
                depth_as_needed = -1
            if depth <= cmd_depth:
                cmd_depth = -1
        elif t in ("GROUP", "INPUT"):
            cmd_depth = depth
        elif t == "AS_NEEDED":
            depth_as_needed = depth
        elif cmd_depth >= 0 and depth > cmd_depth:
            out.append((t, depth_as_needed >= 0))
        elif t in ("OUTPUT_FORMAT", "OUTPUT_ARCH", "SEARCH_DIR", "ENTRY"):
            pass
        elif depth == 0 and t not in ("OUTPUT_FORMAT", "OUTPUT_ARCH"):
            raise LinkError(f"{path}: linker script command '{t}' is not supported")
        i += 1
    return out


class Loader:
    """Reads inputs in order into a SymbolTable."""

    def __init__(self, opts: LinkOptions, table: SymbolTable) -> None:
        self.opts = opts
        self.table = table
        self.dirs = opts.lib_dirs + system_dirs()
        self.as_needed = False
        self.group: Optional[List[Archive]] = None
        self.seen_dsos: dict = {}
        self.state: List[bool] = []

    def run(self, items: Sequence[str]) -> None:
        for name in self.opts.undefined:
            s = self.table.get(name)
            s.ref = s.strong_ref = True
            s.ref_file = "command line"
            self.table.undefined[name] = s
        static = self.opts.mode == "static"
        for it in items:
            if it in ("--start-group", "-Wl,--start-group", "-Wl,-("):
                self.group = []
            elif it in ("--end-group", "-Wl,--end-group", "-Wl,-)"):
                self._end_group()
            elif it in ("--as-needed", "-Wl,--as-needed"):
                self.as_needed = True
            elif it in ("--no-as-needed", "-Wl,--no-as-needed"):
                self.as_needed = False
            elif it == "-Wl,--push-state":
                self.state.append(self.as_needed)
            elif it == "-Wl,--pop-state":
                self.as_needed = self.state.pop() if self.state else False
            elif it.startswith("-l"):
                self.add_file(_find_lib(it[2:], self.dirs, static), self.as_needed)
            elif it.startswith("-Wl,"):
                for a in it[4:].split(","):
                    if a in ("--start-group", "-("):
                        self.group = []
                    elif a in ("--end-group", "-)"):
                        self._end_group()
                    elif a in ("--as-needed", "--no-as-needed"):
                        self.as_needed = a == "--as-needed"
                    elif a.startswith("-l"):
                        self.add_file(_find_lib(a[2:], self.dirs, static), self.as_needed)
            elif it.startswith("-"):
                continue
            else:
                self.add_file(it, self.as_needed)
        if self.group is not None:
            self._end_group()

    def _end_group(self) -> None:
        group, self.group = self.group or [], None
        while any([self.table.pull(a) for a in group]):
            pass

    def add_file(self, path: str, as_needed: bool) -> None:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            raise LinkError(f"cannot open {path}: {e.strerror}")
        if data[:8] == b"!<arch>\n":
            ar = Archive(data, path)
            self.table.pull(ar)
            if self.group is not None:
                self.group.append(ar)
        elif data[:4] == b"\x7fELF":
            if data[16] == 3:  # ET_DYN
                if self.opts.mode == "static":
                    raise LinkError(f"attempted static link of dynamic object `{path}'")
                real = os.path.realpath(path)
                if real in self.seen_dsos:
                    return
                dso = SharedLibrary(data, path, as_needed)
                self.seen_dsos[real] = dso
                self.table.add_dso(dso)
            else:
                self.table.add_object(ObjectFile(data, path))
        else:
            self._script(data.decode("utf-8", "replace"), path, as_needed)

    def _script(self, text: str, path: str, as_needed: bool) -> None:
        outer = self.group
        self.group = []
        static = self.opts.mode == "static"
        for name, an in _script_inputs(text, path):
            if name.startswith("-l"):
                p = _find_lib(name[2:], self.dirs, static)
            elif os.path.isabs(name):
                p = name
            else:
                here = os.path.join(os.path.dirname(path), name)
                p = here if os.path.exists(here) else _find_lib(":" + name, self.dirs, False)
            self.add_file(p, as_needed or an)
        group = self.group
        self.group = outer
        while any([self.table.pull(a) for a in group]):
            pass
        if outer is not None:
            outer.extend(group)


def warn(msg: str) -> None:
    sys.stderr.write(f"lcc: warning: {msg}\n")
