#!/usr/bin/env bash
# The SMTP relay hangs, or is down, when an alert fires: other notifiers and SIGTERM are not
# held up, the failure is counted, the alert kept in the outbox across a SIGTERM and delivered
# exactly once when the relay and the daemon are back, or retried after the 30 s backoff
# while the daemon runs (so this takes about a minute).
# See scripts/testing/alerts_relay_down.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
# Debian's python3: python3-aiosmtpd is installed for it.
exec /usr/bin/python3 scripts/testing/alerts_relay_down.py --binary "$BOUNCEWATCH_BIN"
