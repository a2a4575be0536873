#!/usr/bin/env bash
# `bouncewatch digest --format mail` over the example logs and hostile reply text, parsed by
# Python's email package: multipart/alternative with both parts, short CRLF header lines, the
# numbers of both parts equal to `scan --format json`, hostile text escaped in the HTML part.
# See scripts/testing/digest_mail.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
exec /usr/bin/python3 scripts/testing/digest_mail.py --binary "$BOUNCEWATCH_BIN"
