#!/usr/bin/env bash
# Crash consistency of `bouncewatch run`: 200,000 Postfix lines appended in bursts while the
# log is rotated (rename while running, rename while stopped, copytruncate), the daemon killed
# with SIGKILL at 20 random moments and restarted; after SIGTERM (exit 0) the textfile's
# deliveries by status must equal the ground truth exactly. Then the real logrotate with
# compress + delaycompress rotates once and twice while the daemon is stopped, and twice while
# it is frozen by SIGSTOP: exact counts again. The seed is printed; CRASH_SEED replays a plan.
# See scripts/testing/crash_consistency.py and crash_logrotate.py. Needs: logrotate.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
exec python3 scripts/testing/crash_consistency.py --binary "$BOUNCEWATCH_BIN"
