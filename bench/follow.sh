#!/usr/bin/env bash
# The daemon's following figures: `bouncewatch run` against Debian's prometheus-postfix-exporter.
#
# (a) ingest throughput while following: BENCH_LINES Postfix lines appended as fast as possible
#     to one followed file, until bouncewatch's textfile and the exporter's /metrics show them
#     all (both follow the same file in the same run);
# (b) idle CPU of both over IDLE_SECONDS (60) with nothing appended (target for bouncewatch:
#     under 0.1% of a core);
# (c) bouncewatch's peak RSS reading a log with 1,000,000 distinct recipient domains (target:
#     under 64 MB).
# bench/follow.py does the measuring; figures are printed, never asserted.
#
# The logs are the ones bench/run.sh generates and caches in BENCH_DIR (gen-maillog.py --seed 1).
# The exporter is extracted from Debian's .deb with `dpkg -x` and never installed: installing
# it would pull in postfix and rsyslog and enable a service reading /var/log/mail.log.
#
# Environment: BENCH_DIR (default $TMPDIR/bouncewatch-bench), BENCH_LINES (1000000),
# IDLE_SECONDS (60), SCRATCH (SwiftPM build directory, default .build).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/bouncewatch-bench}"
BENCH_LINES="${BENCH_LINES:-1000000}"
IDLE_SECONDS="${IDLE_SECONDS:-60}"
SCRATCH="${SCRATCH:-.build}"
GENERATOR="${BOUNCEWATCH_SHARED:-../shared}/bench/gen-maillog.py"
EXPORTER_DIR="${POSTFIX_EXPORTER_DIR:-$BENCH_DIR/postfix-exporter}"
EXPORTER="$EXPORTER_DIR/usr/bin/prometheus-postfix-exporter"

die() {
    echo "bench-follow: $*" >&2
    exit 1
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@" || die "need root to run: $*"
    else
        die "need root to run: $*"
    fi
}

# Downloads the exporter's .deb (refreshing the package lists once if apt cannot find it) and
# unpacks it into EXPORTER_DIR; does nothing when it is already there.
ensure_exporter() {
    [ -x "$EXPORTER" ] && return 0
    local download
    download="$(mktemp -d)"
    # `_apt` must be able to write where apt-get download saves the file.
    chmod 0777 "$download"
    if ! (cd "$download" && apt-get -qq download prometheus-postfix-exporter </dev/null); then
        echo "bench-follow: apt-get update" >&2
        as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -qq update
        (cd "$download" && apt-get -qq download prometheus-postfix-exporter </dev/null)
    fi
    mkdir -p "$EXPORTER_DIR"
    dpkg -x "$download"/prometheus-postfix-exporter_*.deb "$EXPORTER_DIR"
    rm -rf "$download"
    [ -x "$EXPORTER" ] || die "the .deb had no usr/bin/prometheus-postfix-exporter"
}

# generate NAME ARGS...: the same cache as bench/run.sh (file plus its arguments beside it).
generate() {
    local name="$1"
    shift
    local file="$BENCH_DIR/$name"
    local args="$* --seed 1"
    if [ -f "$file" ] && [ "$(cat "$file.args" 2>/dev/null)" = "$args" ]; then
        return 0
    fi
    [ -f "$GENERATOR" ] || die "$GENERATOR not found (the shared bench generator)"
    echo "bench-follow: generating $name ($args)" >&2
    # shellcheck disable=SC2086 # the arguments are ours and word-split on purpose
    python3 "$GENERATOR" $args >"$file.tmp"
    mv "$file.tmp" "$file"
    printf '%s' "$args" >"$file.args"
}

scripts/install-deps.sh build bench
ensure_exporter
mkdir -p "$BENCH_DIR"
generate postfix.log --format postfix --lines "$BENCH_LINES"
generate postfix-many-domains.log --format postfix --lines "$BENCH_LINES" --domains 1000000

# The binary as `make deb` ships it: Swift runtime linked in, symbols bound at start.
RELEASE_FLAGS=(-c release --static-swift-stdlib -Xlinker -z -Xlinker now)
echo "bench-follow: building release" >&2
scripts/swift-build-checked.sh --scratch-path "$SCRATCH" "${RELEASE_FLAGS[@]}" --product bouncewatch >&2
BIN="$(swift build --scratch-path "$SCRATCH" "${RELEASE_FLAGS[@]}" --show-bin-path)/bouncewatch"
[ -x "$BIN" ] || die "no release binary at $BIN"

cpu_model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)"
echo "bench-follow: $(nproc) cores, $cpu_model; nothing pinned (writer, daemon and exporter" \
    "run side by side)" >&2
python3 bench/follow.py --binary "$BIN" --exporter "$EXPORTER" \
    --log "$BENCH_DIR/postfix.log" --many-domains "$BENCH_DIR/postfix-many-domains.log" \
    --work "$BENCH_DIR/follow" --idle-seconds "$IDLE_SECONDS"
