#!/usr/bin/env bash
# Block-list lookups answered SERVFAIL by a real resolver: unbound on a free loopback port
# serves a zone that fails DNSSEC validation beside a working one; `check-listing` and the
# daemon's textfile must count SERVFAIL as an error, never a listing. dnsbl-dnsmasq.sh covers
# the other answers. See scripts/testing/dnsbl_unbound.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
exec /usr/bin/python3 scripts/testing/dnsbl_unbound.py --binary "$BOUNCEWATCH_BIN"
