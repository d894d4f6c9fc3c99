"""The linker's options and the files it reads, in gcc's order.

`LinkOptions.parse(items)` reads the gcc-style link items (paths, `-l`,
`-L`, `-Wl,...`, `-static`, `-pie` ...); `Loader` reads the files
lcc.link.inputs finds for them (crt files and default libraries as gcc
adds them) into a SymbolTable.
"""
from __future__ import annotations

import os
import sys
from typing import Dict, List, Optional, Sequence

from lcc.link.objfile import Archive, LinkError, ObjectFile, SharedLibrary
from lcc.link.symbols import SymbolTable

class LinkOptions:
    """What the command line says about the link."""

    def __init__(self, mode: str = "pie") -> None:
        self.mode = mode              # "pie" | "no-pie" | "static" | "static-pie" | "shared"
        self.entry = "_start"
        self.lib_dirs: List[str] = []
        self.rpath: List[str] = []
        self.export_dynamic = False
        self.bind_now = True          # lazy binding is never used (simplest)
        self.nostartfiles = False
        self.nodefaultlibs = False
        self.strip = False
        self.strip_debug = False
        self.gc_sections = False
        self.undefined: List[str] = []
        self.dynamic_linker = "/lib64/ld-linux-x86-64.so.2"
        self.soname = ""
        self.warnings: List[str] = []

    @staticmethod
    def parse(items: Sequence[str], mode: Optional[str] = None) -> "LinkOptions":
        o = LinkOptions(mode or "pie")
        for it in items:
            if it == "-static":
                if o.mode != "static-pie":
                    o.mode = "static"
            elif it == "-static-pie":
                o.mode = "static-pie"
            elif it in ("-no-pie", "-nopie"):
                if o.mode not in ("static", "shared", "static-pie"):
                    o.mode = "no-pie"
            elif it == "-pie":
                if o.mode not in ("static", "shared", "static-pie"):
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
                o.mode = "shared"
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
            elif a in ("--gc-sections", "--no-gc-sections"):
                self.gc_sections = a == "--gc-sections"
            elif a in ("-S", "--strip-debug"):
                self.strip_debug = True
            elif a in ("-s", "--strip-all"):
                self.strip = True
            elif a in ("-soname", "--soname", "-h"):
                self.soname = nxt
                i += 1
            elif a.startswith(("-soname=", "--soname=")):
                self.soname = a.split("=", 1)[1]
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
            elif a in ("--as-needed", "--no-as-needed",
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


class Loader:
    """Reads the inputs of a link (lcc.link.inputs: the files gcc would
    pass to ld, libraries found and scripts expanded) into a SymbolTable:
    archives pull members for undefined symbols, and the archives of one
    group (--start-group/--end-group, a script's GROUP) are rescanned until
    nothing new is pulled."""

    def __init__(self, opts: LinkOptions, table: SymbolTable) -> None:
        self.opts = opts
        self.table = table
        self.seen_dsos: dict = {}
        self.archives: Dict[str, Archive] = {}

    def run(self, items: Sequence[str]) -> None:
        from lcc.link.inputs import InputError, default_link
        from lcc.link.script import ScriptError
        for name in self.opts.undefined:
            s = self.table.get(name)
            s.ref = s.strong_ref = True
            s.ref_file = "command line"
            self.table.undefined[name] = s
        try:
            plan = default_link(self.opts.mode, list(items))
            self.opts.dynamic_linker = plan.dynamic_linker or self.opts.dynamic_linker
            inputs = plan.inputs()
        except (InputError, ScriptError) as e:
            raise LinkError(str(e)) from None
        group: List[Archive] = []
        group_id = 0
        for inp in inputs:
            if inp.group != group_id:
                self._rescan(group)
                group, group_id = [], inp.group
            if inp.kind == "object":
                self.table.add_object(ObjectFile(inp.data, inp.path))
            elif inp.kind == "archive":
                ar = self.archives.get(inp.path)
                if ar is None:
                    ar = self.archives[inp.path] = Archive(inp.data, inp.path)
                if inp.whole_archive:
                    for off in ar.all_members():
                        if off not in ar.loaded:
                            ar.loaded.add(off)
                            self.table.add_object(ar.member(off))
                self.table.pull(ar)
                if group_id:
                    group.append(ar)
            elif inp.kind == "shared":
                if self.opts.mode in ("static", "static-pie"):
                    raise LinkError(f"attempted static link of dynamic object `{inp.path}'")
                real = os.path.realpath(inp.path)
                if real in self.seen_dsos:
                    continue
                dso = SharedLibrary(inp.data, inp.path, inp.as_needed)
                self.seen_dsos[real] = dso
                self.table.add_dso(dso)
        self._rescan(group)

    def _rescan(self, group: List[Archive]) -> None:
        while len(group) > 1 and any([self.table.pull(a) for a in group]):
            pass


def warn(msg: str) -> None:
    sys.stderr.write(f"lcc: warning: {msg}\n")
