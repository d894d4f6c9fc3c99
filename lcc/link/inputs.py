"""What goes into a link, and in which order, found without running gcc.

Three steps, each usable alone:

1. `default_link(mode, user_items)` turns the driver's link items (objects,
   archives, `-lNAME`, `-LDIR`, `-Wl,...`, `-static`...; see
   lcc/driver.py `link_order`) into the GNU ld command line gcc's driver
   would give collect2: crt files, the user's items, libgcc and libc in
   gcc's order (`LinkPlan.args`), plus the library search path and the
   dynamic linker.
2. `parse_ld_args(args)` reads such a command line (also what `-Wl,`
   passes): the ordered input items with their state flags (-Bstatic,
   --as-needed, --whole-archive, groups) and the options (-e, -soname,
   -rpath, -z, -u, --export-dynamic...).
3. `resolve_inputs(command, lib_dirs)` finds each `-l` as GNU ld does
   (every directory in order; in each, libNAME.so before libNAME.a unless
   static), reads the files, classifies them by content and expands
   linker scripts (glibc's libc.so) in place: a flat list of `LinkInput`.

Paths are those of x86-64 Debian/Ubuntu (multiarch): crt1.o & co in
/usr/lib/x86_64-linux-gnu, crtbegin*.o and libgcc in the newest
/usr/lib/gcc/x86_64-linux-gnu/<version>/.
"""
from __future__ import annotations

import os
from typing import Dict, List, Optional, Sequence, Tuple

from lcc.link.script import ScriptError, file_kind, parse_script

DYNAMIC_LINKER = "/lib64/ld-linux-x86-64.so.2"
MULTIARCH = "x86_64-linux-gnu"
GCC_LIB_ROOT = "/usr/lib/gcc/" + MULTIARCH
# ld's built-in SEARCH_DIRs (`ld --verbose`), searched after every -L.
LD_DEFAULT_DIRS = [
    "/usr/local/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
    "/usr/lib/x86_64-linux-gnu64", "/usr/local/lib64", "/lib64", "/usr/lib64",
    "/usr/local/lib", "/lib", "/usr/lib", "/usr/x86_64-linux-gnu/lib64",
    "/usr/x86_64-linux-gnu/lib",
]
MODES = ("pie", "no-pie", "static", "static-pie", "shared")


class InputError(Exception):
    """A link input that cannot be found or read (message like GNU ld's)."""


def _version_key(name: str) -> Tuple[int, ...]:
    parts = []
    for p in name.split("."):
        if not p.isdigit():
            return ()
        parts.append(int(p))
    return tuple(parts)


def gcc_lib_dir(root: str = GCC_LIB_ROOT) -> Optional[str]:
    """The newest /usr/lib/gcc/x86_64-linux-gnu/<version> holding crtbegin.o."""
    try:
        names = os.listdir(root)
    except OSError:
        return None
    found = [n for n in names if _version_key(n)
             and os.path.isfile(os.path.join(root, n, "crtbegin.o"))]
    if not found:
        return None
    return os.path.join(root, max(found, key=_version_key))


def gcc_search_dirs(gcc_dir: Optional[str]) -> List[str]:
    """The -L directories gcc passes to ld (normalised, duplicates dropped)."""
    dirs = []
    if gcc_dir:
        dirs.append(gcc_dir)
    dirs += ["/usr/lib/" + MULTIARCH, "/usr/lib", "/lib/" + MULTIARCH, "/lib",
             "/usr/lib/" + MULTIARCH, "/usr/lib", "/usr/lib"]
    return list(dict.fromkeys(dirs))


def find_startfile(name: str, gcc_dir: Optional[str]) -> str:
    """A crt file, looked up where gcc's startfile prefixes look."""
    dirs = ([gcc_dir] if gcc_dir else []) + ["/usr/lib/" + MULTIARCH, "/lib/" + MULTIARCH,
                                             "/usr/lib", "/lib"]
    for d in dirs:
        p = os.path.join(d, name)
        if os.path.isfile(p):
            return p
    raise InputError(f"cannot find {name} (is libc6-dev / libgcc-dev installed?)")


# -- the driver's items ------------------------------------------------------

def link_mode(items: Sequence[str], default: str = "pie") -> str:
    """The output kind the driver's items ask for (the last word wins, as
    in gcc; -shared and -static win over -pie/-no-pie)."""
    mode = default
    static = shared = False
    for it in items:
        if it == "-static":
            static = True
        elif it == "-shared":
            shared = True
        elif it == "-static-pie":
            mode = "static-pie"
        elif it == "-pie":
            mode = "pie" if mode != "static-pie" else mode
        elif it == "-no-pie":
            mode = "no-pie"
    if shared:
        return "shared"
    if static and mode != "static-pie":
        return "static"
    return mode


class LinkPlan:
    """The ld command line for a link, as gcc would run it (without -o).

    `args`: the ld argument list (`-m elf_x86_64`, `-pie`, crt files,
    `-L` dirs, user items, `-lgcc`..., `-lc`, crt end files).
    `lib_dirs`: the full library search path (user -L, gcc's, ld's own).
    `dynamic_linker`: the PT_INTERP path, None for static links.
    `command`: `parse_ld_args(args)`; `inputs()` resolves it."""

    __slots__ = ("mode", "args", "lib_dirs", "dynamic_linker", "command", "gcc_dir")

    def __init__(self, mode: str, args: List[str], lib_dirs: List[str],
                 dynamic_linker: Optional[str], gcc_dir: Optional[str]) -> None:
        self.mode = mode
        self.args = args
        self.lib_dirs = lib_dirs
        self.dynamic_linker = dynamic_linker
        self.gcc_dir = gcc_dir
        self.command = parse_ld_args(args)
        if self.command.dynamic_linker:
            self.dynamic_linker = self.command.dynamic_linker

    def inputs(self) -> List["LinkInput"]:
        return resolve_inputs(self.command, self.lib_dirs)


def default_link(mode: str, user_items: Sequence[str],
                 gcc_dir: Optional[str] = None) -> LinkPlan:
    """The link gcc's driver would do for `gcc [mode flags] user_items`.

    mode: one of MODES (see link_mode); user_items: the driver's link
    items in command-line order (files, -l, -L, -T, -Wl,..., and the
    gcc-level flags -static -shared -pie -no-pie -rdynamic -s -pthread
    -nostdlib -nostartfiles -nodefaultlibs -static-libgcc -symbolic)."""
    if mode not in MODES:
        raise ValueError(f"unknown link mode {mode!r}")
    if gcc_dir is None:
        gcc_dir = gcc_lib_dir()
    flags = set(i for i in user_items if not i.startswith(("-l", "-L", "-W", "-T"))
                and i.startswith("-"))
    nostart = "-nostdlib" in flags or "-nostartfiles" in flags
    nolibs = "-nostdlib" in flags or "-nodefaultlibs" in flags
    static = mode in ("static", "static-pie")
    user_dirs: List[str] = []
    middle: List[str] = []   # the user's items, in order
    scripts: List[str] = []
    for it in user_items:
        if it.startswith("-L"):
            user_dirs.append(it[2:])
        elif it.startswith("-Wl,"):
            middle += [a for a in it[4:].split(",") if a != ""]
        elif it.startswith("-T"):
            scripts += ["-T", it[2:]]
        elif it.startswith("-l") or not it.startswith("-"):
            middle.append(it)
        # gcc-level flags were read above
    args = ["--build-id"]
    if mode != "static":
        args.append("--eh-frame-hdr")
    args += ["-m", "elf_x86_64", "--hash-style=gnu", "--as-needed"]
    dynamic_linker: Optional[str] = None
    if "-rdynamic" in flags and not static:
        args.append("-export-dynamic")
    if mode == "static":
        args.append("-static")
    elif mode == "static-pie":
        args += ["-static", "-pie", "--no-dynamic-linker", "-z", "text", "-pie"]
    elif mode == "shared":
        args.append("-shared")
    else:
        dynamic_linker = DYNAMIC_LINKER
        args += ["-dynamic-linker", DYNAMIC_LINKER]
        if mode == "pie":
            args.append("-pie")
    if "-s" in flags:
        args.append("-s")
    if "-symbolic" in flags:
        args.append("-Bsymbolic")
    pic = mode in ("pie", "shared", "static-pie")
    if not nostart:
        first = {"pie": "Scrt1.o", "no-pie": "crt1.o", "static": "crt1.o",
                 "static-pie": "rcrt1.o", "shared": None}[mode]
        if first:
            args.append(find_startfile(first, gcc_dir))
        args.append(find_startfile("crti.o", gcc_dir))
        begin = "crtbeginT.o" if mode == "static" else "crtbeginS.o" if pic else "crtbegin.o"
        args.append(find_startfile(begin, gcc_dir))
    default_dirs = gcc_search_dirs(gcc_dir)
    args += ["-L" + d for d in user_dirs + default_dirs]
    args += middle
    if not nolibs:
        if static:
            libc = ["-lpthread"] if "-pthread" in flags else []
            args += ["--start-group", "-lgcc", "-lgcc_eh"] + libc + ["-lc", "--end-group"]
        else:
            if "-static-libgcc" in flags:
                libgcc = ["-lgcc", "-lgcc_eh"]
            else:
                libgcc = ["-lgcc", "--push-state", "--as-needed", "-lgcc_s", "--pop-state"]
            libc = (["-lpthread"] if "-pthread" in flags else []) + ["-lc"]
            args += libgcc + libc + libgcc
    if not nostart:
        end = "crtendS.o" if pic else "crtend.o"
        args += [find_startfile(end, gcc_dir), find_startfile("crtn.o", gcc_dir)]
    args += scripts
    lib_dirs = list(dict.fromkeys(user_dirs + default_dirs + LD_DEFAULT_DIRS))
    return LinkPlan(mode, args, lib_dirs, dynamic_linker, gcc_dir)


# -- GNU ld's command line ---------------------------------------------------

class LdItem:
    """An input item of an ld command line.  kind: "file" (a path), "lib"
    (`-lNAME`: `name` is NAME, ":FILE" for -l:FILE), "group-start",
    "group-end"; the state flags in force where it appears: `static`
    (-Bstatic/-static: only .a for -l), `as_needed`, `whole_archive`."""

    __slots__ = ("kind", "name", "static", "as_needed", "whole_archive")

    def __init__(self, kind: str, name: str, static: bool, as_needed: bool,
                 whole_archive: bool) -> None:
        self.kind = kind
        self.name = name
        self.static = static
        self.as_needed = as_needed
        self.whole_archive = whole_archive

    def __repr__(self) -> str:
        return f"<LdItem {self.kind} {self.name}>"


class LdCommand:
    """A parsed ld command line: `items` in order and the options.
    Options lcc's linker does not know land in `unknown` (it decides
    whether to warn or fail)."""

    def __init__(self) -> None:
        self.items: List[LdItem] = []
        self.lib_dirs: List[str] = []
        self.output: Optional[str] = None
        self.entry: Optional[str] = None
        self.soname: Optional[str] = None
        self.rpath: List[str] = []
        self.undefined: List[str] = []
        self.export_dynamic = False
        self.strip: Optional[str] = None  # "all" (-s) or "debug" (-S)
        self.z: List[str] = []
        self.shared = False
        self.pie = False
        self.static = False          # -static given (a fully static link)
        self.no_dynamic_linker = False
        self.dynamic_linker: Optional[str] = None
        self.bsymbolic = False
        self.build_id = False
        self.eh_frame_hdr = False
        self.hash_style = "sysv"
        self.gc_sections = False
        self.no_undefined = False
        self.emulation: Optional[str] = None
        self.scripts: List[str] = []  # -T
        self.defsym: List[Tuple[str, str]] = []
        self.unknown: List[str] = []


# Options taking a value (as the next word or after "="), by every spelling.
_LD_WITH_ARG = {
    "-o": "output", "--output": "output", "-e": "entry", "--entry": "entry",
    "-h": "soname", "-soname": "soname", "--soname": "soname",
    "-rpath": "rpath", "--rpath": "rpath", "-R": "rpath",
    "-u": "undefined", "--undefined": "undefined", "-z": "z",
    "-dynamic-linker": "dynamic_linker", "--dynamic-linker": "dynamic_linker",
    "-I": "dynamic_linker", "-m": "emulation", "-T": "script", "--script": "script",
    "-L": "libdir", "--library-path": "libdir", "-l": "lib", "--library": "lib",
    "--hash-style": "hash_style", "--defsym": "defsym", "-Map": "ignore",
    "--sysroot": "ignore", "-plugin": "ignore", "-plugin-opt": "ignore",
    "--build-id": "build_id",
}
# Flags (no value): name -> (attribute, value) or a state change.
_LD_FLAGS = {
    "-shared": ("shared", True), "--shared": ("shared", True), "-Bshareable": ("shared", True),
    "-pie": ("pie", True), "--pie": ("pie", True), "-no-pie": ("pie", False),
    "--no-pie": ("pie", False),
    "-E": ("export_dynamic", True), "--export-dynamic": ("export_dynamic", True),
    "-export-dynamic": ("export_dynamic", True),
    "--no-export-dynamic": ("export_dynamic", False),
    "-s": ("strip", "all"), "--strip-all": ("strip", "all"), "-S": ("strip", "debug"),
    "--strip-debug": ("strip", "debug"),
    "--no-dynamic-linker": ("no_dynamic_linker", True),
    "-Bsymbolic": ("bsymbolic", True), "--eh-frame-hdr": ("eh_frame_hdr", True),
    "--gc-sections": ("gc_sections", True), "--no-gc-sections": ("gc_sections", False),
    "--no-undefined": ("no_undefined", True),
}
_LD_IGNORED = {"-O0", "-O1", "-O2", "-O3", "--no-as-needed-warn", "-nostdlib",
               "--fatal-warnings", "--warn-common", "--sort-common", "--relax",
               "--no-relax", "-t", "--trace", "-v", "--verbose", "-X", "-x",
               "--discard-all", "--discard-locals", "--enable-new-dtags",
               "--disable-new-dtags", "-g", "--no-copy-dt-needed-entries"}


def parse_ld_args(args: Sequence[str]) -> LdCommand:
    """Parse a GNU ld command line (the spellings gcc and build systems
    use: `-x val`, `-xval`, `--opt=val`, one or two dashes)."""
    cmd = LdCommand()
    static = as_needed = whole = False
    stack: List[Tuple[bool, bool, bool]] = []
    items = cmd.items
    i = 0
    n = len(args)
    while i < n:
        a = args[i]
        i += 1
        if not a.startswith("-") or a == "-":
            items.append(LdItem("file", a, static, as_needed, whole))
            continue
        name, value = a, None
        if a.startswith("--") and "=" in a:
            name, value = a.split("=", 1)
        elif a.startswith("-") and "=" in a and a.split("=", 1)[0] in _LD_WITH_ARG:
            name, value = a.split("=", 1)
        elif a[:2] in ("-l", "-L", "-e", "-u", "-o", "-h", "-R", "-T", "-z", "-m", "-I") \
                and len(a) > 2 and a not in _LD_FLAGS and a not in _LD_WITH_ARG \
                and not a.startswith("--"):
            name, value = a[:2], a[2:]
        what = _LD_WITH_ARG.get(name)
        if what is not None:
            if value is None:
                if what == "build_id":
                    cmd.build_id = True
                    continue
                if i >= n:
                    raise InputError(f"option '{name}' requires an argument")
                value = args[i]
                i += 1
            if what == "lib":
                items.append(LdItem("lib", value, static, as_needed, whole))
            elif what == "libdir":
                cmd.lib_dirs.append(value)
            elif what == "rpath":
                cmd.rpath += [d for d in value.split(":") if d]
            elif what == "undefined":
                cmd.undefined.append(value)
            elif what == "z":
                cmd.z.append(value)
            elif what == "script":
                cmd.scripts.append(value)
            elif what == "defsym":
                sym, _, expr = value.partition("=")
                cmd.defsym.append((sym, expr))
            elif what == "build_id":
                cmd.build_id = value != "none"
            elif what != "ignore":
                setattr(cmd, what, value)
            continue
        if name in _LD_FLAGS:
            attr, val = _LD_FLAGS[name]
            setattr(cmd, attr, val)
        elif name in ("-static", "--static"):
            cmd.static = True
            static = True
        elif name in ("-Bstatic", "-dn", "-non_shared"):
            static = True
        elif name in ("-Bdynamic", "-dy", "-call_shared"):
            static = False
        elif name in ("--as-needed", "-as-needed"):
            as_needed = True
        elif name in ("--no-as-needed", "-no-as-needed"):
            as_needed = False
        elif name in ("--whole-archive", "-whole-archive"):
            whole = True
        elif name in ("--no-whole-archive", "-no-whole-archive"):
            whole = False
        elif name in ("--push-state", "-push-state"):
            stack.append((static, as_needed, whole))
        elif name in ("--pop-state", "-pop-state"):
            if not stack:
                raise InputError("--pop-state without --push-state")
            static, as_needed, whole = stack.pop()
        elif name in ("--start-group", "-start-group", "-("):
            items.append(LdItem("group-start", "", static, as_needed, whole))
        elif name in ("--end-group", "-end-group", "-)"):
            items.append(LdItem("group-end", "", static, as_needed, whole))
        elif name in _LD_IGNORED:
            pass
        else:
            cmd.unknown.append(a)
    return cmd


# -- finding and reading inputs -------------------------------------------

def find_library(name: str, dirs: Sequence[str], static: bool = False) -> Optional[str]:
    """GNU ld's search for `-lNAME`: in each directory in order,
    libNAME.so (unless static) then libNAME.a; `-l:FILE` looks for FILE."""
    if name.startswith(":"):
        cands = [name[1:]]
    elif static:
        cands = [f"lib{name}.a"]
    else:
        cands = [f"lib{name}.so", f"lib{name}.a"]
    for d in dirs:
        for c in cands:
            p = os.path.join(d, c)
            if os.path.isfile(p):
                return p
    return None


class LinkInput:
    """One file to link, after library search and script expansion.

    kind: "object" (ET_REL), "shared" (ET_DYN) or "archive"; `data` the
    file's bytes; `as_needed` (DT_NEEDED only if used), `whole_archive`;
    `group`: 0, or the id shared by the archives of one --start-group /
    GROUP(...) (rescan them together until nothing new is pulled);
    `origin`: how the command line named it (`-lc`, a path, or
    `libc.so: GROUP` for a script's entries), for diagnostics."""

    __slots__ = ("path", "kind", "data", "as_needed", "whole_archive", "group", "origin")

    def __init__(self, path: str, kind: str, data: bytes, as_needed: bool,
                 whole_archive: bool, group: int, origin: str) -> None:
        self.path = path
        self.kind = kind
        self.data = data
        self.as_needed = as_needed
        self.whole_archive = whole_archive
        self.group = group
        self.origin = origin

    def __repr__(self) -> str:
        flags = "".join(f for f, on in ((" as-needed", self.as_needed),
                                        (" whole-archive", self.whole_archive)) if on)
        g = f" group={self.group}" if self.group else ""
        return f"<LinkInput {self.kind} {self.path}{flags}{g}>"


def _read(path: str, origin: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise InputError(f"cannot open {origin}: {e.strerror}") from None


def _kind(data: bytes, path: str) -> str:
    kind = file_kind(data)
    if kind == "elf" and len(data) < 64:
        kind = "unknown"  # not even a whole ELF header (ld's wording below)
    if kind == "elf":
        etype = data[16] | data[17] << 8
        if etype == 1:
            return "object"
        if etype == 3:
            return "shared"
        raise InputError(f"{path}: cannot link an executable")
    if kind == "unknown":
        raise InputError(f"{path}: file format not recognized")
    return kind


def resolve_inputs(cmd: "LdCommand", lib_dirs: Sequence[str]) -> List[LinkInput]:
    """The command's inputs, found, read and with scripts expanded."""
    dirs = list(dict.fromkeys(list(cmd.lib_dirs) + list(lib_dirs)))
    out: List[LinkInput] = []
    groups = [0]
    cache: Dict[str, bytes] = {}

    def add(path: str, origin: str, as_needed: bool, whole: bool, group: int,
            static: bool, depth: int) -> None:
        data = cache.get(path)
        if data is None:
            data = cache[path] = _read(path, origin)
        kind = _kind(data, path)
        if kind != "script":
            # --as-needed only means something for shared libraries
            out.append(LinkInput(path, kind, data, as_needed and kind == "shared", whole,
                                 group, origin))
            return
        if depth > 8:
            raise InputError(f"{path}: linker scripts nested too deeply")
        try:
            script = parse_script(data.decode("utf-8", "replace"), path)
        except ScriptError as e:
            raise InputError(str(e)) from None
        sdirs = script.search_dirs + dirs
        sgroup = 0
        for s in script.inputs:
            g = group
            if s.group and not group:
                if not sgroup:
                    groups[0] += 1
                    sgroup = groups[0]
                g = sgroup
            if s.lib:
                found = find_library(s.name, sdirs, static)
                if found is None:
                    raise InputError(f"cannot find -l{s.name} (named in {path})")
            else:
                found = _script_file(s.name, path, sdirs)
            add(found, f"{path}: {s.name}", as_needed or s.as_needed, whole, g, static,
                depth + 1)

    group = 0
    for it in cmd.items:
        if it.kind == "group-start":
            groups[0] += 1
            group = groups[0]
            continue
        if it.kind == "group-end":
            group = 0
            continue
        if it.kind == "lib":
            path = find_library(it.name, dirs, it.static)
            if path is None:
                raise InputError(f"cannot find -l{it.name}")
            origin = "-l" + it.name
        else:
            path = origin = it.name
            if not os.path.exists(path):
                raise InputError(f"cannot find {path}: No such file or directory")
        add(path, origin, it.as_needed, it.whole_archive, group, it.static, 0)
    return out


def _script_file(name: str, script: str, dirs: Sequence[str]) -> str:
    """A file named inside a linker script: absolute paths as they are;
    relative ones in the current directory, then the library search path
    (the order the GNU ld manual gives for INPUT)."""
    if os.path.isabs(name):
        if os.path.isfile(name):
            return name
        raise InputError(f"cannot find {name} (named in {script})")
    for d in ["."] + list(dirs):
        p = os.path.join(d, name)
        if os.path.isfile(p):
            return os.path.normpath(p)
    raise InputError(f"cannot find {name} (named in {script})")


__all__ = ["default_link", "link_mode", "LinkPlan", "LinkInput", "InputError",
           "find_library", "find_startfile", "gcc_lib_dir", "gcc_search_dirs",
           "resolve_inputs", "parse_ld_args", "LdCommand", "LdItem", "DYNAMIC_LINKER",
           "LD_DEFAULT_DIRS", "MODES"]
