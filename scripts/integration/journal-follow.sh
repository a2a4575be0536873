#!/usr/bin/env bash
# `bouncewatch run` on journal files built at test time with systemd-journal-remote: read from
# the start, followed while entries are appended, restarted (SIGTERM and SIGKILL) at its
# cursor; the deliveries by status must be exact at every step. JOURNAL_SEED replays a run.
# See scripts/testing/journal_follow.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
exec python3 scripts/testing/journal_follow.py --binary "$BOUNCEWATCH_BIN"
