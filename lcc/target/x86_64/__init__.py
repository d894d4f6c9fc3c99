"""The x86-64 back end: selection, allocation, frame layout, assembly text.

compile_module(module, opts) -> str   the whole translation unit as GNU
                                      assembler text (-S output)
dump_isel(module) -> str              --dump-isel: per statement tree the
                                      rules chosen, with costs and lines
"""
from __future__ import annotations

from typing import Any, List

from lcc.ir.func import Module


def compile_module(module: Module, opts: Any = None) -> str:
    """Per function: Selector -> lcc.regalloc.allocate -> frame.finish -> print;
    then the rodata constants the selector made and data.emit_data(module)."""
    from lcc.isel.burs import flush_usage
    from lcc.regalloc import allocate
    from lcc.target.x86_64 import data, frame
    from lcc.target.x86_64.asm import format_function
    from lcc.target.x86_64.isel import Pool, Selector
    from lcc.target.x86_64.regs import REGS

    # -fpic/-fPIC without -fpie: code for a shared library (isel.Pool)
    pic = bool(getattr(opts, "pic", 0)) and not getattr(opts, "pie", 0)
    pool = Pool(module, pic=pic)
    parts: List[str] = []
    debug = None
    if getattr(opts, "debug", False):
        # -g: .loc rows and DWARF (lcc.target.x86_64.dwarf); the code is
        # the same as without -g.
        from lcc.target.x86_64 import dwarf
        debug = dwarf.Debug(module)
        parts.append(debug.header())
    for fn in module.functions:
        sel = Selector(module, fn, pool=pool)
        mf = sel.run()
        watched = dwarf.watch_homes(mf, sel._homes, fn.syms) if debug is not None else {}
        before = list(mf.insts()) if debug is not None else []
        allocate(mf, frame.regs_for(mf, REGS))
        if debug is not None:
            dwarf.keep_lost_rows(before, mf)
        frame.finish(mf)
        if debug is not None:
            debug.add_function(fn, mf, dwarf.resolve_homes(mf, watched, before))
        parts.append(format_function(mf, fn.linkage, fn.attrs, debug))
        for kind, section in (("constructor", ".init_array"), ("destructor", ".fini_array")):
            if kind in fn.attrs:
                parts.append("\t.section\t%s,\"aw\"\n\t.p2align\t3\n\t.quad\t%s\n"
                             % (section, fn.name))
    parts.append(pool.format_rodata())
    parts.append(data.emit_data(module))
    if debug is not None:
        parts.append(debug.trailer())
    flush_usage()
    return "".join(parts)


def dump_isel(module: Module, abi: Any = None) -> str:
    """The rules chosen for every statement tree, function by function
    (trees evaluated inside hooks, e.g. call arguments, are traced too).
    `abi` replaces lcc.target.x86_64.abi (tests)."""
    from lcc.target.x86_64.isel import Pool, Selector

    pool = Pool(module)
    out: List[str] = []
    for fn in module.functions:
        trace: List[str] = []
        out.append("function %s" % fn.name)
        Selector(module, fn, pool=pool, trace=trace, abi=abi).run()
        out.extend(trace)
    return "\n".join(out) + "\n"
