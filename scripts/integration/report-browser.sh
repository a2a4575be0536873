#!/usr/bin/env bash
# `bouncewatch scan --format html` in a real browser (headless Chromium): no request to any
# network, no console message, hostile log text shown as text, one chart series per cause,
# screenshots at 1280 and 390 px not blank. See scripts/testing/report_browser.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
exec /usr/bin/python3 scripts/testing/report_browser.py --binary "$BOUNCEWATCH_BIN"
