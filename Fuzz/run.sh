#!/usr/bin/env bash
# Runs the parser fuzz target for a bounded time, seeded with the fixtures and example logs.
#
#   Fuzz/run.sh BINARY WORKDIR SECONDS
#
# New interesting inputs accumulate in WORKDIR/corpus between runs; a crash is saved under
# WORKDIR/artifacts/ and makes this script fail.
set -euo pipefail
cd "$(dirname "$0")/.."

binary="$1" workdir="$2" seconds="$3"
seeds="$workdir/seeds"
rm -rf "$seeds"
mkdir -p "$seeds" "$workdir/corpus" "$workdir/artifacts"

# Four log lines per seed file: small inputs mutate well, and a few lines let the fuzzer mix
# line kinds. Fixture files lose their annotations (`=` expectations, `#` comments).
shopt -s nullglob
for file in Tests/Fixtures/*.fixture examples/*; do
    [ -f "$file" ] || continue
    name="$(basename "$file")"
    grep -v -e '^=' -e '^#' -e '^$' "$file" | split -l 4 -a 4 - "$seeds/$name." || true
done
echo "fuzz: $(find "$seeds" -type f | wc -l) seed inputs, $seconds s"

"$binary" -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$workdir/artifacts/" "$workdir/corpus" "$seeds"
