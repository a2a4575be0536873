#!/usr/bin/env bash
# `bouncewatch run` on a container's json-file log written byte for byte as Docker writes it
# (no Docker daemon needed): split lines, escapes, rotation while running and while stopped,
# SIGTERM and SIGKILL restarts; the deliveries must equal `scan` of the container's lines at
# every step. DOCKER_SEED replays a run. See scripts/testing/docker_json_file.py.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built bouncewatch binary}"
exec python3 scripts/testing/docker_json_file.py --binary "$BOUNCEWATCH_BIN"
