#!/usr/bin/env bash
# Runs `swift build ARGS...`, shows its output, and fails when the compiler printed a warning or
# a target imports a module that Package.swift does not list among its dependencies.
#
# Zero warnings is a rule of the project. Only files that get compiled print their warnings, so a
# fresh clone (as CI has) checks everything; an incremental build checks what changed.
set -euo pipefail

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

# Package.swift must list what each target imports, products included, and nothing more.
"$(dirname "$0")/check-manifest-imports.py"

status=0
# A target that imports a module it does not list as a dependency builds only by luck (the
# module happened to be built first); the manifest must say what the code imports.
swift build --explicit-target-dependency-import-check error "$@" 2>&1 | tee "$log" || status=$?
if [ "$status" -ne 0 ]; then
    exit "$status"
fi
# The linker's notes about members of prebuilt archives (`libFoundationEssentials.a(x.o): warning:
# the use of mktemp ...` when the Swift runtime is linked statically) are about the toolchain,
# not about this project's code, so they do not count.
warnings="$(grep 'warning:' "$log" | grep -v -E '\.a\([^)]*\.o\)' | sort -u || true)"
if [ -n "$warnings" ]; then
    echo "error: the build printed warnings (the project builds with zero warnings):" >&2
    printf '%s\n' "$warnings" >&2
    exit 1
fi
