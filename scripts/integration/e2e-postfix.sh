#!/usr/bin/env bash
# End to end with a real Postfix (Debian's package, a private instance writing maillog_file):
# the packaged configuration with only paths and a port changed, the built daemon following
# the MTA's log, failures chosen by a loopback sink; counts, alert mail, a SIGTERM and restart
# in the middle, promtool and node_exporter on the textfile. See scripts/testing/e2e_mta.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
# Debian's python3, which has python3-aiosmtpd (another python3 may come first on PATH).
[ -x /usr/bin/python3 ] || { echo "e2e-postfix: FAIL: /usr/bin/python3 is missing" >&2; exit 1; }
export PYTHONDONTWRITEBYTECODE=1
exec /usr/bin/python3 scripts/testing/e2e_mta.py --mta postfix --binary "$BOUNCEWATCH_BIN"
