"""Random struct/union declarations whose layout gcc measures and lcc must match.

From a fixed seed this makes N top-level struct and union types mixing every
scalar type (char ... __int128, float, double, long double, _Complex, _Bool,
pointers, function pointers, enums of several sizes), bit-fields of every
width (int, unsigned, char, short, long, long long, __int128 and enum ones,
zero-width and unnamed ones), nested structs and unions (named, anonymous,
or an earlier top-level type), multi-dimensional arrays, `_Alignas(N)` on
members, `__attribute__((packed))` on types and members,
`__attribute__((aligned(N)))` and flexible array members.

Then:
  1. a C program printing sizeof, _Alignof and offsetof (of every named
     non-bit-field member, nested ones and array elements included) is built
     with the target's gcc and run (under qemu-user for cross targets);
  2. its output becomes a C file of `_Static_assert`s over the same
     declarations, which `lcc -fsyntax-only --target=T` must accept.
So lcc passes iff its constant evaluation of layout equals gcc's, and the
check needs nothing from lcc's internals.

    python3 tools/gen_layout.py --target aarch64 --count 500 -o build/layout/aarch64.c

The gcc results are cached in build/layout/ under a hash of the program and
the compiler's version, so a repeated run costs no compile or qemu start.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
from typing import Dict, List, Optional, Sequence, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE_DIR = os.path.join(ROOT, "build", "layout")
DEFAULT_SEED = 20261124
DEFAULT_COUNT = 500

TARGETS: Dict[str, Tuple[str, List[str]]] = {
    # target: (gcc, command prefix that runs its executables)
    "x86_64": ("gcc", []),
    "aarch64": ("aarch64-linux-gnu-gcc", ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu"]),
    "riscv64": ("riscv64-linux-gnu-gcc", ["qemu-riscv64", "-L", "/usr/riscv64-linux-gnu"]),
}

# Enums of several sizes: plain (int), one needing a negative range, packed
# ones (1 and 2 bytes) and a GNU one wider than int (8 bytes).
PRELUDE = """\
#include <stddef.h>

enum E0 { E0_A, E0_B, E0_C };
enum E1 { E1_A = -5, E1_B = 70000 };
enum __attribute__((packed)) E2 { E2_A, E2_B = 200 };
enum __attribute__((packed)) E3 { E3_A = -1, E3_B = 300 };
enum E4 { E4_A = 0, E4_B = 0x100000000LL };
"""

# Scalar member types: (specifier, declarator format, upper bound of the
# alignment on any of the three LP64 targets). The bound only keeps
# `_Alignas` from asking for less than the natural alignment (an error).
SCALARS: List[Tuple[str, str, int]] = [
    ("char", "{}", 1), ("signed char", "{}", 1), ("unsigned char", "{}", 1),
    ("short", "{}", 2), ("unsigned short", "{}", 2),
    ("int", "{}", 4), ("unsigned int", "{}", 4),
    ("long", "{}", 8), ("unsigned long", "{}", 8),
    ("long long", "{}", 8), ("unsigned long long", "{}", 8),
    ("__int128", "{}", 16), ("unsigned __int128", "{}", 16),
    ("float", "{}", 4), ("double", "{}", 8), ("long double", "{}", 16),
    ("_Complex float", "{}", 4), ("_Complex double", "{}", 8),
    ("_Complex long double", "{}", 16),
    ("_Bool", "{}", 1),
    ("void", "*{}", 8), ("int", "*{}", 8), ("char", "**{}", 8),
    ("int", "(*{})(int)", 8), ("double", "(*{})(void)", 8),
    ("enum E0", "{}", 4), ("enum E1", "{}", 4), ("enum E2", "{}", 1),
    ("enum E3", "{}", 2), ("enum E4", "{}", 8),
]

# Bit-field types and their widths in bits.
BITFIELD_TYPES: List[Tuple[str, int]] = [
    ("int", 32), ("signed int", 32), ("unsigned int", 32), ("unsigned", 32),
    ("char", 8), ("signed char", 8), ("unsigned char", 8),
    ("short", 16), ("unsigned short", 16),
    ("long", 64), ("unsigned long", 64), ("long long", 64), ("unsigned long long", 64),
    ("__int128", 128), ("unsigned __int128", 128),
    ("_Bool", 1), ("enum E0", 32),
]

POW2 = [1, 2, 4, 8, 16, 32, 64]


class Aggregate:
    """One generated struct or union: its C text and what to measure."""

    def __init__(self, kind: str, tag: Optional[str]) -> None:
        self.kind = kind            # "struct" | "union"
        self.tag = tag              # None for an anonymous member aggregate
        self.lines: List[str] = []  # member declarations
        self.attrs_before = ""      # `struct __attribute__((packed)) S {`
        self.attrs_after = ""       # `} __attribute__((aligned(8)))`
        self.align_bound = 1        # upper bound of its alignment
        self.has_fam = False
        self.named = False          # has a named member (directly or anonymously nested)
        # offsetof designators reachable from this aggregate, relative to it
        self.designators: List[str] = []

    def text(self) -> str:
        head = self.kind + (" " + self.attrs_before if self.attrs_before else "")
        head += (" " + self.tag if self.tag else "") + " {\n"
        # A member may be a nested definition of several lines: indent each.
        body = "".join(f"    {part}\n" for line in self.lines for part in line.split("\n"))
        return head + body + "}" + (" " + self.attrs_after if self.attrs_after else "")


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.top: List[Aggregate] = []   # finished top-level types, in order
        self.names = 0                   # member-name counter within one top-level type
        self.tags = 0                    # nested-tag counter within one top-level type

    def name(self) -> str:
        self.names += 1
        return f"m{self.names}"

    def dims(self) -> List[int]:
        r = self.rng.random()
        if r < 0.75:
            return []
        if r < 0.93:
            return [self.rng.randint(1, 5)]
        return [self.rng.randint(1, 3), self.rng.randint(1, 4)]

    def alignas(self, bound: int) -> str:
        """An `_Alignas(N)` not weaker than `bound`, or nothing."""
        if self.rng.random() >= 0.08:
            return ""
        return f"_Alignas({self.rng.choice([n for n in POW2 if n >= bound])}) "

    def member_attr(self) -> Tuple[str, int]:
        """A member attribute and the alignment bound it may impose."""
        r = self.rng.random()
        if r < 0.06:
            return " __attribute__((packed))", 1
        if r < 0.11:
            n = self.rng.choice(POW2)
            return f" __attribute__((aligned({n})))", n
        return "", 1

    def bitfield(self, agg: Aggregate) -> None:
        spec, bits = self.rng.choice(BITFIELD_TYPES)
        r = self.rng.random()
        if r < 0.12:
            agg.lines.append(f"{spec} : 0;")
            return
        width = self.rng.randint(1, bits)
        # Narrow widths are the interesting ones; favour them.
        if self.rng.random() < 0.5:
            width = self.rng.randint(1, min(bits, 9))
        if r < 0.25:
            agg.lines.append(f"{spec} : {width};")
            return
        attr = " __attribute__((packed))" if self.rng.random() < 0.05 else ""
        agg.lines.append(f"{spec} {self.name()} : {width}{attr};")
        agg.named = True
        agg.align_bound = max(agg.align_bound, 16)

    def element_designators(self, name: str, dims: List[int]) -> List[str]:
        """`m3` plus its last element, e.g. `m3[2][1]`, for an array."""
        if not dims:
            return [name]
        return [name, name + "".join(f"[{d - 1}]" for d in dims)]

    def member(self, agg: Aggregate, depth: int) -> None:
        r = self.rng.random()
        if r < 0.22:
            self.bitfield(agg)
            return
        if r < 0.36 and depth < 2:
            self.nested(agg, depth)
            return
        if r < 0.40 and self.top:
            # An earlier top-level type (never one with a flexible array member).
            usable = [t for t in self.top[-60:] if not t.has_fam]
            if usable:
                t = self.rng.choice(usable)
                self.plain_member(agg, f"{t.kind} {t.tag}", "{}", t.align_bound,
                                  [f".{d}" for d in t.designators])
                return
        spec, fmt, align = self.rng.choice(SCALARS)
        self.plain_member(agg, spec, fmt, align, [])

    def plain_member(self, agg: Aggregate, spec: str, fmt: str, align: int,
                     inner: List[str]) -> None:
        name = self.name()
        dims = self.dims()
        declarator = fmt.format(name + "".join(f"[{d}]" for d in dims))
        attr, attr_align = self.member_attr()
        alignas = self.alignas(align)
        agg.lines.append(f"{alignas}{spec} {declarator}{attr};")
        agg.named = True
        agg.align_bound = max(agg.align_bound, align, attr_align, 64 if alignas else 1)
        desigs = self.element_designators(name, dims)
        agg.designators.extend(desigs)
        # A few paths into a nested type, through the last array element.
        for d in inner[:3]:
            agg.designators.append(desigs[-1] + d)

    def nested(self, agg: Aggregate, depth: int) -> None:
        kind = "union" if self.rng.random() < 0.3 else "struct"
        anonymous = self.rng.random() < 0.4
        tag = None
        if not anonymous and self.rng.random() >= 0.5:
            self.tags += 1
            tag = f"N{len(self.top)}_{self.tags}"
        inner = self.aggregate(kind, tag, depth + 1, allow_fam=False)
        if anonymous:
            # C11 anonymous member: its members are members of `agg`.
            agg.lines.append(inner.text() + ";")
            agg.named = True
            agg.designators.extend(inner.designators)
            agg.align_bound = max(agg.align_bound, inner.align_bound)
            return
        name = self.name()
        dims = self.dims()
        alignas = self.alignas(inner.align_bound)
        attr, attr_align = self.member_attr()
        agg.named = True
        agg.lines.append(f"{alignas}{inner.text()} {name}"
                         + "".join(f"[{d}]" for d in dims) + f"{attr};")
        agg.align_bound = max(agg.align_bound, inner.align_bound, attr_align,
                              64 if alignas else 1)
        desigs = self.element_designators(name, dims)
        agg.designators.extend(desigs)
        for d in inner.designators[:4]:
            agg.designators.append(desigs[-1] + "." + d)

    def aggregate(self, kind: str, tag: Optional[str], depth: int,
                  allow_fam: bool) -> Aggregate:
        agg = Aggregate(kind, tag)
        count = self.rng.randint(1, 7 if depth == 0 else 4)
        for _ in range(count):
            self.member(agg, depth)
        if not agg.named:
            # Only unnamed bit-fields so far: give it a named member.
            spec, fmt, align = self.rng.choice(SCALARS)
            self.plain_member(agg, spec, fmt, align, [])
        if allow_fam and kind == "struct" and agg.designators and self.rng.random() < 0.12:
            spec, fmt, align = self.rng.choice([s for s in SCALARS if s[1] == "{}"])
            name = self.name()
            agg.lines.append(f"{spec} {name}[];")
            agg.designators.append(name)
            agg.align_bound = max(agg.align_bound, align)
            agg.has_fam = True
        r = self.rng.random()
        if r < 0.15:
            agg.attrs_after = "__attribute__((packed))"
        elif r < 0.22:
            agg.attrs_before = "__attribute__((packed))"
        elif r < 0.30:
            n = self.rng.choice(POW2)
            agg.attrs_after = f"__attribute__((aligned({n})))"
            agg.align_bound = max(agg.align_bound, n)
        elif r < 0.35:
            n = self.rng.choice(POW2[:4])
            agg.attrs_after = f"__attribute__((packed, aligned({n})))"
        elif r < 0.37:
            agg.attrs_after = "__attribute__((aligned))"
            agg.align_bound = max(agg.align_bound, 16)
        return agg

    def generate(self, count: int) -> List[Aggregate]:
        for i in range(count):
            self.names = 0
            self.tags = 0
            kind = "union" if self.rng.random() < 0.2 else "struct"
            self.top.append(self.aggregate(kind, f"S{i}", 0, allow_fam=True))
        return self.top


def declarations(aggs: Sequence[Aggregate]) -> str:
    return PRELUDE + "".join(f"\n{a.text()};\n" for a in aggs)


def measurements(aggs: Sequence[Aggregate]) -> List[Tuple[str, str]]:
    """(label, C expression) for everything measured, in a fixed order."""
    out: List[Tuple[str, str]] = []
    for a in aggs:
        t = f"{a.kind} {a.tag}"
        out.append((f"{a.tag} size", f"sizeof({t})"))
        out.append((f"{a.tag} align", f"_Alignof({t})"))
        for d in a.designators:
            out.append((f"{a.tag} offsetof {d}", f"offsetof({t}, {d})"))
    return out


def printer_program(aggs: Sequence[Aggregate]) -> str:
    table = ",\n".join(f"    {expr}" for _, expr in measurements(aggs))
    return (declarations(aggs) + "\n#include <stdio.h>\n\nstatic const size_t values[] = {\n"
            + table + "\n};\n\nint main(void)\n{\n"
            "    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)\n"
            "        printf(\"%zu\\n\", values[i]);\n    return 0;\n}\n")


class OracleError(Exception):
    pass


def gcc_values(aggs: Sequence[Aggregate], target: str,
               cache_dir: Optional[str] = CACHE_DIR) -> List[int]:
    """What the target's gcc-built program prints, one number per measurement."""
    cc, runner = TARGETS[target]
    if shutil.which(cc) is None or (runner and shutil.which(runner[0]) is None):
        raise OracleError(f"{cc} and {runner[0] if runner else 'a host'} are needed "
                          f"for the {target} layout oracle (see tools/install-deps.sh)")
    program = printer_program(aggs)
    version = subprocess.run([cc, "--version"], capture_output=True, text=True, check=False).stdout
    key = hashlib.sha1((version + program).encode()).hexdigest()[:16]
    cached = os.path.join(cache_dir, f"{target}-{key}.txt") if cache_dir else None
    if cached and os.path.exists(cached):
        with open(cached) as f:
            return [int(x) for x in f.read().split()]
    with tempfile.TemporaryDirectory() as tmp:
        src, exe = os.path.join(tmp, "layout.c"), os.path.join(tmp, "layout")
        with open(src, "w") as f:
            f.write(program)
        p = subprocess.run([cc, "-w", "-O0", src, "-o", exe], capture_output=True, text=True,
                           check=False)
        if p.returncode != 0:
            raise OracleError(f"{cc} rejects the generated program:\n{p.stderr[:4000]}")
        p = subprocess.run(runner + [exe], capture_output=True, text=True, timeout=120,
                           check=False)
        if p.returncode != 0:
            raise OracleError(f"the {target} layout program failed: {p.stderr[:2000]}")
        values = [int(x) for x in p.stdout.split()]
    if len(values) != len(measurements(aggs)):
        raise OracleError(f"expected {len(measurements(aggs))} numbers, got {len(values)}")
    if cached:
        os.makedirs(cache_dir, exist_ok=True)  # type: ignore[arg-type]
        tmp_path = cached + f".{os.getpid()}"
        with open(tmp_path, "w") as f:
            f.write("\n".join(map(str, values)) + "\n")
        os.replace(tmp_path, cached)
    return values


def assertion_file(aggs: Sequence[Aggregate], values: Sequence[int], target: str) -> str:
    lines = [f"/* Generated by tools/gen_layout.py for {target}: layout as gcc computes it. */",
             declarations(aggs)]
    for (label, expr), value in zip(measurements(aggs), values):
        lines.append(f'_Static_assert({expr} == {value}, "{label} == {value}");')
    return "\n".join(lines) + "\n"


def build(target: str, count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED,
          cache_dir: Optional[str] = CACHE_DIR) -> Tuple[str, int]:
    """The assertion file's text for `target`, and how many assertions it has."""
    aggs = Generator(seed).generate(count)
    values = gcc_values(aggs, target, cache_dir)
    return assertion_file(aggs, values, target), len(values)


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--target", choices=sorted(TARGETS), default="x86_64")
    ap.add_argument("--count", type=int, default=DEFAULT_COUNT)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("-o", "--output", help="assertion file (default: stdout)")
    ap.add_argument("--printer", action="store_true",
                    help="write the measuring program instead of the assertions")
    ap.add_argument("--check", action="store_true",
                    help="also run the target's gcc -fsyntax-only on the assertions")
    args = ap.parse_args(argv)
    if args.printer:
        text = printer_program(Generator(args.seed).generate(args.count))
    else:
        try:
            text, n = build(args.target, args.count, args.seed)
        except OracleError as e:
            print(f"gen_layout: {e}", file=sys.stderr)
            return 1
        print(f"gen_layout: {args.count} types, {n} assertions for {args.target}",
              file=sys.stderr)
    if args.output:
        os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
        with open(args.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    if args.check and not args.printer:
        if not args.output:
            print("gen_layout: --check needs -o", file=sys.stderr)
            return 1
        cc = TARGETS[args.target][0]
        p = subprocess.run([cc, "-w", "-fsyntax-only", args.output], check=False)
        return p.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
