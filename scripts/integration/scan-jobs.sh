#!/usr/bin/env bash
# `bouncewatch scan --jobs`: the report is byte-identical for 1, 2 and 8 jobs on the example
# logs, the shared corpus, a generated Postfix log large enough to be read in pieces (plain)
# and a generated Exim log (gzip), in text, JSON, Prometheus and HTML. Then `--since/--until`
# over a generated 5-day rotated archive: files outside the day are named with --verbose and
# not read, and the day's counts are those of reading every file.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
GENERATOR=../shared/bench/gen-maillog.py
CORPUS=../shared/corpus
[ -f "$GENERATOR" ] || { echo "scan-jobs: $GENERATOR not found (../shared beside the clone)" >&2; exit 1; }
[ -d "$CORPUS" ] || { echo "scan-jobs: $CORPUS not found (../shared beside the clone)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 105,000 lines (about 17.5 MB): pieces of 8 MiB, so one file is read by several workers.
python3 "$GENERATOR" --format postfix --lines 105000 --seed 7 >"$work/gen.log"
python3 "$GENERATOR" --format exim --lines 30000 --seed 8 | gzip >"$work/gen-exim.log.gz"
mapfile -t corpus < <(find "$CORPUS" -type f \( -name '*.log' -o -name '*log' \) | LC_ALL=C sort)
inputs=(examples/mail.log examples/exim-mainlog "${corpus[@]}" "$work/gen.log" "$work/gen-exim.log.gz")

for format in text json prometheus html; do
    for jobs in 1 2 8; do
        "$BOUNCEWATCH_BIN" scan --format "$format" --jobs "$jobs" "${inputs[@]}" \
            >"$work/out.$jobs" 2>"$work/err.$jobs"
        # The HTML page says when it was written: the one line allowed to differ.
        grep -v '<p class="meta">Written ' "$work/out.$jobs" >"$work/$format.$jobs" || true
    done
    [ "$(wc -c <"$work/$format.1")" -gt 1000 ] || { echo "scan-jobs: $format report is empty" >&2; exit 1; }
    for jobs in 2 8; do
        if ! cmp -s "$work/$format.1" "$work/$format.$jobs"; then
            echo "scan-jobs: $format report differs between --jobs 1 and --jobs $jobs:" >&2
            diff "$work/$format.1" "$work/$format.$jobs" | head -20 >&2
            exit 1
        fi
        cmp -s "$work/err.1" "$work/err.$jobs" || { echo "scan-jobs: stderr differs for --jobs $jobs" >&2; exit 1; }
    done
    echo "scan-jobs: $format identical for --jobs 1, 2, 8"
done

# A rotated archive, one day a file, newest first: Nov 26 (mail.log) back to Nov 22.
python3 "$GENERATOR" --format postfix --lines 20000 --seed 9 >"$work/day.log"
python3 bench/make-archive.py "$work/day.log" "$work/archive" --files 5
period=(--since 2026-11-24 --until 2026-11-25)
TZ=UTC "$BOUNCEWATCH_BIN" scan --format json --verbose "${period[@]}" "$work"/archive/mail.log* \
    >"$work/skipping.json" 2>"$work/skipping.err"
for skipped in mail.log mail.log.1 mail.log.4.gz; do
    grep -q "archive/$skipped: not read, its lines lie outside the period" "$work/skipping.err" ||
        { echo "scan-jobs: --verbose did not name $skipped as skipped:" >&2; cat "$work/skipping.err" >&2; exit 1; }
done
if grep -q "mail.log.2.gz: not read" "$work/skipping.err"; then
    echo "scan-jobs: the period's own file was skipped" >&2
    exit 1
fi
# Every file read one by one, without skipping, counts the same day.
for file in "$work"/archive/mail.log*; do
    TZ=UTC "$BOUNCEWATCH_BIN" scan --format json "${period[@]}" "$file"
done >"$work/each.json"
python3 - "$work/skipping.json" "$work/each.json" <<'PY'
import json, sys
skipping = json.load(open(sys.argv[1]))
decoder, text, totals, at = json.JSONDecoder(), open(sys.argv[2]).read(), {}, 0
while at < len(text.strip()):
    report, at = decoder.raw_decode(text, at)
    while at < len(text) and text[at].isspace():
        at += 1
    for key, value in report["deliveries"].items():
        totals[key] = totals.get(key, 0) + value
assert skipping["deliveries"]["total"] > 0, skipping["deliveries"]
assert skipping["deliveries"] == totals, (skipping["deliveries"], totals)
print("scan-jobs: --since/--until skipped 3 of 5 files; the day counts", totals["total"], "deliveries")
PY
