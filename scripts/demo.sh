#!/usr/bin/env bash
# `make demo`: the report over the bundled example logs, then a few failures explained.
#
# Needs no root and no network: it only reads examples/ with the binary in BOUNCEWATCH_BIN.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${BOUNCEWATCH_BIN:?set BOUNCEWATCH_BIN to the bouncewatch binary}"

heading() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

heading "bouncewatch scan examples/mail.log examples/exim-mainlog"
"$bin" scan examples/mail.log examples/exim-mainlog

# One line each of: Microsoft's block list, Gmail's unknown user, Yahoo's complaint throttling,
# and Exim's own wording for a dead host.
explain() {
    local file="$1" pattern="$2"
    local line
    line="$(grep -m1 -e "$pattern" "$file")" || {
        echo "demo: no line matching '$pattern' in $file" >&2
        exit 1
    }
    heading "bouncewatch classify --explain   # $pattern in $file"
    printf '%s\n' "$line" | "$bin" classify --explain
}
explain examples/mail.log "S3150"
explain examples/mail.log "NoSuchUser"
explain examples/mail.log "TSS04"
explain examples/exim-mainlog "defer (110): Connection timed out"
