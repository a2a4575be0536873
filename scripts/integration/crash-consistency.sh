#!/usr/bin/env bash
# Crash consistency of `bouncewatch run`: 200,000 Postfix lines appended in bursts while the
# log is rotated (rename while running, rename while stopped, copytruncate), the daemon killed
# with SIGKILL at 20 random moments and restarted; after SIGTERM (exit 0) the textfile's
# deliveries by status must equal the ground truth exactly. The sender-domain and SASL-user
# series are on, so the daemon keeps the message (queue-id) state in its checkpoint across the
# kills: summed over names and `other`, their deliveries by status must be exact too (each
# named series at most its truth). Then the real logrotate with compress + delaycompress
# rotates once and twice while the daemon is stopped, and twice while it is frozen by SIGSTOP:
# exact counts again. The seed is printed; CRASH_SEED replays a plan.
# See scripts/testing/crash_consistency.py, crash_senders.py and crash_logrotate.py.
# Needs: logrotate.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
exec python3 scripts/testing/crash_consistency.py --binary "$BOUNCEWATCH_BIN"
