#!/usr/bin/env bash
# tests/test_lua.sh LIBTOUSU - run tests/test_lua.lua (the LuaJIT binding)
# against the built shared library. Exit 77 (skipped) without luajit, or
# when the library carries a sanitizer runtime, which luajit cannot load.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lib=$1
. "$here/luajit_usable.sh"
why=$(luajit_unusable "$lib")
if [ -n "$why" ]; then
    echo "SKIP $why"
    exit 77
fi
exec luajit "$here/test_lua.lua" "$here/../bindings/lua" "$lib"
