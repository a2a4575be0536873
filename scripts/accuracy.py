#!/usr/bin/env python3
"""Scores the classifier on the labelled sets: `make accuracy`.

Runs the built `bouncewatch classify` on every line of each set (`expected-cause<TAB>full log
line`; by default accuracy/labelled.tsv and the held-out accuracy/heldout.tsv) and prints, for
each set and then for all sets combined, per-cause precision, recall and support, the overall
accuracy, recall per receiving provider (from the relay host and the recipient domain) and per
language (`# language: xx` lines mark the lines of a language until the next marker; `-` ends
it), and the confusion pairs with example lines.

The sets must stay apart from what the rules were written from: the script fails when a line
equals a rule's sample (from `bouncewatch rules --format json`) or any line of
Tests/Fixtures/*.fixture, when a line is labelled twice (in one set or across sets), or when a
label is not a cause.

Usage: scripts/accuracy.py [--bin PATH] [--set FILE]... [--min PERCENT] [--examples N]
Exit status: 0, 1 when a set is invalid or the combined accuracy is below --min.
"""

import argparse
import collections
import glob
import json
import os
import subprocess
import sys

import accuracy_providers

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CAUSES = [
    "recipient_unknown", "mailbox_full", "mailbox_disabled", "domain_not_found", "network",
    "remote_error", "message_too_large", "spam", "content_rejected", "sender_authentication",
    "blacklisted", "reputation", "rate_limited", "greylisted", "reverse_dns", "tls",
    "relay_denied", "auth_failure", "policy", "protocol_error", "local_delivery", "expired",
    "unclassified",
]
NO_EVENT = "(no event)"


# Receiving providers, most specific first: (name, substrings of the relay host or recipient
# domain as the line writes them, lower-cased).
PROVIDERS = [
    ("Google Workspace", ["aspmx.l.google.com"]),
    ("Gmail", ["gmail-smtp-in.l.google.com", "@gmail.com", "smtp.gmail.com"]),
    ("Outlook.com", ["olc.protection.outlook.com", "@outlook.com", "@hotmail.", "@live.com"]),
    ("Exchange Online", ["mail.protection.outlook.com", "smtp.office365.com"]),
    ("AOL", ["@aol.com", "mx-aol."]),
    ("Yahoo", ["yahoodns.net", "@yahoo.", "yahoo.com"]),
    ("iCloud", ["mail.icloud.com", "@icloud.com", "@me.com", "@mac.com"]),
    ("Comcast", ["comcast.net"]),
    ("AT&T", ["prodigy.net", "@att.net"]),
    ("WEB.DE", ["web.de"]),
    ("GMX", ["gmx.net", "gmx.de", "@gmx."]),
    ("IONOS", ["ionos.", "kundenserver.de"]),
    ("T-Online", ["t-online.de", "@magenta.de"]),
    ("Orange", ["orange.fr", "wanadoo.fr"]),
    ("Free", ["free.fr"]),
    ("SFR", ["sfr.fr"]),
    ("mail.ru", ["mail.ru", "@bk.ru", "@inbox.ru", "@list.ru"]),
    ("Yandex", ["yandex.", "@ya.ru"]),
    ("Rambler", ["rambler.ru"]),
    ("Zoho", ["zoho.com", "zohomail"]),
    ("Proton", ["protonmail", "proton.me"]),
    ("Fastmail", ["messagingengine.com", "fastmail."]),
    ("Titan", ["titan.email"]),
    ("GoDaddy", ["secureserver.net"]),
    ("Tencent Exmail", ["mxbiz1.qq.com", "mxbiz2.qq.com", "exmail.qq.com"]),
    ("QQ Mail", ["qq.com", "foxmail.com"]),
    ("NetEase 126", ["126.com", "126mx"]),
    ("NetEase yeah.net", ["yeah.net", "yeahmx"]),
    ("NetEase 188", ["188.com", "188mx"]),
    ("NetEase 163", ["163.com", "163mx", "netease.com"]),
    ("Sina", ["sina.com", "sina.cn", "sinamail"]),
    ("Sohu", ["sohu.com"]),
    ("Aliyun", ["aliyun.com", "alibaba"]),
    ("Naver", ["naver.com"]),
    ("Daum", ["daum.net", "hanmail.net"]),
    ("docomo", ["docomo.ne.jp"]),
    ("au", ["ezweb.ne.jp", "@au.com"]),
    ("SoftBank", ["softbank.ne.jp", "softbank.jp"]),
    ("ukr.net", ["ukr.net"]),
    ("Libero", ["libero.it"]),
    ("UOL", ["uol.com.br"]),
    ("WP", ["wp.pl"]),
    ("Seznam", ["seznam.cz"]),
    ("Proofpoint", ["pphosted.com"]),
    ("Mimecast", ["mimecast.com"]),
    ("Barracuda", ["barracudanetworks.com"]),
    ("Cisco Secure Email", ["iphmx.com"]),
    ("Trend Micro", ["trendmicro."]),
    ("Symantec.cloud", ["messagelabs.com"]),
    ("Sophos", ["sophos.com"]),
    ("Hornetsecurity", ["hornetsecurity.com", "antispameurope.com"]),
    ("SpamExperts", ["spamexperts.com", "spamexperts.eu", "spamexperts.net", "antispamcloud.com"]),
    ("MailChannels", ["mailchannels.net"]),
]


def provider_of(line):
    """The receiving provider a line names, or "other"."""
    lowered = line.lower()
    for name, needles in PROVIDERS:
        if any(needle in lowered for needle in needles):
            return name
    return "other"


def load_set(path):
    """The labelled lines as (cause, line, source line number, language)."""
    cases = []
    language = "-"
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            text = raw.rstrip("\n")
            if text.startswith("# language:"):
                language = text.split(":", 1)[1].strip() or "-"
                continue
            if not text.strip() or text.startswith("#"):
                continue
            cause, tab, line = text.partition("\t")
            if not tab or not line:
                sys.exit(f"{path}:{number}: expected 'cause<TAB>log line'")
            cases.append((cause, line, number, language))
    return cases


def fixture_lines():
    lines = set()
    for path in glob.glob(os.path.join(ROOT, "Tests", "Fixtures", "*.fixture")):
        with open(path, encoding="utf-8") as handle:
            for raw in handle:
                text = raw.rstrip("\n")
                if text and not text.startswith("#") and not text.startswith("="):
                    lines.add(text)
    return lines


def rule_samples(binary):
    result = subprocess.run(
        [binary, "rules", "--format", "json"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"{binary} rules --format json failed: {result.stderr.strip()}")
    samples = {}
    for rule in json.loads(result.stdout)["rules"]:
        for sample in rule["samples"]:
            samples[sample] = rule["id"]
    return samples


def validate(cases, samples, fixtures, path, seen):
    """Problems in one set; `seen` maps each line already read (in any set) to where it was."""
    problems = []
    for cause, line, number, _ in cases:
        if cause not in CAUSES:
            problems.append(f"{path}:{number}: unknown cause {cause!r}")
        if line in samples:
            problems.append(f"{path}:{number}: is the sample of rule {samples[line]}")
        elif line in fixtures:
            problems.append(f"{path}:{number}: is a line of Tests/Fixtures")
        if line in seen:
            problems.append(f"{path}:{number}: repeats {seen[line]}")
        seen.setdefault(line, f"{os.path.basename(path)}:{number}")
    return problems


def classify(binary, cases):
    """The cause bouncewatch gives each case (NO_EVENT when the line is not an event)."""
    stdin = "".join(case[1] + "\n" for case in cases)
    result = subprocess.run(
        [binary, "classify"], input=stdin, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"{binary} classify failed ({result.returncode}): {result.stderr.strip()}")
    found = [NO_EVENT] * len(cases)
    for text in result.stdout.splitlines():
        event = json.loads(text)
        found[event["line"] - 1] = event["cause"] or "(sent)"
    return found


def recall_by(title, keys, cases, found):
    """Recall per group (provider or language): right, support, percentage."""
    support = collections.Counter(keys)
    right = collections.Counter(
        key for key, (cause, _, _, _), got in zip(keys, cases, found) if cause == got)
    print(f"\n{title:<24}{'recall':>10}{'support':>9}")
    for key in sorted(support, key=lambda item: (-support[item], item)):
        print(f"{key:<24}{right[key] / support[key]:>10.1%}{support[key]:>9}")


def report(cases, found, examples, title):
    support = collections.Counter(cause for cause, _, _, _ in cases)
    predicted = collections.Counter(found)
    correct = collections.Counter(
        cause for (cause, _, _, _), got in zip(cases, found) if cause == got)
    confusions = collections.defaultdict(list)
    for (cause, line, number, _), got in zip(cases, found):
        if cause != got:
            confusions[(cause, got)].append((number, line))

    print(f"== {title}")
    print(f"{'cause':<24}{'precision':>10}{'recall':>10}{'support':>9}")
    for cause in CAUSES:
        if not support[cause] and not predicted[cause]:
            continue
        precision = correct[cause] / predicted[cause] if predicted[cause] else 0.0
        recall = correct[cause] / support[cause] if support[cause] else 0.0
        print(f"{cause:<24}{precision:>10.1%}{recall:>10.1%}{support[cause]:>9}")
    total = len(cases)
    right = sum(correct.values())
    print(f"\noverall accuracy: {right / total:.1%} ({right} of {total} lines)")
    low = [
        cause for cause in CAUSES
        if support[cause] and correct[cause] / support[cause] < 0.95
    ]
    print("causes under 95% recall: " + (", ".join(low) if low else "none"))
    recall_by("provider", [provider_of(line) for _, line, _, _ in cases], cases, found)
    languages = [language for _, _, _, language in cases]
    if any(language != "-" for language in languages):
        recall_by("language", languages, cases, found)
    if confusions:
        print("\nconfusion pairs (expected -> got, count, example lines):")
        ordered = sorted(confusions.items(), key=lambda item: (-len(item[1]), item[0]))
        for (expected, got), lines in ordered:
            print(f"  {expected} -> {got}: {len(lines)}")
            for number, line in lines[:examples]:
                print(f"    {number}: {line}")
    print()
    return right / total


def accuracy_of(cases, found):
    return sum(1 for (cause, _, _, _), got in zip(cases, found) if cause == got) / len(cases)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.environ.get("BOUNCEWATCH_BIN", "bouncewatch"))
    parser.add_argument(
        "--set", action="append", dest="sets",
        help="a labelled set (repeatable); default accuracy/labelled.tsv and accuracy/heldout.tsv")
    parser.add_argument("--min", type=float, default=None, help="fail below this percentage")
    parser.add_argument("--examples", type=int, default=2, help="example lines per confusion")
    parser.add_argument(
        "--providers", default=os.path.join(ROOT, "accuracy", "providers.tsv"),
        help="the provider set ('' to skip); default accuracy/providers.tsv")
    parser.add_argument(
        "--providers-min", type=float, default=98.0, help="fail below this provider accuracy")
    options = parser.parse_args()

    paths = options.sets or [
        os.path.join(ROOT, "accuracy", name) for name in ("labelled.tsv", "heldout.tsv")]
    samples, fixtures, seen = rule_samples(options.bin), fixture_lines(), {}
    sets, problems = [], []
    for path in paths:
        cases = load_set(path)
        problems += validate(cases, samples, fixtures, path, seen)
        sets.append((path, cases))
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} problem(s) in the labelled sets", file=sys.stderr)
        return 1
    all_cases, all_found = [], []
    for path, cases in sets:
        found = classify(options.bin, cases)
        name = os.path.basename(path)
        # Confusion examples name their set and line: `heldout.tsv:42`.
        cases = [
            (cause, line, f"{name}:{number}", language)
            for cause, line, number, language in cases]
        report(cases, found, options.examples, f"{name} ({len(cases)} lines)")
        all_cases += cases
        all_found += found
    accuracy = accuracy_of(all_cases, all_found)
    if len(sets) > 1:
        accuracy = report(
            all_cases, all_found, options.examples, f"combined ({len(all_cases)} lines)")
    if options.min is not None and accuracy * 100 < options.min:
        print(f"accuracy {accuracy:.1%} is below the floor {options.min}%", file=sys.stderr)
        return 1
    # Provider detection, scored on its own set (scripts/accuracy_providers.py).
    if options.providers and not accuracy_providers.score(
            options.bin, options.providers, options.providers_min):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
