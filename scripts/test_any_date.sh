#!/usr/bin/env bash
# The test suite with the machine's clock set to awkward moments in 2026-2028 (faketime, a
# Debian package: `apt-get install faketime`). Tests choose their own instant (the `clock`
# fixture), so none of them may notice. Arguments go to pytest; with POSTGRES=1 the suite runs
# on a throwaway PostgreSQL, which then runs under the same clock. Not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v faketime >/dev/null || {
    echo "faketime is not installed: apt-get install faketime" >&2
    exit 1
}

# Helsinki time, with its offset, as `date -d` reads it.
CLOCKS=(
    "2026-12-08 00:05 +0200"  # a Tuesday just after midnight: the UTC date is still Monday
    "2026-12-31 23:50 +0200"  # New Year's Eve
    "2027-03-28 02:30 +0200"  # the night the clocks go forward (03:00 -> 04:00)
    "2027-10-31 03:30 +0200"  # the night the clocks go back, the second 03:30
    "2028-10-29 03:30 +0300"  # the same night in 2028, the first 03:30
    "2028-02-25 21:00 +0200"  # a Friday evening
)

if [[ "${POSTGRES:-}" == 1 ]]; then
    suite=(scripts/test_postgres.sh)
else
    suite=(env -u DATABASE_URL .venv/bin/pytest)
fi

failed=()
for clock in "${CLOCKS[@]}"; do
    echo "==> the machine's clock at $clock"
    # -m: the multi-threaded variant, for the live server's and the database's threads.
    if ! faketime -m "$clock" "${suite[@]}" "$@"; then
        failed+=("$clock")
    fi
done
if ((${#failed[@]})); then
    echo "failed with the machine's clock at: ${failed[*]}" >&2
    exit 1
fi
