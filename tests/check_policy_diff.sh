#!/usr/bin/env bash
# tests/check_policy_diff.sh TOUSU_TRIAGE POLICY DAYFILE - tousu-triage
# --policy lists a policy file's [words] records among its differences
# from the built-in policy (R-POL-2), as whole records.
set -euo pipefail
out=$("$1" --quiet --policy "$2" "$3" 2>/dev/null)
want='[words] + phrase | arrogant | - | 爱办不办 | 我们一起想想办法'
if ! grep -qF -- "$want" <<<"$out"; then
    printf 'missing: %s\nin:\n%s\n' "$want" "$out" >&2
    exit 1
fi
if ! grep -qF '1 value differs from the built-in policy' <<<"$out"; then
    printf 'expected exactly one difference in:\n%s\n' "$out" >&2
    exit 1
fi
echo "ok: the [words] record is listed"
