# tests/luajit_usable.sh - sourced by the scripts that run LuaJIT against
# the built library (tests/test_lua.sh, tests/abi/check_ffi_header.sh).
# luajit_unusable LIB prints why luajit cannot load LIB here (not installed,
# or a sanitizer build, whose runtime a plain interpreter cannot load);
# it prints nothing when it can.
luajit_unusable() {
    if ! command -v luajit >/dev/null 2>&1; then
        echo "luajit not installed"
    elif [[ $(readelf -d -W "$1") =~ lib(a|ub|t|m)san ]]; then
        echo "$1 is built with a sanitizer runtime: luajit cannot load it"
    fi
}
