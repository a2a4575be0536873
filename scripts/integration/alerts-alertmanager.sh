#!/usr/bin/env bash
# A real prometheus-alertmanager on loopback receives the daemon's alert, shows it in
# /api/v2/alerts, and resolves it when the rule's window has passed, after a restart in between.
# See scripts/testing/alerts_alertmanager.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
exec /usr/bin/python3 scripts/testing/alerts_alertmanager.py --binary "$BOUNCEWATCH_BIN"
