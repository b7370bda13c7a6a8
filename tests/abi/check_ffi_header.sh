#!/usr/bin/env bash
# R-HOST-5: include/tousu.h is readable by FFI tools (docs/abi.md).
# Usage: check_ffi_header.sh SOURCE_DIR LIBRARY.so VERSION
#  1. `cc -E -P -I include include/tousu.h` gives plain declarations: no
#     '#' lines left;
#  2. the lines that come from tousu.h itself (system headers aside) have no
#     `static inline`, `__attribute__` or other compiler extensions;
#  3. when luajit is installed: ffi.cdef accepts that output and the built
#     library answers tousu_version() through ffi.load (else: SKIP, pass).
# Env: CC.
set -euo pipefail

src=$1 lib=$(realpath "$2") version=$3
cc=${CC:-cc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tousu-ffi.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL $*"; exit 1; }

cd "$src"
$cc -E -P -I include include/tousu.h >"$tmp/cdef.h" || fail "cc -E -P include/tousu.h failed"
if grep -n '^[[:space:]]*#' "$tmp/cdef.h"; then
    fail "preprocessed header still has '#' lines (above)"
fi
echo "cc -E -P: $(wc -l <"$tmp/cdef.h") lines, no '#' lines"

# Keep only the lines the line markers attribute to tousu.h itself.
$cc -E -I include include/tousu.h |
    awk '/^# [0-9]+ "/ { own = ($3 ~ /tousu\.h"$/); next } own' >"$tmp/own.h"
[ -s "$tmp/own.h" ] || fail "no declarations from tousu.h in the preprocessed output"
if grep -nE 'static[[:space:]]+inline|__attribute__|__inline|__extension__|__asm|__declspec' \
    "$tmp/own.h"; then
    fail "tousu.h declarations use compiler extensions (above)"
fi
echo "tousu.h part: $(grep -c . "$tmp/own.h") lines, no static inline or __attribute__"

. tests/luajit_usable.sh # (from $src, the current directory)
why=$(luajit_unusable "$lib")
if [ -n "$why" ]; then
    echo "SKIP $why: ffi.cdef/ffi.load part not run"
    exit 0
fi
TOUSU_CDEF=$tmp/cdef.h TOUSU_LIB=$lib TOUSU_WANT=$version luajit -e '
local ffi = require("ffi")
local f = assert(io.open(os.getenv("TOUSU_CDEF")))
ffi.cdef(f:read("*a"))
f:close()
local lib = ffi.load(os.getenv("TOUSU_LIB"))
local v = tonumber(lib.tousu_version())
assert(v == lib.TOUSU_VERSION_NUMBER, "tousu_version() " .. v .. " ~= header " .. lib.TOUSU_VERSION_NUMBER)
local s = ffi.string(lib.tousu_version_string())
assert(s == os.getenv("TOUSU_WANT"), "tousu_version_string() " .. s)
local pe = ffi.new("tousu_engine *[1]")
local rc = lib.tousu_engine_new(pe, nil, nil)
assert(rc == 0 and pe[0] ~= nil, "tousu_engine_new: " .. rc)
lib.tousu_engine_free(pe[0])
assert(ffi.string(lib.tousu_strerror(lib.TOUSU_EINVAL)) ~= "")
print(("luajit ffi: tousu_version() = %d, %s; sizeof(tousu_result) = %d")
    :format(v, s, ffi.sizeof("tousu_result")))
' || fail "luajit ffi.cdef/ffi.load check failed"
echo "ok: header is FFI-readable"
