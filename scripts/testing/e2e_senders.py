"""The sender checks of the end-to-end tests (scripts/testing/e2e_mta.py).

The plan's model (scripts/testing/e2e_plan.py) knows every delivery's sender domain and SASL
user. Whatever bouncewatch shows of them is read into one mapping,

    {(label, name, status): deliveries}    label "sender_domain" or "sasl_username",

so that one comparison (`difference`) serves every place they appear:

- `from_scan`: the `senders` section of `bouncewatch scan --format json` (`domains[]` and
  `sasl_users[]`);
- `from_textfile`: the daemon's `bouncewatch_sender_deliveries_total{sender_domain,status,cause}`
  and `bouncewatch_sasl_user_deliveries_total{sasl_username,status,cause}`, summed over causes.

The delay histogram counts each final outcome once: `delay_counts_from_textfile` reads
`bouncewatch_delivery_delay_seconds_count{status}` into {status: count}, to compare with
`expected_delay_counts(model)`. `check_textfile` does both on the daemon's textfile; it needs
the daemon's sender series and delay histogram (with the sender series enabled in the
configuration's `metrics:`), and fails without them. In the textfile, a name's deliveries
before it got a series of its own stay under `other` (`textfile_difference`).
"""

import json
import subprocess
from collections import Counter

from crash_daemon import CheckFailed

STATUSES = ("sent", "deferred", "bounced", "expired")
# The label of each kind of row, as JSON key and as Prometheus label.
SENDER_DOMAIN = "sender_domain"
SASL_USERNAME = "sasl_username"
# The daemon's series of each kind of row.
SERIES = {
    "bouncewatch_sender_deliveries_total": SENDER_DOMAIN,
    "bouncewatch_sasl_user_deliveries_total": SASL_USERNAME,
}
DELAY_COUNT = "bouncewatch_delivery_delay_seconds_count"


def expected(model):
    """The plan's {(label, name, status): deliveries}."""
    out = Counter()
    for label, table in ((SENDER_DOMAIN, model.by_sender_domain),
                         (SASL_USERNAME, model.by_sasl_user)):
        for (name, status, _), count in table.items():
            out[(label, name, status)] += count
    return out


def expected_causes(model):
    """The plan's {(label, name, cause): failures} (deferred, bounced and expired)."""
    out = Counter()
    for label, table in ((SENDER_DOMAIN, model.by_sender_domain),
                         (SASL_USERNAME, model.by_sasl_user)):
        for (name, status, cause), count in table.items():
            if status != "sent":
                out[(label, name, cause)] += count
    return out


def expected_delay_counts(model):
    """The plan's {status: final outcomes}: the delay histogram's `_count` per status."""
    return model.final_outcomes()


def from_scan(report, without_sender=0):
    """({(label, name, status): deliveries}, {(label, name, cause): count}) from a parsed
    `bouncewatch scan --format json` report. The causes are each row's `main_causes` (at most
    three per row). Fails when the report put anything under `other` or lost a sender: the
    plan's few names must each have a row of their own, and only `without_sender` deliveries
    may be of messages whose sender the log does not say."""
    senders = report.get("senders")
    if senders is None:
        raise CheckFailed("bouncewatch scan --format json has no `senders` section")
    problems = []
    for key in ("other_domains", "other_sasl_users"):
        if senders[key] is not None:
            problems.append(f"{key} is {senders[key]}, not null")
    if senders["deliveries_without_sender"] != without_sender:
        problems.append(f"deliveries_without_sender is {senders['deliveries_without_sender']},"
                        f" not {without_sender}")
    for key in ("evicted_messages", "names_overflowed"):
        if senders[key] != 0:
            problems.append(f"{key} is {senders[key]}, not 0")
    if problems:
        raise CheckFailed("bouncewatch scan's senders section: " + "; ".join(problems))
    counts, causes = Counter(), Counter()
    for section, label in (("domains", SENDER_DOMAIN), ("sasl_users", SASL_USERNAME)):
        for row in senders[section]:
            name = row[label]
            if any(key[:2] == (label, name) for key in counts):
                raise CheckFailed(f"bouncewatch scan: two {section} rows for {name!r}")
            for status in STATUSES:
                counts[(label, name, status)] += row[status]
            for entry in row["main_causes"]:
                causes[(label, name, entry["cause"])] += entry["count"]
    return counts, causes


def from_textfile(samples):
    """{(label, name, status): deliveries} from the daemon's textfile samples (as
    crash_daemon.parse_textfile gives them), summed over causes; None when the textfile has
    neither series."""
    out = Counter()
    found = False
    for metric, series, value in samples:
        label = SERIES.get(metric)
        if label is None:
            continue
        found = True
        # A failure names its cause; a `sent` may carry none.
        if set(series) - {"cause", "mta"} != {label, "status"} or (
                series.get("status") != "sent" and not series.get("cause")):
            raise CheckFailed(f"{metric} series {series} does not have the labels"
                              f" {label}, status and (unless sent) cause")
        # The `other` row is there, at zero, while every name has a series of its own.
        if int(value) != 0:
            out[(label, series[label], series["status"])] += int(value)
    return out if found else None


def delay_counts_from_textfile(samples):
    """{status: observations} of `bouncewatch_delivery_delay_seconds`; None when the textfile
    has no such series."""
    out = Counter()
    found = False
    for metric, series, value in samples:
        if metric == DELAY_COUNT:
            found = True
            out[series["status"]] += int(value)
    return out if found else None


def difference(seen, expected_counts):
    """Lines naming every count that differs from the plan; empty when they agree. Zero counts
    and absent keys are the same."""
    problems = []
    for key in sorted(set(seen) | set(expected_counts)):
        if seen.get(key, 0) != expected_counts.get(key, 0):
            problems.append(f"  {key}: bouncewatch {seen.get(key, 0)}, the plan"
                            f" {expected_counts.get(key, 0)}")
    return problems


def cause_difference(seen, expected_by_cause):
    """Lines naming each listed main cause whose count differs from the plan's, and each row
    that lists fewer causes than min(3, the plan's causes for it)."""
    problems = []
    for key, count in sorted(seen.items()):
        if expected_by_cause.get(key, 0) != count:
            problems.append(f"  main cause {key}: bouncewatch {count}, the plan"
                            f" {expected_by_cause.get(key, 0)}")
    planned, listed = Counter(), Counter()
    for key, count in expected_by_cause.items():
        if count:
            planned[key[:2]] += 1
    for key in seen:
        listed[key[:2]] += 1
    for row, causes in sorted(planned.items()):
        if listed[row] != min(3, causes):
            problems.append(f"  {row}: {listed[row]} main causes listed, the plan has {causes}")
    return problems


def scan(binary, log_path):
    """`bouncewatch scan --senders --format json LOG`, parsed."""
    done = subprocess.run([binary, "scan", "--senders", "--format", "json", log_path],
                          capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise CheckFailed(f"bouncewatch scan failed (status {done.returncode}):"
                          f" {done.stderr.decode(errors='replace')}")
    return json.loads(done.stdout)


def check_scan(binary, log_path, model, when):
    """The scan of the MTA's log has, per sender domain and per SASL user, exactly the plan's
    sent, deferred, bounced and expired deliveries, and main causes with the plan's counts;
    returns the plan's mapping for the test's output."""
    counts, causes = from_scan(scan(binary, log_path))
    plan = expected(model)
    problems = difference(counts, plan) + cause_difference(causes, expected_causes(model))
    if problems:
        raise CheckFailed(f"{when}: bouncewatch scan's senders differ from the plan:\n"
                          + "\n".join(problems))
    return plan


def textfile_difference(seen, expected_counts):
    """As `difference`, under the textfile's rule for names: a name gets a series of its own at
    a textfile write, and its deliveries before that count under `other` and stay there (the
    counters only grow; docs/metrics.md). So, per label and status, the sum over every name
    and `other` is exact, and a name's own count is at most the plan's."""
    problems = []
    totals_seen, totals_expected = Counter(), Counter()
    for (label, _, status), count in seen.items():
        totals_seen[(label, status)] += count
    for (label, _, status), count in expected_counts.items():
        totals_expected[(label, status)] += count
    for key in sorted(set(totals_seen) | set(totals_expected)):
        if totals_seen[key] != totals_expected[key]:
            problems.append(f"  {key} over all names: bouncewatch {totals_seen[key]}, the plan"
                            f" {totals_expected[key]}")
    for key, count in sorted(seen.items()):
        if key[1] != "other" and count > expected_counts.get(key, 0):
            problems.append(f"  {key}: bouncewatch {count}, the plan at most"
                            f" {expected_counts.get(key, 0)}")
    return problems


def check_textfile(samples, model, when):
    """The daemon's textfile has, per SASL user and per sender domain, the plan's deliveries
    by status (`textfile_difference`), and the delay histogram's `_count` per status equals
    the plan's final outcomes. Fails when a series is missing altogether (never skips);
    returns the deliveries counted under `other` and the delay counts, for the test's
    output."""
    counts = from_textfile(samples)
    delays = delay_counts_from_textfile(samples)
    missing = (sorted(SERIES) if counts is None else []) + (
        [DELAY_COUNT] if delays is None else [])
    if missing:
        raise CheckFailed(f"{when}: the textfile lacks {', '.join(missing)}")
    problems = textfile_difference(counts, expected(model))
    problems += [f"  delay {line.strip()}"
                 for line in difference(delays, expected_delay_counts(model))]
    if problems:
        raise CheckFailed(f"{when}: the textfile's senders and delays differ from the plan:\n"
                          + "\n".join(problems))
    other = sum(count for key, count in counts.items() if key[1] == "other")
    return other, delays


def textfile_matches(samples, model):
    """True once the textfile's senders and delays equal the plan (`check_textfile`)."""
    try:
        check_textfile(samples, model, "")
    except CheckFailed:
        return False
    return True


def summary(counts):
    """One line per name: `label name: sent N, deferred N, bounced N, expired N`."""
    rows = sorted({key[:2] for key in counts})
    return "\n".join(f"  {label} {name}: " + ", ".join(
        f"{status} {counts.get((label, name, status), 0)}" for status in STATUSES)
        for label, name in rows)
