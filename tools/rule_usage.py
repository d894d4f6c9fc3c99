"""How many instruction-selection rules a run exercised.

    LCC_RULE_USAGE=/tmp/usage.txt python -m tools.conformance --mode run ...
    python -m tools.rule_usage /tmp/usage.txt [--unused]

Every lcc process started with LCC_RULE_USAGE appends the rules it reduced
with (lcc/isel/burs.py); this sums them per rules file: expanded rules
(after %for families) and rule lines of the rules file.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from typing import Dict, List, Set

from lcc.isel.burs import format_pattern


# rules file (the tables' SOURCE) -> generated tables module
_TABLES = {"isel/x86_64.rules": "lcc.isel.gen_x86_64"}


def main(argv: List[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("usage_file")
    ap.add_argument("--unused", action="store_true", help="list the rules never used")
    args = ap.parse_args(argv)
    used: Dict[str, Set[int]] = {}
    with open(args.usage_file) as f:
        for line in f:
            source, _, index = line.rpartition(" ")
            used.setdefault(source, set()).add(int(index))
    for source, indices in sorted(used.items()):
        mod = importlib.import_module(_TABLES.get(source, "lcc.isel.gen_x86_64"))
        rules = mod.RULES
        lines = {r[-1] for r in rules}
        used_lines = {rules[i][-1] for i in indices}
        print("%s: %d of %d rules used (%.1f%%); %d of %d rule lines"
              % (source, len(indices), len(rules), 100.0 * len(indices) / len(rules),
                 len(used_lines), len(lines)))
        if args.unused:
            for i, r in enumerate(rules):
                if i not in indices:
                    print("  unused: line %d  %s: %s" % (r[-1], r[0], format_pattern(r[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
