#!/usr/bin/env bash
# examples/demo.sh - build libtousu and show what it decides, and why, on a
# bundled day of contacts, then the SLA plans of a few tickets, the quality
# checks of two recorded calls and an answer flow walked step by step
# (examples/README.md).
#
#   examples/demo.sh                  every section, full output
#   examples/demo.sh --quiet          extra arguments go to tousu-triage
#   examples/demo.sh --only-urgent
#   examples/demo.sh --policy examples/policy/strict-batch.policy
#                                     triage on a policy file (R-POL-2)
#
# Runs from any directory. Installs meson, ninja, pkg-config and a C compiler
# with apt-get when they are missing (as root or via sudo), configures
# $TOUSU_DEMO_BUILD (default: build-demo in the repository) when needed,
# compiles the demo programs and runs each section in turn.
#
# Environment:
#   TOUSU_DEMO_BUILD     build directory (default: build-demo, relative to the repo)
#   TOUSU_DEMO_SECTIONS  which sections to run, in order (default: all, see SECTIONS)
#
# Adding a section: write a function demo_<name> (it receives the extra
# arguments; the triage section hands them to tousu-triage, the others take
# none) that starts with
# `section "<Title>"`, add its program to examples/meson.build and its target
# to DEMO_TARGETS, and append <name> to SECTIONS below.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# --policy FILE names a file relative to the directory demo.sh was started
# from, but the sections run in the repository: rewrite the name (relative
# to the repository when the file lies inside it, as messages read best).
resolve_path() {
    local p=$1
    [[ $p == /* ]] || p="$PWD/$p"
    if realpath -m -s --relative-base="$root" -- "$p" 2>/dev/null; then
        return
    fi
    case $p in "$root"/*) p=${p#"$root"/} ;; esac # no GNU realpath
    printf '%s\n' "$p"
}
args=()
while [ $# -gt 0 ]; do
    case $1 in
    --policy)
        args+=("$1")
        [ $# -gt 1 ] && { args+=("$(resolve_path "$2")"); shift; }
        ;;
    --policy=?*) args+=("--policy=$(resolve_path "${1#--policy=}")") ;;
    *) args+=("$1") ;;
    esac
    shift
done
set -- "${args[@]+"${args[@]}"}"
cd "$root"

say() { printf '>> %s\n' "$*" >&2; }
section() { printf '\n== %s ==\n\n' "$*"; }

# ---- prerequisites ------------------------------------------------------
# (tests/run.sh installs the test tools too; the demo needs only these.)
missing=()
need() { # command, Debian package
    command -v "$1" >/dev/null 2>&1 || missing+=("$2")
}
need meson meson
need ninja ninja-build
need pkg-config pkg-config
need cc gcc
[ -e /usr/include/stdio.h ] || missing+=(libc6-dev)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        sudo=()
    elif command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        echo "demo.sh: missing ${missing[*]}; run as root or install sudo" >&2
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "demo.sh: missing ${missing[*]} and no apt-get: install them yourself" >&2
        exit 1
    fi
    say "installing ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# ---- configure and build ------------------------------------------------
build=${TOUSU_DEMO_BUILD:-build-demo}
# The programs each section runs (meson target names).
DEMO_TARGETS=(tousu-triage tousu-sla tousu-qa tousu-flow)

if [ ! -f "$build/meson-private/coredata.dat" ]; then
    say "configuring $build"
    # The demo needs neither cmocka nor the test suites.
    meson setup "$build" -Dtests=false >&2
fi
# A build directory configured before a section was added does not know its
# program yet and `meson compile TARGET` would not find it: let ninja
# regenerate the build files first (nothing to do when they are current).
ninja -C "$build" build.ninja >&2
say "compiling ${DEMO_TARGETS[*]} in $build"
meson compile -C "$build" "${DEMO_TARGETS[@]}" >&2

# ---- sections -------------------------------------------------------------

# Triage: classification, escalation, batches and repeats on a day of contacts
# (R-DEF, R-REQ, R-CUS, R-CLS, R-LEAP, R-BAT, R-REP, R-XRG, R-ESC).
demo_triage() {
    section "Triage"
    # stderr joins stdout so that bad lines are reported in place (the
    # program flushes its output before each report).
    # A policy file the library refuses stops the demo here (exit 2): the
    # message names the line.
    "$build/examples/tousu-triage" "$@" examples/data/day.csv 2>&1
}

# SLA plans: a fault ticket and three complaints taken in before China's
# National Day, shown at three instants on the built-in China business
# calendar (R-SLA-1..12, R-ESC-5). Takes no arguments.
demo_sla() {
    section "SLA plans"
    "$build/examples/tousu-sla" 2>&1
}

# Call quality: a good and a bad recorded call checked against the service
# norms, each with its transcript, checklist and weighted score (R-QA-1..6,
# forbidden phrases R-SCR-7 with their rewrites R-SCR-8). Takes no arguments.
demo_qa() {
    section "Call quality"
    "$build/examples/tousu-qa" examples/data/calls/good.call examples/data/calls/bad.call 2>&1
}

# Answer flow: the "no welcome SMS" flow (R-SCR-10) walked with the answers
# of examples/data/flows/no_welcome_sms.answers, then the "answer later"
# flow with answers on the command line (its script names the customer:
# {surname}{title}). Takes no arguments.
demo_flow() {
    section "Answer flow"
    "$build/examples/tousu-flow" --answers examples/data/flows/no_welcome_sms.answers 2>&1
    echo
    "$build/examples/tousu-flow" --flow answer_later --surname 王 --title 女士 \
        --agent-no 1024 --company 短信通 数据尚未更新 可以 客户告知称呼 2>&1
}

SECTIONS=(triage sla qa flow)

read -r -a run_sections <<<"${TOUSU_DEMO_SECTIONS:-${SECTIONS[*]}}"
for name in "${run_sections[@]}"; do
    if ! declare -F "demo_$name" >/dev/null; then
        echo "demo.sh: no section '$name' (sections: ${SECTIONS[*]})" >&2
        exit 2
    fi
    "demo_$name" "$@"
done
