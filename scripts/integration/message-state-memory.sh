#!/usr/bin/env bash
# The message state stays bounded: `bouncewatch scan` reads 5,000,000 messages never completed
# in under 64 MB of peak RSS, keeps the newest, and counts the ones it dropped.
# See scripts/testing/message_state_memory.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
exec python3 scripts/testing/message_state_memory.py --binary "$BOUNCEWATCH_BIN"
