#!/usr/bin/env bash
# Block-list lookups against a real DNS server: dnsmasq on a free loopback port serves zones
# that answer listed (several codes, an IPv6 address), clean, 127.255.255.254, NXDOMAIN for
# the whole zone, REFUSED and nothing at all; `bouncewatch check-listing` must print exactly
# those verdicts. See scripts/testing/dnsbl_dnsmasq.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
exec /usr/bin/python3 scripts/testing/dnsbl_dnsmasq.py --binary "$BOUNCEWATCH_BIN"
