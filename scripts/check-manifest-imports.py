#!/usr/bin/env python3
"""Fails when Package.swift and the code disagree about what a target uses.

    scripts/check-manifest-imports.py

For every target of `swift package dump-package`, the modules its Swift files import are
compared with the dependencies it lists. Only modules that this manifest knows are compared:
its own targets and the products it names anywhere (toolchain modules such as Foundation,
Glibc or Testing are not dependencies). Two kinds of mismatch fail:

- a target imports a known module it does not list: it builds only because another target
  happened to build that module first (SwiftPM's --explicit-target-dependency-import-check
  catches this for the package's own targets, not for products such as ServiceLifecycle);
- a target lists a dependency it never imports: the manifest claims a coupling that is not
  there.

A product is taken to export the module of the same name, which holds for every package used
here.
"""

import json
import os
import re
import subprocess
import sys

IMPORT = re.compile(r"^\s*(?:@\w+\s+)*import\s+(?:(?:struct|class|enum|func|protocol)\s+)?(\w+)",
                    re.MULTILINE)


def dependency_name(entry):
    kind, value = next(iter(entry.items()))
    return value[0] if kind in ("byName", "target", "product") else None


def target_directory(target):
    if target.get("path"):
        return target["path"]
    return os.path.join("Tests" if target["type"] == "test" else "Sources", target["name"])


def imports_of(directory):
    found = set()
    for root, _, files in os.walk(directory):
        for name in files:
            if name.endswith(".swift"):
                with open(os.path.join(root, name), encoding="utf-8") as handle:
                    found.update(IMPORT.findall(handle.read()))
    return found


def main():
    os.chdir(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    manifest = json.loads(subprocess.run(
        ["swift", "package", "dump-package"], check=True, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL).stdout)
    targets = manifest["targets"]
    known = {target["name"] for target in targets}
    for target in targets:
        for entry in target["dependencies"]:
            if "product" in entry:
                known.add(entry["product"][0])
    problems = []
    for target in targets:
        if target["type"] in ("system", "binary", "plugin", "macro"):
            continue
        listed = {name for name in map(dependency_name, target["dependencies"]) if name}
        imported = imports_of(target_directory(target)) & known
        imported.discard(target["name"])
        for name in sorted(imported - listed):
            problems.append(f"{target['name']} imports {name} without listing it in Package.swift")
        for name in sorted(listed - imported):
            problems.append(f"{target['name']} lists {name} in Package.swift and never imports it")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
