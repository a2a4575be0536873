#!/usr/bin/env bash
# The daemon's CPU for reading one log from its start: `bouncewatch run` on a copy of LOG with
# `start_at: beginning` and the default alert rules (or the `alerts:` line given), stopped once
# its textfile counts every line; prints utime + stime from /proc. With CALLGRIND_OUT set, runs
# under callgrind and writes the profile there (instruction counts; see docs/benchmarks.md).
# FORMAT sets the source's format (postfix by default; exim for an Exim mainlog).
# With IDLE_SECONDS set, the daemon is left idle that long after the last line before it is
# stopped (idle textfile writes; INTERVAL sets metrics.interval, 1s by default).
#
#   bench/daemon-cpu.sh BIN LOG [ALERTS_LINE]      e.g. ALERTS_LINE='alerts: []'
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 BIN LOG [ALERTS_LINE]" >&2; exit 2; }
BIN=$1
LOG=$2
ALERTS=${3:-}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/state"
cp "$LOG" "$WORK/mail.log"
LINES=$(wc -l <"$WORK/mail.log")
{
    echo "sources:"
    echo "  - type: file"
    echo "    path: $WORK/mail.log"
    echo "    format: ${FORMAT:-postfix}"
    echo "    start_at: beginning"
    echo "state_directory: $WORK/state"
    echo "metrics:"
    echo "  textfile: $WORK/bouncewatch.prom"
    echo "  interval: ${INTERVAL:-1s}"
    if [ -n "$ALERTS" ]; then echo "$ALERTS"; fi
    echo "notifiers: []"
} >"$WORK/bouncewatch.yml"
if [ -n "${CALLGRIND_OUT:-}" ]; then
    valgrind --tool=callgrind --callgrind-out-file="$CALLGRIND_OUT" \
        "$BIN" run --config "$WORK/bouncewatch.yml" 2>"$WORK/daemon.log" &
else
    "$BIN" run --config "$WORK/bouncewatch.yml" 2>"$WORK/daemon.log" &
fi
PID=$!
counted() {
    awk '/^bouncewatch_lines_total/ { sum += $2 } END { print sum + 0 }' "$WORK/bouncewatch.prom"
}
until [ -f "$WORK/bouncewatch.prom" ] && [ "$(counted)" = "$LINES" ]; do
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/daemon.log" >&2; exit 1; }
    sleep 0.05
done
read -r -a STAT <"/proc/$PID/stat"
TICKS=$(getconf CLK_TCK)
echo "$LINES lines: $(((STAT[13] + STAT[14]) * 1000 / TICKS)) ms CPU (utime + stime)"
# Nanoseconds on a CPU of the daemon's live threads, finer than the clock ticks of /proc/PID/stat.
threads_ns() {
    cat /proc/"$PID"/task/*/schedstat 2>/dev/null | awk '{ sum += $1 } END { printf "%.0f", sum }'
}
if [ -n "${IDLE_SECONDS:-}" ]; then
    BEFORE_NS=$(threads_ns)
    sleep "$IDLE_SECONDS"
    read -r -a IDLE <"/proc/$PID/stat"
    IDLE_NS=$(($(threads_ns) - BEFORE_NS))
    echo "idle ${IDLE_SECONDS} s: $(((IDLE[13] + IDLE[14] - STAT[13] - STAT[14]) * 1000 / TICKS)) ms" \
        "CPU (utime + stime), $((IDLE_NS / 1000)) us by schedstat:" \
        "$(awk -v ns="$IDLE_NS" -v s="$IDLE_SECONDS" 'BEGIN { printf "%.4f", ns / 1e7 / s }')% of a core"
fi
kill -TERM "$PID"
wait "$PID" || true
