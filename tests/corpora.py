"""The external test corpora, fetched once into build/corpora/.

- the GCC torture suites (Debian's gcc-12-source: gcc.c-torture/execute and
  gcc.c-torture/compile);
- the SQLite amalgamation (npm package `sqlite3`, deps/sqlite-autoconf-*);
- Lua 5.4 (PyPI sdist of `lupa`, third-party/lua54).
Each function returns the directory, extracting on first use; a corpus that
cannot be had raises CorpusUnavailable with the reason.
"""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tarfile
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.environ.get("LCC_CORPORA", os.path.join(ROOT, "build", "corpora"))
GCC_SOURCE = "/usr/src/gcc-12/gcc-12.2.0-dfsg.tar.xz"


class CorpusUnavailable(Exception):
    pass


def _locked_extract(dest: str, fill) -> str:
    """Run fill(tmpdir) once, moving the result to dest atomically (several
    pytest workers may ask at the same time)."""
    if os.path.isdir(dest):
        return dest
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    tmp = tempfile.mkdtemp(dir=os.path.dirname(dest), prefix=".tmp-")
    try:
        fill(tmp)
        try:
            os.rename(tmp, dest)
        except OSError:
            if not os.path.isdir(dest):
                raise
    finally:
        if os.path.isdir(tmp):
            shutil.rmtree(tmp, ignore_errors=True)
    return dest


def torture_dir() -> str:
    """build/corpora/torture with execute/ and compile/ (plus their
    subdirectories, e.g. execute/ieee, execute/builtins)."""
    def fill(tmp: str) -> None:
        if not os.path.exists(GCC_SOURCE):
            raise CorpusUnavailable(f"{GCC_SOURCE} missing (apt-get install gcc-12-source)")
        prefix = "gcc-12.2.0/gcc/testsuite/gcc.c-torture/"
        subprocess.run(["tar", "-xJf", GCC_SOURCE, "-C", tmp, "--wildcards",
                        prefix + "execute/*", prefix + "compile/*"], check=True)
        src = os.path.join(tmp, prefix)
        for sub in ("execute", "compile"):
            shutil.move(os.path.join(src, sub), os.path.join(tmp, sub))
        shutil.rmtree(os.path.join(tmp, "gcc-12.2.0"))
    return _locked_extract(os.path.join(CACHE, "torture"), fill)


def torture_tests(suite: str) -> list:
    """Sorted paths of the top-level .c tests of 'execute' or 'compile'."""
    return sorted(glob.glob(os.path.join(torture_dir(), suite, "*.c")))


def sqlite_dir() -> str:
    """Directory holding sqlite3.c, sqlite3.h and shell.c."""
    def fill(tmp: str) -> None:
        try:
            subprocess.run(["npm", "pack", "sqlite3", "--silent"], cwd=tmp, check=True,
                           stdout=subprocess.DEVNULL)
        except (OSError, subprocess.CalledProcessError) as e:
            raise CorpusUnavailable(f"npm pack sqlite3 failed: {e}")
        (pkg,) = glob.glob(os.path.join(tmp, "sqlite3-*.tgz"))
        with tarfile.open(pkg) as t:
            names = [m for m in t.getmembers() if "sqlite-autoconf" in m.name]
            t.extractall(tmp, members=names)
        (inner,) = glob.glob(os.path.join(tmp, "package", "deps", "sqlite-autoconf-*.tar.gz"))
        with tarfile.open(inner) as t:
            t.extractall(tmp)
        (src,) = [d for d in glob.glob(os.path.join(tmp, "sqlite-autoconf-*")) if os.path.isdir(d)]
        for name in os.listdir(src):
            shutil.move(os.path.join(src, name), os.path.join(tmp, name))
    return _locked_extract(os.path.join(CACHE, "sqlite"), fill)


def lua_dir() -> str:
    """Lua 5.4's source directory (the .c files) with testes/ beside it."""
    def fill(tmp: str) -> None:
        try:
            subprocess.run(["python3", "-m", "pip", "download", "-q", "--no-deps",
                            "--no-binary", ":all:", "lupa",
                            "-d", tmp], check=True, stdout=subprocess.DEVNULL)
        except (OSError, subprocess.CalledProcessError) as e:
            raise CorpusUnavailable(f"pip download lupa failed: {e}")
        (pkg,) = glob.glob(os.path.join(tmp, "lupa-*.tar.gz"))
        with tarfile.open(pkg) as t:
            names = [m for m in t.getmembers() if "/third-party/lua54/" in m.name]
            t.extractall(tmp, members=names)
        (src,) = glob.glob(os.path.join(tmp, "lupa-*", "third-party", "lua54"))
        for name in os.listdir(src):
            shutil.move(os.path.join(src, name), os.path.join(tmp, name))
    return _locked_extract(os.path.join(CACHE, "lua"), fill)
