"""lcc's conformance harness: the GCC torture suites, gcc as the oracle.

Modules: dg (dg-options and friends), oracle (gcc verdicts, cached),
pool (worker processes with a hard per-task time limit), worker and lccrun
(lcc run in-process), modes (what is compared: syntax, preprocess, run),
runmode (building and running tests for --mode run), harness (the library
entry point `run_suite`), report (tables, JSON, --compare), reduce
(creduce), mutate (mutated inputs for the robustness test), cli.
See docs/testing.md.
"""
from __future__ import annotations
