"""The `lcc` command: a gcc-compatible command line over lcc's phases.

Phase entry points (each phase's package documents its own):
  lcc.preprocess.Preprocessor(options, diags).run(path) -> list[Token]
  lcc.preprocess.write_preprocessed(tokens, out)         (the -E text)
  lcc.parse.parse(tokens, options, diags) -> ast.TranslationUnit
  lcc.parse.parse_tree(tokens, options, diags) -> lark.Tree (--dump-parse)
  lcc.sema.analyze(unit, options, diags) -> Analyzer     (types the AST)
  lcc.ir.lower.lower_unit(unit, analyzer, target, opts) -> ir.func.Module
  lcc.target.x86_64.compile_module(module, opts) -> str  (assembly, -S)
  lcc.target.x86_64.dump_isel(module) -> str             (--dump-isel)
  lcc.build: assembling (`as`) and linking (`cc`) of every input, gcc-style

Exit status as gcc's: 0 on success, 1 when any diagnostic was an error,
4 on an internal compiler error.
"""
from __future__ import annotations

import copy
import gc
import io
import os
import sys
import threading
import traceback
from typing import IO, Callable, List, Optional, Tuple

from lcc.diagnostics import CompileError, Diagnostics
from lcc.target import Target, get_target, host_target


class UsageError(Exception):
    pass


class Options:
    """Everything the command line says, in the form the phases use."""

    def __init__(self) -> None:
        self.target: Target = host_target()
        self.inputs: List[str] = []
        self.output: Optional[str] = None
        # "E", "syntax", "S", "c" (see parse_args), "link" when none is given.
        self.mode = "link"
        self.dump: Optional[str] = None  # "parse" | "ast" | "ir" | "isel"
        # -x LANG in force for each input (None: by extension), parallel
        # to inputs.
        self.input_langs: List[Optional[str]] = []
        # Inputs (as their index in inputs) and linker options in
        # command-line order: gcc hands them to the linker in that order,
        # which matters for archives and -l.
        self.link_order: List[object] = []
        # -fintegrated-as (the default): lcc's own assembler (lcc/asm) and
        # linker (lcc/link); -fno-integrated-as: the system `as` and `cc`
        # (kept as an oracle).
        self.integrated_as = True
        # -fuse-ld=NAME: with -fintegrated-as, any NAME but "lcc" links
        # through the system compiler driver instead of lcc/link.
        self.fuse_ld: Optional[str] = None
        # -fcommon: tentative definitions become common symbols (gcc 12's
        # default is -fno-common); read by lcc/ir/data.py
        self.fcommon = False
        # -finstrument-functions: __cyg_profile_func_enter/exit calls in
        # every function emitted (lcc/ir/lower_instrument.py)
        self.instrument_functions = False
        self.asm_args: List[str] = []  # -Wa,...
        self.save_temps = False
        self.quote_dirs: List[str] = []   # -iquote
        self.include_dirs: List[str] = []  # -I
        self.system_dirs: List[str] = []  # -isystem
        self.after_dirs: List[str] = []   # -idirafter
        self.nostdinc = False
        # -D/-U in command-line order: ("D", "NAME=VALUE") or ("U", "NAME").
        self.macro_ops: List[Tuple[str, str]] = []
        self.forced_includes: List[str] = []  # -include
        self.std = "gnu17"
        # -f[no-]gnu89-inline; None: GNU inline semantics in C89 only.
        self.gnu89_inline: Optional[bool] = None
        self.pedantic = False
        self.pedantic_errors = False
        self.optimize = 0
        self.optimize_size = False
        self.debug = False
        self.warnings = True
        self.werror = False
        self.traceback = False
        # -fpic/-fPIC/-fpie/-fPIE/-fno-*: the last one wins, as in gcc.
        # pic: 0, 1 (-fpic, -fpie) or 2 (-fPIC, -fPIE; Debian's default is
        # -fPIE); pie: the same levels for -fpie/-fPIE.  pic without pie is
        # code for a shared library (lcc.target.x86_64 reads both).
        self.pic = 2
        self.pie = 2
        # Dependency output (-M family).
        self.dep_mode: Optional[str] = None  # "M" | "MM"
        self.dep_file: Optional[str] = None
        self.dep_targets: List[str] = []
        self.dep_phony = False
        self.dep_side = False  # -MD/-MMD: compile as well
        self.line_markers = True  # -P turns them off
        self.link_args: List[str] = []

    @property
    def gnu(self) -> bool:
        """GNU dialect (`-std=gnu*`): `typeof`, `asm`, `inline` in C89..."""
        return self.std.startswith("gnu")

    @property
    def gnu_inline(self) -> bool:
        """gcc's gnu89 meaning of `inline`/`extern inline`: -fgnu89-inline,
        else in C89 only."""
        return self.std_version == 0 if self.gnu89_inline is None else self.gnu89_inline

    @property
    def std_version(self) -> int:
        """__STDC_VERSION__ for -std."""
        year = self.std[3:] if self.std.startswith("gnu") else self.std[1:]
        table = {"89": 0, "90": 0, "99": 199901, "9x": 199901, "11": 201112, "1x": 201112,
                 "17": 201710, "18": 201710, "2x": 202000, "23": 202311}
        if self.std in ("iso9899:1990", "ansi"):
            return 0
        return table.get(year, 201710)


_STD_NAMES = {"c89", "c90", "c99", "c9x", "c11", "c1x", "c17", "c18", "c2x", "c23",
              "gnu89", "gnu90", "gnu99", "gnu9x", "gnu11", "gnu1x", "gnu17", "gnu18",
              "gnu2x", "gnu23", "iso9899:1990", "iso9899:1999", "iso9899:2011",
              "iso9899:2017", "iso9899:2018", "ansi"}

# Options that take their argument as the next word when not attached.
_WITH_ARG = {"-o", "-I", "-D", "-U", "-include", "-isystem", "-iquote", "-idirafter",
             "-MF", "-MT", "-MQ", "-x", "-L", "-l", "-imacros", "-Xlinker", "-u", "-T"}


def parse_args(argv: List[str], prog: str = "lcc") -> Options:
    opts = Options()
    base = os.path.basename(prog)
    if base.endswith("-lcc") and base != "lcc":
        opts.target = _target_or_usage(base[: -len("-lcc")])
    # Where to stop: as in gcc, -E wins over -fsyntax-only, which wins over
    # -S, which wins over -c, whatever their order.
    stop_flags = set()
    language: Optional[str] = None
    i = 0
    n = len(argv)
    while i < n:
        arg = argv[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            opts.link_order.append(len(opts.inputs))
            opts.inputs.append(arg)
            opts.input_langs.append(language)
            continue
        # Split "-Ifoo" / "-I foo" style options.
        name, value = arg, None
        for opt in ("-include", "-isystem", "-iquote", "-idirafter", "-imacros",
                    "-Xlinker", "-I", "-D", "-U", "-o", "-L", "-l", "-x", "-MF", "-MT",
                    "-MQ", "-T", "-u"):
            if arg.startswith(opt) and not (opt == "-u" and arg == "-undef"):
                if arg == opt:
                    if i >= n:
                        raise UsageError(f"missing argument to '{arg}'")
                    value = argv[i]
                    i += 1
                else:
                    value = arg[len(opt):]
                name = opt
                break
        if name == "-o":
            opts.output = value
        elif name == "-I":
            opts.include_dirs.append(value or "")
        elif name == "-isystem":
            opts.system_dirs.append(value or "")
        elif name == "-iquote":
            opts.quote_dirs.append(value or "")
        elif name == "-idirafter":
            opts.after_dirs.append(value or "")
        elif name == "-D":
            opts.macro_ops.append(("D", value or ""))
        elif name == "-U":
            opts.macro_ops.append(("U", value or ""))
        elif name in ("-include", "-imacros"):
            opts.forced_includes.append(value or "")
        elif name == "-MF":
            opts.dep_file = value
        elif name in ("-MT", "-MQ"):
            opts.dep_targets.append(value or "")
        elif name in ("-L", "-l", "-T"):
            _link_arg(opts, name + (value or ""))
        elif name == "-Xlinker":
            _link_arg(opts, "-Wl," + (value or ""))
        elif name == "-u":
            _link_arg(opts, "-Wl,-u," + (value or ""))
        elif name == "-x":
            if value not in ("c", "none", "c-header", "assembler", "assembler-with-cpp"):
                raise UsageError(f"language {value} not recognized")
            language = None if value == "none" else value
        elif arg in ("-E", "-fsyntax-only", "-S", "-c"):
            stop_flags.add(arg)
        elif arg == "-P":
            opts.line_markers = False
        elif arg == "--dump-parse":
            opts.dump = "parse"
        elif arg == "--dump-ast":
            opts.dump = "ast"
        elif arg == "--dump-ir":
            opts.dump = "ir"
        elif arg == "--dump-isel":
            opts.dump = "isel"
        elif arg in ("-fintegrated-as", "-fno-integrated-as"):
            opts.integrated_as = arg == "-fintegrated-as"
        elif arg.startswith("-fuse-ld="):
            opts.fuse_ld = arg[len("-fuse-ld="):]
        elif arg in ("-fcommon", "-fno-common"):
            opts.fcommon = arg == "-fcommon"
        elif arg in ("-fgnu89-inline", "-fno-gnu89-inline"):
            opts.gnu89_inline = arg == "-fgnu89-inline"
        elif arg in ("-finstrument-functions", "-fno-instrument-functions"):
            opts.instrument_functions = arg == "-finstrument-functions"
        elif arg in ("-save-temps", "-save-temps=cwd"):
            opts.save_temps = True
        elif arg in _ABI_CHANGING:
            raise UsageError(f"'{arg}' changes the ABI, which lcc does not support")
        elif arg == "--traceback":
            opts.traceback = True
        elif arg.startswith("--target="):
            opts.target = _target_or_usage(arg[len("--target="):])
        elif arg == "-target" and i < n:
            opts.target = _target_or_usage(argv[i])
            i += 1
        elif arg.startswith("-std="):
            std = arg[5:]
            if std not in _STD_NAMES:
                raise UsageError(f"unrecognized command-line option '{arg}'")
            opts.std = {"iso9899:1999": "c99", "iso9899:2011": "c11",
                        "iso9899:2017": "c17", "iso9899:2018": "c17",
                        "iso9899:1990": "c89", "ansi": "c89"}.get(std, std)
        elif arg == "-ansi":
            opts.std = "c89"
        elif arg.startswith("-O"):
            level = arg[2:]
            if level in ("", "1"):
                opts.optimize = 1
            elif level in ("2", "3", "0"):
                opts.optimize = int(level)
            elif level in ("s", "z", "g", "fast"):
                opts.optimize = 3 if level == "fast" else (1 if level == "g" else 2)
                opts.optimize_size = level in ("s", "z")
            else:
                raise UsageError("argument to '-O' should be a non-negative integer, "
                                 "'g', 's', 'z' or 'fast'")
        elif arg.startswith("-g"):
            opts.debug = arg != "-g0"
        elif arg == "-w":
            opts.warnings = False
        elif arg == "-Werror":
            opts.werror = True
        elif arg == "-pedantic" or arg == "-Wpedantic":
            opts.pedantic = True
        elif arg == "-pedantic-errors":
            opts.pedantic = opts.pedantic_errors = True
        elif arg == "-nostdinc":
            opts.nostdinc = True
        elif arg in ("-M", "-MM"):
            opts.dep_mode = arg[1:]
            stop_flags.add("-E")
        elif arg in ("-MD", "-MMD"):
            opts.dep_mode = arg[1:-1]
            opts.dep_side = True
        elif arg == "-MP":
            opts.dep_phony = True
        elif arg in _PIC_LEVELS:
            opts.pic, opts.pie = _PIC_LEVELS[arg]
        elif arg in ("-v", "--version"):
            from lcc import __version__
            print(f"lcc {__version__} (target {opts.target.triple})")
            if not opts.inputs and i >= n:
                raise SystemExit(0)
        elif arg == "--param":
            # gcc's tuning parameters (--param name=value): no effect here.
            if i >= n:
                raise UsageError("missing argument to '--param'")
            i += 1
        elif arg.startswith("--param="):
            pass
        elif arg.startswith(("-W", "-f", "-m", "-Wl,", "-Wa,", "-Wp,")) or arg in (
                "-static", "-shared", "-pthread", "-pie", "-no-pie", "-static-pie",
                "-rdynamic", "-s",
                "-pipe", "-nostdlib", "-nostartfiles", "-nodefaultlibs", "-C", "-H",
                "-static-libgcc", "-symbolic"):
            if arg.startswith("-Wl,") or arg in _LINK_FLAGS:
                _link_arg(opts, arg)
            elif arg.startswith("-Wa,"):
                opts.asm_args += [a for a in arg[4:].split(",") if a]
            if arg == "-pthread":
                # gcc's -pthread also defines _REENTRANT when compiling.
                opts.macro_ops.append(("D", "_REENTRANT=1"))
            # Warning, code-generation and machine options are accepted
            # without effect unless a phase reads them.
        else:
            raise UsageError(f"unrecognized command-line option '{arg}'")
    if opts.gnu89_inline is False and opts.std_version == 0:
        raise UsageError("'-fno-gnu89-inline' is only supported in GNU99 or C99 mode")
    for flag, mode in (("-E", "E"), ("-fsyntax-only", "syntax"), ("-S", "S"), ("-c", "c")):
        if flag in stop_flags:
            opts.mode = mode
            break
    return opts


# (pic, pie) levels per code-model option; the last one given wins.
_PIC_LEVELS = {"-fpic": (1, 0), "-fPIC": (2, 0), "-fpie": (1, 1), "-fPIE": (2, 2),
               "-fno-pic": (0, 0), "-fno-PIC": (0, 0), "-fno-pie": (0, 0),
               "-fno-PIE": (0, 0)}
# Linker options passed through to the linker driver in their place.
_LINK_FLAGS = {"-static", "-shared", "-pthread", "-no-pie", "-pie", "-static-pie",
               "-rdynamic", "-s",
               "-nostdlib", "-nostartfiles", "-nodefaultlibs", "-static-libgcc", "-symbolic"}
# Machine options gcc accepts that would change the data model or calling
# convention: lcc's x86-64 back end implements only the LP64 SysV ABI.
_ABI_CHANGING = {"-m32", "-mx32", "-m16", "-mlong-double-64", "-mlong-double-128",
                 "-mabi=ms", "-mregparm=3", "-mrtd"}


def _link_arg(opts: Options, arg: str) -> None:
    opts.link_args.append(arg)
    opts.link_order.append(arg)


def _target_or_usage(name: str) -> Target:
    try:
        return get_target(name)
    except KeyError:
        raise UsageError(f"unknown target '{name}' (known: x86_64, aarch64, riscv64)")


class _Output:
    """Writes to -o (or stdout) only when the whole phase succeeded, so an
    error never leaves a half-written file behind."""

    def __init__(self, path: Optional[str]) -> None:
        self.path = path
        self.buffer = io.StringIO()

    def commit(self) -> None:
        text = self.buffer.getvalue()
        if self.path is None or self.path == "-":
            # Source bytes that are not UTF-8 reach here as lone surrogates
            # (the preprocessor reads with surrogateescape): write them back
            # as the original bytes.
            buf = getattr(sys.stdout, "buffer", None)
            if buf is not None:
                sys.stdout.flush()
                buf.write(text.encode("utf-8", "surrogateescape"))
                buf.flush()
            else:
                sys.stdout.write(text)
                sys.stdout.flush()
            return
        from lcc.toolchain import commit_file, tmp_name

        tmp = tmp_name(self.path)
        with open(tmp, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(text)
        # Not os.replace: as root, `-o /dev/null` would replace the device.
        commit_file(tmp, self.path)


def compile_one(path: str, opts: Options, diags: Diagnostics, out: IO[str]) -> None:
    """Run the front end on one file, writing any -E or dump text to out."""
    from lcc.preprocess import Preprocessor, write_preprocessed

    pp = Preprocessor(opts, diags)
    tokens = pp.run(path)
    if opts.dep_mode:
        _write_deps(path, pp, opts, out if opts.mode == "E" and not opts.dep_side else None)
    if diags.errors:
        return
    if opts.mode == "E":
        if not opts.dep_mode or opts.dep_side:
            write_preprocessed(tokens, out, opts.line_markers)
        return
    from lcc import parse as parser

    if opts.dump == "parse":
        tree = parser.parse_tree(tokens, opts, diags)
        out.write(tree.pretty())
        return
    unit = parser.parse(tokens, opts, diags)
    if diags.errors:
        return
    from lcc import sema

    analyzer = sema.analyze(unit, opts, diags)
    if opts.dump == "ast":
        from lcc import ast
        out.write(ast.dump(unit))
        return
    if diags.errors or opts.mode == "syntax":
        return
    out.write(generate(unit, analyzer, opts, path))


def generate(unit: object, analyzer: object, opts: Options,
             source: Optional[str] = None) -> str:
    """The back end: typed AST -> tree IR -> assembly text (or the IR and
    selection dumps). The back-end modules are imported here, not at the
    top, so the front end works while they are being written."""
    target = opts.target
    if target.name != "x86_64":
        raise CompileError(None, f"code generation for {target.name} is not implemented yet")
    lower_unit = _backend("lcc.ir.lower", "lower_unit")
    module = lower_unit(unit, analyzer, target, opts)
    module.source = source       # (-g: the compile unit's name)
    if opts.dump == "ir":
        from lcc.ir.func import format_module
        return format_module(module)
    if opts.dump == "isel":
        return str(_backend("lcc.target.x86_64", "dump_isel")(module))
    return str(_backend("lcc.target.x86_64", "compile_module")(module, opts))


def _backend(module_name: str, attr: str) -> Callable[..., object]:
    """A back-end entry point; a missing piece is a clear error, while an
    ImportError inside a piece that exists stays an internal error."""
    import importlib
    import importlib.util

    if importlib.util.find_spec(module_name) is None:
        raise CompileError(None, f"code generation is not available yet ({module_name} "
                                 "is missing); use -E, -fsyntax-only or --dump-ast")
    mod = importlib.import_module(module_name)
    fn = getattr(mod, attr, None)
    if fn is None:
        raise CompileError(None, f"code generation is not available yet "
                                 f"({module_name}.{attr} is missing)")
    return fn  # type: ignore[no-any-return]


def _write_deps(path: str, pp: object, opts: Options, out: Optional[IO[str]]) -> None:
    files = list(getattr(pp, "included_files", []))
    if opts.dep_mode == "MM":
        files = [f for f in files if not getattr(pp, "is_system_file")(f)]
    if opts.dep_targets:
        target = " ".join(opts.dep_targets)
    else:
        stem = os.path.splitext(os.path.basename(path))[0]
        target = (os.path.splitext(opts.output)[0] if opts.output and opts.dep_side
                  else stem) + ".o"
    deps = [path] + files
    text = f"{target}: " + " \\\n ".join(deps) + "\n"
    if opts.dep_phony:
        text += "".join(f"\n{f}:\n" for f in files)
    if out is not None and opts.dep_file is None:
        out.write(text)
        return
    dep_file = opts.dep_file or (os.path.splitext(opts.output or os.path.basename(path))[0]
                                 + ".d")
    with open(dep_file, "w", encoding="utf-8") as f:
        f.write(text)


def main(argv: Optional[List[str]] = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    prog = sys.argv[0] if sys.argv else "lcc"
    try:
        opts = parse_args(argv, prog)
    except UsageError as e:
        sys.stderr.write(f"lcc: error: {e}\n")
        return 1
    if not opts.inputs:
        sys.stderr.write("lcc: fatal error: no input files\ncompilation terminated.\n")
        return 1
    for path in opts.inputs:
        if path != "-" and not os.path.exists(path):
            sys.stderr.write(f"lcc: error: {path}: No such file or directory\n")
            return 1
    if opts.output and len(opts.inputs) > 1 and opts.mode in ("c", "S"):
        sys.stderr.write("lcc: fatal error: cannot specify '-o' with '-c', '-S' or '-E' "
                         "with multiple files\n")
        return 1
    diags = Diagnostics(warnings=opts.warnings, werror=opts.werror,
                        pedantic=2 if opts.pedantic_errors else int(opts.pedantic))
    out = _Output(opts.output if opts.mode in ("E", "syntax") or opts.dump else None)
    _fewer_collections()
    return _with_deep_stack(lambda: _compile_all(opts, diags, out))


def _fewer_collections() -> None:
    """CPython's cyclic collector, at its default thresholds, rescans the
    whole AST and IR of a large unit (millions of long-lived objects) again
    and again: about a third of an -S compile of sqlite3.c.  Collecting far
    less often keeps the same peak memory (the compile makes little cyclic
    garbage).  PyPy's collector has no thresholds and needs no help."""
    if hasattr(gc, "set_threshold"):
        gc.set_threshold(100000, 50, 1000)


# Deeply nested C (long else-if chains, nested structs and initializers)
# makes the recursive phases recurse deeply; the main thread's C stack would
# overflow (a crash under PyPy) long before Python's recursion limit, so the
# phases run in a thread with a large stack and a matching limit.
_STACK_BYTES = 512 * 1024 * 1024
_RECURSION_LIMIT = 60000


def _with_deep_stack(work: Callable[[], int]) -> int:
    result: List[int] = []
    failure: List[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller
            failure.append(e)

    old_size = threading.stack_size()
    old_limit = sys.getrecursionlimit()
    try:
        threading.stack_size(_STACK_BYTES)
        sys.setrecursionlimit(max(old_limit, _RECURSION_LIMIT))
        thread = threading.Thread(target=run, name="lcc")
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old_size)
        sys.setrecursionlimit(old_limit)
    if failure:
        raise failure[0]
    return result[0]


def _compile_all(opts: Options, diags: Diagnostics, out: _Output) -> int:
    if opts.mode in ("S", "c", "link") and not opts.dump:
        from lcc.build import build_all
        return build_all(opts, lambda path, kind: _front(path, kind, opts, diags))
    for path in opts.inputs:
        status = _guarded(path, opts, diags, out.buffer)
        if status is not None:
            return status
    if diags.errors:
        return 1
    if opts.mode in ("E", "syntax") or opts.dump:
        try:
            out.commit()
        except OSError as e:
            sys.stderr.write(f"lcc: error: {e}\n")
            return 1
    return 0


def _front(path: str, kind: str, opts: Options,
           diags: Diagnostics) -> Tuple[Optional[str], int]:
    """One source file to text for lcc.build: the generated assembly
    (kind "asm") or, for a .S file, its preprocessed text ("cpp")."""
    buf = io.StringIO()
    errors_before = diags.errors
    if kind == "cpp":
        file_opts = copy.copy(opts)
        file_opts.mode = "E"
        file_opts.dep_mode = None
        file_opts.macro_ops = [("D", "__ASSEMBLER__=1")] + list(opts.macro_ops)
        status = _guarded(path, file_opts, diags, buf)
    else:
        status = _guarded(path, opts, diags, buf)
    if status is not None:
        return None, status
    if diags.errors > errors_before:
        return None, 1
    return buf.getvalue(), 0


def _guarded(path: str, opts: Options, diags: Diagnostics, out: IO[str]) -> Optional[int]:
    """compile_one with lcc's error policy: a CompileError is a diagnostic
    (counted in diags); any other exception is an internal compiler error
    reported without a traceback (status 4). Returns None to go on, or the
    exit status to stop with."""
    try:
        compile_one(path, opts, diags, out)
    except CompileError as e:
        diags.error(e.loc, e.message)
    except RecursionError:
        diags.error(None, f"{path}: program too deeply nested")
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # noqa: BLE001 - turned into an ICE report
        if opts.traceback:
            traceback.print_exc()
        where = getattr(diags, "where", None)
        loc = f"{where}: " if where is not None else f"{path}: "
        sys.stderr.write(f"{loc}lcc: internal compiler error: "
                         f"{type(e).__name__}: {e}\n")
        return 4
    return None
