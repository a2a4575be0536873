#!/usr/bin/env bash
# Alert mail from `bouncewatch run` reading a real log file to a real SMTP server on loopback
# (aiosmtpd): plain, STARTTLS + AUTH and implicit TLS + AUTH with a certificate made by openssl
# at test time, plus a sendmail notifier pointed at a recording script; the received messages
# are parsed and checked byte by byte (hostile log text never reaches a header).
# See scripts/testing/alerts_smtp.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
# Debian's python3: python3-aiosmtpd is installed for it.
exec /usr/bin/python3 scripts/testing/alerts_smtp.py --binary "$BOUNCEWATCH_BIN"
