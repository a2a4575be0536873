#!/usr/bin/env bash
# Fails unless `swift format lint` is silent on every Swift file of the project.
set -euo pipefail
cd "$(dirname "$0")/.."

paths=(Sources Tests Package.swift)
[ -d Fuzz ] && paths+=(Fuzz)

output="$(swift format lint -r "${paths[@]}" 2>&1)" || true
if [ -n "$output" ]; then
    printf '%s\n' "$output" >&2
    echo "error: swift format lint is not silent; run: swift format -i -r ${paths[*]}" >&2
    exit 1
fi
echo "swift format lint: clean"
