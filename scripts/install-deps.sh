#!/usr/bin/env bash
# Installs what bouncewatch needs on a Debian 12 machine, and nothing that is already there.
#
#   scripts/install-deps.sh [build] [demo] [test] [bench] [all]    (default: build test)
#
# build  C libraries the Swift package links (libsystemd, zlib, libcurl, libyaml, c-ares), pkg-config, and
#        python3 for the manifest check (scripts/check-manifest-imports.py)
# demo   python3, which decodes the alert mail that `make demo` shows
# test   promtool (Debian's `prometheus` package), systemd-journal-remote and python3 for the
#        journal tests, plus whatever the integration scripts list in
#        scripts/integration/packages.txt (one Debian package per line, `#` comments allowed)
# bench  pflogsumm and GNU time; eximstats is extracted from Debian's exim4-base .deb with
#        `dpkg -x` into a scratch directory and never installed, because installing exim4 would
#        take the MTA role away from postfix on a mail host
#
# Safe to run again and again: `dpkg -s` decides, and `apt-get update` runs at most once, only
# when something is missing. Runs unattended (CI has no stdin). Needs root (or sudo) only when
# something has to be installed.
set -euo pipefail

cd "$(dirname "$0")/.."

BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/bouncewatch-bench}"
EXIMSTATS_DIR="${EXIMSTATS_DIR:-$BENCH_DIR/exim4-base}"

build_packages=(libsystemd-dev zlib1g-dev libcurl4-openssl-dev libyaml-dev libc-ares-dev pkg-config dpkg-dev python3)
demo_packages=(python3)
test_packages=(prometheus systemd-journal-remote python3)
bench_packages=(pflogsumm time python3 util-linux)

log() { printf 'install-deps: %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -n "$@" || {
            log "need root to run: $*"
            exit 1
        }
    else
        log "need root to run: $* (run this script as root, or install the packages by hand)"
        exit 1
    fi
}

apt_updated=0
apt_update_once() {
    if [ "$apt_updated" -eq 0 ]; then
        log "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -qq update
        apt_updated=1
    fi
}

is_installed() {
    dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'
}

ensure_packages() {
    local missing=()
    local package
    for package in "$@"; do
        is_installed "$package" || missing+=("$package")
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    apt_update_once
    log "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        install -y -qq --no-install-recommends "${missing[@]}" </dev/null
}

integration_packages() {
    local list=scripts/integration/packages.txt
    [ -f "$list" ] || return 0
    sed -e 's/#.*//' -e 's/[[:space:]]//g' "$list" | grep -v '^$' || true
}

ensure_eximstats() {
    local tool="$EXIMSTATS_DIR/usr/sbin/eximstats"
    if [ -x "$tool" ]; then
        return 0
    fi
    apt_update_once
    local download
    download="$(mktemp -d)"
    # `_apt` must be able to write where apt-get download saves the file.
    chmod 0777 "$download"
    log "fetching exim4-base to extract eximstats into $EXIMSTATS_DIR"
    (cd "$download" && apt-get -qq download exim4-base </dev/null)
    mkdir -p "$EXIMSTATS_DIR"
    dpkg -x "$download"/exim4-base_*.deb "$EXIMSTATS_DIR"
    rm -rf "$download"
    [ -x "$tool" ] || {
        log "exim4-base did not contain usr/sbin/eximstats"
        exit 1
    }
}

groups=("$@")
if [ "${#groups[@]}" -eq 0 ]; then
    groups=(build test)
fi

want_build=0 want_demo=0 want_test=0 want_bench=0
for group in "${groups[@]}"; do
    case "$group" in
    build) want_build=1 ;;
    demo) want_demo=1 ;;
    test) want_test=1 ;;
    bench) want_bench=1 ;;
    all) want_build=1 want_demo=1 want_test=1 want_bench=1 ;;
    *)
        log "unknown group '$group' (use build, demo, test, bench or all)"
        exit 2
        ;;
    esac
done

packages=()
[ "$want_build" -eq 1 ] && packages+=("${build_packages[@]}")
[ "$want_demo" -eq 1 ] && packages+=("${demo_packages[@]}")
if [ "$want_test" -eq 1 ]; then
    packages+=("${test_packages[@]}")
    mapfile -t extra < <(integration_packages)
    packages+=("${extra[@]}")
fi
[ "$want_bench" -eq 1 ] && packages+=("${bench_packages[@]}")

if [ "${#packages[@]}" -gt 0 ]; then
    ensure_packages "${packages[@]}"
fi
if [ "$want_test" -eq 1 ] && ! command -v promtool >/dev/null 2>&1; then
    log "promtool is still missing after installing prometheus"
    exit 1
fi
if [ "$want_bench" -eq 1 ]; then
    ensure_eximstats
fi
if ! command -v swift >/dev/null 2>&1; then
    log "swift is not on PATH: install a Swift 6 toolchain and add its usr/bin to PATH"
    exit 1
fi
