"""Command line: python -m tools.rulegen RULES [-o OUTPUT] [--check]."""
from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from . import RulesError, generate_file


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.rulegen",
                                 description="generate BURS tables from a rules file")
    ap.add_argument("rules")
    ap.add_argument("-o", "--output", help="write here instead of stdout")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 if OUTPUT differs from what would be generated")
    args = ap.parse_args(argv)
    try:
        text = generate_file(args.rules)
    except RulesError as e:
        print(e, file=sys.stderr)
        return 1
    except OSError as e:
        print("rulegen: error: %s" % e, file=sys.stderr)
        return 1
    if args.check:
        if not args.output:
            ap.error("--check needs -o OUTPUT")
        try:
            with open(args.output, encoding="utf-8") as f:
                same = f.read() == text
        except OSError:
            same = False
        if not same:
            print("rulegen: %s is out of date with %s" % (args.output, args.rules),
                  file=sys.stderr)
        return 0 if same else 1
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
