"""Scores provider detection on accuracy/providers.tsv: the provider part of `make accuracy`.

Each line is `expected provider<TAB>expected basis<TAB>full log line` (`-` for none). The
built `bouncewatch classify --explain` gives `provider` and `provider_decided_by` per line; the
score is the share of lines whose provider is right, and the report lists per provider its
support and recall, the lines decided by another basis than expected, and every miss.
"""

import collections
import json
import subprocess
import sys

BASES = {"relay": "relay", "reply_signature": "signature", "recipient_domain": "domain"}


def load(path):
    cases = []
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            text = raw.rstrip("\n")
            if not text.strip() or text.startswith("#"):
                continue
            parts = text.split("\t", 2)
            if len(parts) != 3 or not parts[2]:
                sys.exit(f"{path}:{number}: expected 'provider<TAB>basis<TAB>log line'")
            cases.append((parts[0], parts[1], parts[2], number))
    return cases


def decide(binary, cases):
    stdin = "".join(line + "\n" for _, _, line, _ in cases)
    result = subprocess.run(
        [binary, "classify", "--explain"], input=stdin, capture_output=True, text=True,
        check=False)
    if result.returncode != 0:
        sys.exit(f"{binary} classify failed ({result.returncode}): {result.stderr.strip()}")
    found = [("(no event)", "-")] * len(cases)
    for text in result.stdout.splitlines():
        event = json.loads(text)
        basis = BASES.get(event.get("provider_decided_by") or "", "-")
        found[event["line"] - 1] = (event.get("provider") or "-", basis)
    return found


def score(binary, path, floor):
    """Prints the provider report; returns False when accuracy is below `floor` per cent."""
    cases = load(path)
    found = decide(binary, cases)
    support = collections.Counter(provider for provider, _, _, _ in cases)
    right = collections.Counter()
    misses, other_basis = [], []
    for (provider, basis, line, number), (got, got_basis) in zip(cases, found):
        if provider == got:
            right[provider] += 1
            if basis != got_basis:
                other_basis.append((number, basis, got_basis))
        else:
            misses.append((number, provider, got, line))
    total = len(cases)
    correct = sum(right.values())
    print(f"== providers ({total} lines, {len(support)} providers)")
    print(f"{'provider':<16}{'recall':>8}{'support':>9}")
    for provider in sorted(support):
        print(f"{provider:<16}{right[provider] / support[provider]:>8.1%}{support[provider]:>9}")
    bases = collections.Counter(basis for _, basis, _, _ in cases)
    print("lines by expected basis: " + ", ".join(f"{b} {n}" for b, n in sorted(bases.items())))
    print(f"\nprovider accuracy: {correct / total:.1%} ({correct} of {total} lines)")
    for number, basis, got_basis in other_basis:
        print(f"  line {number}: right provider, decided by {got_basis} (expected {basis})")
    for number, provider, got, line in misses:
        print(f"  line {number}: expected {provider}, got {got}: {line}")
    print()
    if correct * 100 < floor * total:
        print(f"provider accuracy {correct / total:.1%} is below {floor}%", file=sys.stderr)
        return False
    return True
