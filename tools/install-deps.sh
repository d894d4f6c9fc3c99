#!/bin/sh
# Installs what lcc's tests use as oracles and runtimes, on Debian 12:
# PyPy, the host and cross gcc/binutils, qemu-user, the GCC torture suite
# source, csmith, creduce and tcc. Does nothing for packages already there.
set -e
pkgs="pypy3 pypy3-venv gcc binutils gcc-aarch64-linux-gnu gcc-riscv64-linux-gnu
libc6-dev-arm64-cross libc6-dev-riscv64-cross qemu-user gcc-12-source csmith
libcsmith-dev creduce tcc make xz-utils"
missing=""
for p in $pkgs; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
# matplotlib for `make bench`'s plot, for the system python3 (the PyPy venv
# has none; bench/all.py runs the plotting under a Python that has it).
# Without recommends: those pull in much of the scientific stack.
if ! dpkg -s python3-matplotlib >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO=sudo
    echo "installing: python3-matplotlib"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        python3-matplotlib >/dev/null
fi
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
echo "installing:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
