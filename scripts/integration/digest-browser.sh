#!/usr/bin/env bash
# The HTML part of the digest mail in headless Chromium at 1280 and 390 px: no console output,
# no network request, a screenshot that is not blank. See scripts/testing/digest_browser.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
exec /usr/bin/python3 scripts/testing/digest_browser.py --binary "$BOUNCEWATCH_BIN"
