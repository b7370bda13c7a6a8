#!/usr/bin/env bash
# tests/test_lua.sh LIBTOUSU - run tests/test_lua.lua (the LuaJIT binding)
# against the built shared library. Exit 77 (skipped) without luajit, or
# when the library carries a sanitizer runtime, which luajit cannot load.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lib=$1
if ! command -v luajit >/dev/null 2>&1; then
    echo "SKIP luajit not installed"
    exit 77
fi
if [[ $(readelf -d -W "$lib") =~ lib(a|ub|t|m)san ]]; then
    echo "SKIP $lib is built with a sanitizer runtime: luajit cannot load it"
    exit 77
fi
exec luajit "$here/test_lua.lua" "$here/../bindings/lua" "$lib"
