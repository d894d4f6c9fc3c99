"""Plot the run-time ratios of bench/all.py's JSON: one panel per target,
per program a bar per compiler (its median run time divided by gcc -O2's,
log scale; gcc -O0 is shown too as the unoptimised reference).

    python3 bench/plot.py bench/results/bench-<time>.json out.png

Needs matplotlib; bench/all.py runs this under a Python that has it.
"""
from __future__ import annotations

import json
import math
import sys
from typing import Any, Dict, List

BASE = "gcc -O2"


def series(runtime: Dict[str, Any]) -> Dict[str, List[float]]:
    """compiler -> ratio per program (nan where it failed)."""
    programs = sorted(runtime.get("programs", {}))
    labels = [c for c in runtime.get("compilers", []) if c != BASE]
    out: Dict[str, List[float]] = {}
    for lb in labels:
        vals = []
        for prog in programs:
            cells = runtime["programs"][prog]
            t = (cells.get(lb) or {}).get("seconds")
            b = (cells.get(BASE) or {}).get("seconds")
            vals.append(t / b if t and b else float("nan"))
        ok = [v for v in vals if not math.isnan(v)]
        vals.append(math.exp(sum(math.log(v) for v in ok) / len(ok)) if ok else float("nan"))
        out[lb] = vals
    return out


def main(argv: List[str]) -> int:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with open(argv[0], encoding="utf-8") as f:
        data = json.load(f)
    runtime = data["results"]["runtime"]
    # One target per runtime run (lcc generates code for x86_64 only so
    # far); a list of runs is plotted as one panel each.
    runs = runtime if isinstance(runtime, list) else [runtime]
    fig, axes = plt.subplots(len(runs), 1, figsize=(11, 4.5 * len(runs)), squeeze=False)
    for ax, run in zip(axes[:, 0], runs):
        programs = sorted(run.get("programs", {})) + ["geomean"]
        ser = series(run)
        width = 0.8 / max(1, len(ser))
        for i, (label, vals) in enumerate(ser.items()):
            xs = [j + (i - (len(ser) - 1) / 2) * width for j in range(len(programs))]
            ax.bar(xs, vals, width, label=label)
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.set_yscale("log")
        # Plain numbers on the log axis (1.5, 2, 3), not 2x10^0.
        from matplotlib.ticker import FormatStrFormatter
        ax.yaxis.set_major_formatter(FormatStrFormatter("%g"))
        ax.yaxis.set_minor_formatter(FormatStrFormatter("%g"))
        ax.set_xticks(range(len(programs)))
        ax.set_xticklabels(programs, rotation=30, ha="right")
        ax.set_ylabel(f"run time / {BASE}")
        ax.set_title(f"{run.get('target', 'x86_64')}: run time of the generated code "
                     f"relative to {BASE} (median of {run.get('runs', '?')} runs; "
                     f"lower is faster)")
        ax.legend(fontsize="small")
        ax.grid(axis="y", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(argv[1], dpi=100)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
