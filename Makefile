# lcc's build and test entry points. See README.md.
#
# PyPy runs lcc 4-5 times faster than CPython; the venv uses it when
# `pypy3 -m venv` works and falls back to python3. PYTHON=python3 forces
# CPython.
PYTHON ?= $(shell if pypy3 -c 'import venv, ensurepip' >/dev/null 2>&1; then echo pypy3; else echo python3; fi)
VENV ?= .venv
BIN = $(VENV)/bin
JOBS ?= $(shell nproc)
PYTEST_ARGS ?=

.PHONY: all install example test test-cpython deps torture mutation realcode conformance bench clean lint

all: install

$(BIN)/lcc: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q . pytest-xdist
	touch $@

# Reinstall after source changes (a non-editable install, as users get).
install: $(BIN)/lcc
	$(BIN)/python -m pip install -q --no-deps --force-reinstall .

example: install
	mkdir -p build
	$(BIN)/lcc -O0 examples/hello.c -o build/hello
	./build/hello world
	$(BIN)/lcc -S examples/hello.c -o - | sed -n '/^main:/,/\.size\tmain/p'

deps:
	sh tools/install-deps.sh

# The default test tier: everything not marked slow (see pyproject.toml).
test: deps install
	$(BIN)/python -m pytest -q -n $(JOBS) $(PYTEST_ARGS)

# The same tests under CPython, for code that must run on both.
test-cpython:
	$(MAKE) test PYTHON=python3 VENV=.venv-cpython

torture: deps install
	$(BIN)/python -m pytest -q -n $(JOBS) -m torture $(PYTEST_ARGS)

mutation: deps install
	$(BIN)/python -m pytest -q -n $(JOBS) -m mutation $(PYTEST_ARGS)

realcode: deps install
	$(BIN)/python -m pytest -q -n $(JOBS) -m realcode $(PYTEST_ARGS)

# The conformance harness (docs/testing.md): on every target the torture
# suites in the modes lcc can do there (run mode where it generates code,
# syntax and preprocess modes elsewhere), csmith's programs (CSMITH_SEEDS)
# and the layout oracle; a table on the terminal, JSON in results/.
# CONFORMANCE_ARGS e.g. "-O 2", "--compare results/", "--suite csmith".
CONFORMANCE_ARGS ?=
CSMITH_SEEDS ?= 1-100
conformance: deps install
	$(BIN)/python -m tools.conformance --target all --suite all --seeds $(CSMITH_SEEDS) -j $(JOBS) $(CONFORMANCE_ARGS)

# Front-end throughput, compile time and run time of the generated code in
# one run: one table, bench/results/bench-*.json and a PNG of the run-time
# ratios (docs/bench.md). BENCH_ARGS="--quick" for a smoke run.
BENCH_ARGS ?=
bench: deps install
	$(BIN)/python bench/all.py $(BENCH_ARGS)

lint:
	ruff check lcc tests tools bench
	mypy lcc

clean:
	rm -rf $(VENV) .venv-cpython build *.egg-info
