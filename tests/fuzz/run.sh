#!/usr/bin/env bash
# tests/fuzz/run.sh - build the libFuzzer harnesses with clang (ASan, UBSan,
# LeakSanitizer) and run each for a bounded time over its committed corpus.
# Fails on any crash, leak or sanitizer report.
#
#   TOUSU_FUZZ_SECONDS  seconds per harness (default 60)
#   TOUSU_FUZZ_RUNS     run this many executions per harness instead
#   TOUSU_FUZZ_ONLY     run only this harness (policy, triage, decode, words, normalize)
#   TOUSU_FUZZ_DIR      build/work directory (default build-fuzz)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

need=()
command -v clang >/dev/null || need+=(clang)
# libFuzzer's runtime ships in Debian's libclang-rt-<ver>-dev.
if ! echo 'int LLVMFuzzerTestOneInput(const char*d,unsigned long n){(void)d;(void)n;return 0;}' |
        clang -x c -fsanitize=fuzzer - -o /tmp/tousu-fuzz-probe 2>/dev/null; then
    ver=$(clang --version 2>/dev/null | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -1)
    need+=("libclang-rt-${ver:-14}-dev")
fi
if [ ${#need[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

out=${TOUSU_FUZZ_DIR:-build-fuzz}
mkdir -p "$out/artifacts" "$out/meson-logs"
# One JSON line per harness, in the shape of meson's testlog, so .ci/run
# counts the fuzz results with the others.
results="$out/meson-logs/testlog-fuzz.json"
: >"$results"
srcs=$(ls src/*.c src/data/*.c)
flags="-std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Iinclude -Isrc"
harnesses=${TOUSU_FUZZ_ONLY:-policy triage decode words normalize}

# Build the library objects once.
mkdir -p "$out/obj"
objs=()
for s in $srcs; do
    o="$out/obj/$(echo "$s" | tr '/' '_').o"
    clang ${flags/-fsanitize=fuzzer,/-fsanitize=fuzzer-no-link,} -c "$s" -o "$o"
    objs+=("$o")
done

status=0
for h in $harnesses; do
    clang $flags "tests/fuzz/fuzz_$h.c" "${objs[@]}" -o "$out/fuzz_$h"
    mkdir -p "$out/corpus/$h" "tests/fuzz/corpus/$h"
    if [ -n "${TOUSU_FUZZ_RUNS:-}" ]; then
        limit="-runs=$TOUSU_FUZZ_RUNS"
    else
        limit="-max_total_time=${TOUSU_FUZZ_SECONDS:-60}"
    fi
    echo "== fuzz $h ($limit)"
    if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "$out/fuzz_$h" "$out/corpus/$h" "tests/fuzz/corpus/$h" $limit -max_len=65536 \
        -artifact_prefix="$out/artifacts/$h-" -print_final_stats=1 >"$out/$h.log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$h.log")
        echo "fuzz $h: ok, ${runs:-?} executions"
        printf '{"name": "fuzz_%s", "result": "OK", "executions": %s}\n' "$h" "${runs:-0}" >>"$results"
    else
        echo "fuzz $h: FAILED"; tail -n 40 "$out/$h.log"; status=1
        printf '{"name": "fuzz_%s", "result": "FAIL"}\n' "$h" >>"$results"
    fi
done
exit $status
