#!/usr/bin/env bash
# tests/run.sh - THE test command of libtousu (docs/testing.md).
#
# On a fresh Debian 12 machine it installs what is missing (meson, ninja,
# cmocka, pkg-config, gcc, python3, binutils, luajit) with apt-get, as root
# or via sudo; then configures the build directory with -Dwerror=true (reusing it
# when it exists), compiles, and runs `meson test`: every C suite and the
# ABI/packaging checks of tests/abi. Exits non-zero on any failure.
#
# Environment:
#   TOUSU_BUILD_DIR     build directory (default: build, relative to the repo)
#   TOUSU_MESON_ARGS    extra `meson setup` arguments, e.g.
#                       '-Db_sanitize=address,undefined -Db_lundef=false'
#   TOUSU_TEST_WRAPPER  run each test under this, e.g. 'valgrind --error-exitcode=99'
#   TOUSU_TEST_ARGS     extra `meson test` arguments, e.g. '--suite unit'
#   TOUSU_TEST_SCALE    read by the property tests: shrink loop counts (0.05)
#   CC                  the compiler (meson's default: cc); CC=clang installs clang
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '== %s\n' "$*"; }

# ---- prerequisites ------------------------------------------------------
missing=()
need() { # command, Debian package
    command -v "$1" >/dev/null 2>&1 || missing+=("$2")
}
need meson meson
need ninja ninja-build
need pkg-config pkg-config
need cc gcc
need python3 python3
need nm binutils
need readelf binutils
need luajit luajit # the LuaJIT binding's test (tests/test_lua.sh)
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists cmocka; then
    missing+=(libcmocka-dev)
fi
[ -e /usr/include/stdio.h ] || missing+=(libc6-dev)
if [[ ${TOUSU_TEST_WRAPPER:-} == valgrind* ]]; then
    need valgrind valgrind
fi
if [ "${CC:-}" = clang ]; then
    need clang clang
fi

if [ ${#missing[@]} -gt 0 ]; then
    # One package may be named twice (nm and readelf): uniq keeps the first.
    read -r -a missing <<<"$(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++' | tr '\n' ' ')"
    if [ "$(id -u)" -eq 0 ]; then
        sudo=()
    elif command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        echo "tests/run.sh: missing ${missing[*]}; run as root or install sudo" >&2
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "tests/run.sh: missing ${missing[*]} and no apt-get: install them yourself" >&2
        exit 1
    fi
    say "installing ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# ---- configure and build ------------------------------------------------
build=${TOUSU_BUILD_DIR:-build}
read -r -a meson_args <<<"${TOUSU_MESON_ARGS:-}"
if [ -f "$build/meson-private/coredata.dat" ]; then
    say "reconfiguring $build ${meson_args[*]}"
    if ! meson setup --reconfigure "$build" -Dwerror=true "${meson_args[@]}"; then
        say "reconfigure failed: wiping $build"
        meson setup --wipe "$build" -Dwerror=true "${meson_args[@]}"
    fi
else
    say "configuring $build ${meson_args[*]}"
    meson setup "$build" -Dwerror=true "${meson_args[@]}"
fi
say "compiling $build"
meson compile -C "$build"

# ---- test ---------------------------------------------------------------
test_args=(--print-errorlogs)
if [ -n "${TOUSU_TEST_WRAPPER:-}" ]; then
    test_args+=("--wrapper=$TOUSU_TEST_WRAPPER")
fi
read -r -a extra <<<"${TOUSU_TEST_ARGS:-}"
say "meson test -C $build ${test_args[*]} ${extra[*]}"
meson test -C "$build" --no-rebuild "${test_args[@]}" "${extra[@]}"
