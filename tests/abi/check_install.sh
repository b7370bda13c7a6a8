#!/usr/bin/env bash
# R-HOST-5: `meson install` yields a usable package (docs/testing.md).
# Usage: check_install.sh BUILD_DIR VERSION install_smoke.c
# Installs into a temporary DESTDIR, builds install_smoke.c with nothing but
# `pkg-config --cflags --libs tousu` pointed into that DESTDIR, runs it
# against the installed shared library (and links it once against the
# installed static archive), and compares its output. Works whatever libdir
# meson picked (lib, lib64, lib/x86_64-linux-gnu). Env: CC, MESON.
set -euo pipefail

build=$1 version=$2 smoke=$3
cc=${CC:-cc}
meson=${MESON:-meson}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tousu-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/root
fail() { echo "FAIL $*"; exit 1; }

if ! $meson install -C "$build" --no-rebuild --destdir "$dest" >"$tmp/install.log" 2>&1; then
    cat "$tmp/install.log"
    fail "meson install --destdir failed"
fi

pc=$(find "$dest" -name tousu.pc -print -quit)
[ -n "$pc" ] || fail "no tousu.pc installed"
echo "pkg-config file: ${pc#"$dest"}"
# Only our .pc file, with the DESTDIR prefixed to its -I and -L paths even
# when they are "system" directories such as /usr/include.
export PKG_CONFIG_LIBDIR=${pc%/*} PKG_CONFIG_PATH= PKG_CONFIG_SYSROOT_DIR=$dest
export PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1 PKG_CONFIG_ALLOW_SYSTEM_LIBS=1

got=$(pkg-config --modversion tousu) || fail "pkg-config cannot read tousu.pc"
[ "$got" = "$version" ] || fail "tousu.pc Version is $got, expected $version"
read -r -a cflags <<<"$(pkg-config --cflags tousu)"
read -r -a libs <<<"$(pkg-config --libs tousu)"
echo "cflags: ${cflags[*]}"
echo "libs:   ${libs[*]}"

incdir='' libdir=''
for f in "${cflags[@]}"; do
    if [[ $f == -I* && -f ${f#-I}/tousu.h ]]; then incdir=${f#-I}; fi
done
for f in "${libs[@]}"; do
    if [[ $f == -L* && -e ${f#-L}/libtousu.so ]]; then libdir=${f#-L}; fi
done
[ -n "$incdir" ] || fail "pkg-config --cflags names no directory holding the installed tousu.h"
[ -n "$libdir" ] || fail "pkg-config --libs names no directory holding the installed libtousu.so"
[[ " ${libs[*]} " == *" -ltousu "* ]] || fail "pkg-config --libs lacks -ltousu"
for f in libtousu.so libtousu.so.1; do
    [ -e "$libdir/$f" ] || fail "$libdir/$f missing"
done

# A sanitizer build's library needs the same runtime in the host program.
san=()
needed=$(readelf -d -W "$libdir/libtousu.so.1")
if [[ $needed == *libasan* ]]; then san+=(-fsanitize=address); fi
if [[ $needed == *libubsan* ]]; then san+=(-fsanitize=undefined); fi

want="tousu $version $(echo "$version" | awk -F. '{ print $1 * 10000 + $2 * 100 + $3 }')"
run_smoke() { # name, extra link arguments...
    local name=$1
    shift
    $cc -std=c11 -Wall -Wextra -Wpedantic -Werror "${san[@]}" "$smoke" "${cflags[@]}" "$@" \
        -o "$tmp/$name" || fail "$name: cannot build the smoke program"
    local out
    out=$(LD_LIBRARY_PATH=$libdir "$tmp/$name") || fail "$name: smoke program failed: $out"
    [ "$out" = "$want" ] || fail "$name: printed '$out', expected '$want'"
    echo "$name: $out"
}

run_smoke smoke-shared "${libs[@]}"
loaded=$(LD_LIBRARY_PATH=$libdir ldd "$tmp/smoke-shared")
[[ $loaded == *"$libdir/libtousu.so.1"* ]] ||
    fail "smoke-shared did not load the installed libtousu.so.1: $loaded"
if [ -e "$libdir/libtousu.a" ]; then
    run_smoke smoke-static "$libdir/libtousu.a"
else
    echo "no libtousu.a installed (default_library=shared): static link not checked"
fi
echo "ok: installed header, library and tousu.pc work"
