#!/usr/bin/env bash
# The packaged configuration (packaging/bouncewatch.yml) passes `bouncewatch check-config`
# unchanged and with its alert example uncommented, and check-config really judges it: the
# same file with a misspelt key fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() {
    echo "packaging-config: FAIL: $*" >&2
    exit 1
}
bin="${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built binary}"
[ -x "$bin" ] || fail "BOUNCEWATCH_BIN=$bin is not executable"

if ! "$bin" --help | sed -n '/^SUBCOMMANDS:/,$p' | grep -q '^  check-config '; then
    echo "packaging-config: NOTE: this build has no 'bouncewatch check-config'; the packaged" \
        "configuration was not validated"
    exit 0
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/bouncewatch-config.XXXXXX")"
trap 'rm -rf "$work"' EXIT

"$bin" check-config --config packaging/bouncewatch.yml >"$work/effective" 2>&1 ||
    fail "check-config rejects packaging/bouncewatch.yml:"$'\n'"$(cat "$work/effective")"
for expected in 127.0.0.1 postmaster@localhost /var/lib/prometheus/node-exporter/bouncewatch.prom \
    /var/lib/bouncewatch deferral-storm; do
    grep -q -- "$expected" "$work/effective" ||
        fail "the effective configuration lacks $expected:"$'\n'"$(cat "$work/effective")"
done

# The commented alert example in the file is valid too, once uncommented.
sed -e 's/^# default_alerts:/default_alerts:/' \
    -e '/^# alerts:/,/^#     group_by: \[destination\]/s/^# //' \
    packaging/bouncewatch.yml >"$work/example.yml"
grep -q '^alerts:' "$work/example.yml" || fail "the alert example was not found to uncomment"
"$bin" check-config --config "$work/example.yml" >"$work/example.out" 2>&1 ||
    fail "the commented alert example is invalid:"$'\n'"$(cat "$work/example.out")"
grep -q 'greylisting-everywhere' "$work/example.out" ||
    fail "the uncommented example's rule is missing from the effective configuration"

sed 's/^state_directory:/state_directroy:/' packaging/bouncewatch.yml >"$work/misspelt.yml"
if "$bin" check-config --config "$work/misspelt.yml" >"$work/misspelt.out" 2>&1; then
    fail "check-config accepted a misspelt key (state_directroy)"
fi
grep -q 'state_directroy' "$work/misspelt.out" ||
    fail "check-config's error does not name the misspelt key:"$'\n'"$(cat "$work/misspelt.out")"
echo "packaging-config: packaging/bouncewatch.yml and its alert example pass check-config;" \
    "a misspelt key fails"
