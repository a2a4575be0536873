#!/usr/bin/env bash
# Runs every scripts/integration/*.sh in name order; the first failure stops the run.
#
# Each script gets BOUNCEWATCH_BIN (the built binary) in its environment, runs from the
# repository root, and exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

shopt -s nullglob
scripts=(scripts/integration/*.sh)
if [ "${#scripts[@]}" -eq 0 ]; then
    echo "integration: no scripts/integration/*.sh yet"
    exit 0
fi
passed=0
for script in "${scripts[@]}"; do
    echo "== integration: $script"
    bash "$script"
    passed=$((passed + 1))
done
echo "integration: $passed passed, 0 failed"
