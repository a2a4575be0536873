#!/usr/bin/env bash
# The daemon's scheduled digest at a real SMTP server on loopback (aiosmtpd), a few seconds
# after the start: one daemon SIGKILLed and restarted inside the period, one stopped across
# its end; each mails exactly one digest, equal to `scan --since/--until`, and a further start
# sends nothing. See scripts/testing/digest_daemon.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
# Debian's python3: python3-aiosmtpd is installed for it.
exec /usr/bin/python3 scripts/testing/digest_daemon.py --binary "$BOUNCEWATCH_BIN"
