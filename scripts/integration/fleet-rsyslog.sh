#!/usr/bin/env bash
# A central log host: a real rsyslog on a loopback TCP port receives two MTAs' syslog (real
# Postfix and Exim lines from ../shared/corpus, each sender under its own host name) and
# writes the file bouncewatch follows; counts per host are exact and an alert for a listing on
# one host names that host only. About 10 s. See scripts/testing/fleet_rsyslog.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
exec /usr/bin/python3 scripts/testing/fleet_rsyslog.py --binary "$BOUNCEWATCH_BIN"
