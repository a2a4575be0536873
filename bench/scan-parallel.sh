#!/usr/bin/env bash
# `make bench`, part 2: `scan` on one core and on all of them (`--jobs`), on the plain
# 1M-line Postfix log, on two gzip copies of it, and on a 30-file rotated archive (one day a
# file, most of them gzip; bench/make-archive.py) read whole and with a one-day --since.
#
# Called by bench/run.sh with BENCH_DIR (holding postfix.log), BIN (the release binary) and
# BENCH_RUNS; BENCH_ARCHIVE_FILES (30) sets the archive's size. Not pinned to a core: the
# point is using every core. Wall times on a shared machine are indicative only.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BENCH_DIR:?}" "${BIN:?}"
BENCH_RUNS="${BENCH_RUNS:-5}"
ARCHIVE_FILES="${BENCH_ARCHIVE_FILES:-30}"
log="$BENCH_DIR/postfix.log"
[ -f "$log" ] || { echo "bench: $log missing (bench/run.sh generates it)" >&2; exit 1; }
cores="$(nproc)"

if [ ! -f "$BENCH_DIR/postfix.log.gz" ] || [ "$log" -nt "$BENCH_DIR/postfix.log.gz" ]; then
    gzip -c "$log" >"$BENCH_DIR/postfix.log.gz"
    cp "$BENCH_DIR/postfix.log.gz" "$BENCH_DIR/postfix-copy.log.gz"
fi
archive="$BENCH_DIR/archive-$ARCHIVE_FILES"
if [ ! -f "$archive/done" ] || [ "$log" -nt "$archive/done" ]; then
    echo "bench: writing the $ARCHIVE_FILES-file archive" >&2
    rm -rf "$archive"
    python3 bench/make-archive.py "$log" "$archive" --files "$ARCHIVE_FILES"
    touch "$archive/done"
fi
mapfile -t archive_files < <(ls -1 "$archive"/mail.log* | sort -V)
lines="$(wc -l <"$log")"

best_wall=0 peak_kb=0
# run ARGS...: best wall time of BENCH_RUNS runs of `bouncewatch scan --format json ARGS`.
run() {
    local wall rss run
    best_wall="" peak_kb=0
    for ((run = 1; run <= BENCH_RUNS; run++)); do
        TZ=UTC /usr/bin/time -f '%e %M' -o "$BENCH_DIR/time.out" "$BIN" scan --format json "$@" \
            >"$BENCH_DIR/parallel.json" 2>/dev/null
        read -r wall rss <"$BENCH_DIR/time.out"
        if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
            best_wall="$wall"
        fi
        if [ "$rss" -gt "$peak_kb" ]; then peak_kb="$rss"; fi
    done
}
rows=()
# row NAME LINES: the last run as a table row.
row() {
    rows+=("$(awk -v name="$1" -v n="$2" -v s="$best_wall" -v k="$peak_kb" \
        'BEGIN { printf "%-34s %8.2f %14.0f %9.1f", name, s, (s > 0 ? n / s : 0), k / 1024 }')")
}

for jobs in 1 "$cores"; do
    echo "bench: parallel: plain, $jobs job(s)" >&2
    run --jobs "$jobs" "$log"
    row "plain 1 file, --jobs $jobs" "$lines"
    echo "bench: parallel: gzip, $jobs job(s)" >&2
    run --jobs "$jobs" "$BENCH_DIR/postfix.log.gz" "$BENCH_DIR/postfix-copy.log.gz"
    row "gzip 2 files, --jobs $jobs" "$((lines * 2))"
done
grep_wall=""
# Into a file, not /dev/null: GNU grep stops at the first match when its output is /dev/null.
for ((i = 1; i <= BENCH_RUNS; i++)); do
    /usr/bin/time -f '%e' -o "$BENCH_DIR/time.out" grep -cE 'status=(deferred|bounced)' "$log" >"$BENCH_DIR/grep.out" || true
    wall="$(cat "$BENCH_DIR/time.out")"
    if [ -z "$grep_wall" ] || awk -v a="$wall" -v b="$grep_wall" 'BEGIN { exit !(a < b) }'; then grep_wall="$wall"; fi
done
echo "bench: parallel: archive" >&2
run --jobs "$cores" "${archive_files[@]}"
row "archive $ARCHIVE_FILES files, all" "$((lines * ARCHIVE_FILES))"
all_wall="$best_wall"
# The archive's middle day: mail.log is the generator's first day (Nov 26), .N is N days before.
day="$(TZ=UTC date -d "2026-11-26 - $((ARCHIVE_FILES / 2)) days" +%F)"
next="$(TZ=UTC date -d "$day + 1 day" +%F)"
run --jobs "$cores" --since "$day" --until "$next" "${archive_files[@]}"
row "archive, --since $day (1 day)" "$lines"
day_wall="$best_wall"

echo
echo "scan on every core ($cores), best of $BENCH_RUNS, not pinned; grep -cE on the plain log: ${grep_wall} s"
printf '%-34s %8s %14s %9s\n' run "wall s" "lines/s" "RSS MB"
printf '%s\n' "${rows[@]}"
awk -v d="$day_wall" -v a="$all_wall" \
    'BEGIN { printf "one day of the archive: %.1f%% of the time of all of it\n", (a > 0 ? 100 * d / a : 0) }'
