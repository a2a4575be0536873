"""The sender checks of the crash-consistency test (scripts/testing/crash_consistency.py).

The ground truth is counted from the Postfix lines alone, as the MTA wrote them: per message
(queue id, apart by syslog host and Postfix instance), the sender domain of its qmgr
`from=<...>, size=` line (lower-cased; `<>` for the null sender; none for an address without
a domain) and the login of its smtpd `client=..., sasl_username=` line, until its qmgr
`removed`. Each delivery (a `status=` line, as crash_daemon.count_statuses counts them) is
counted under its message's sender domain and SASL user, or as a delivery without sender when
the lines said neither (a message whose first lines were before the log began).

Counts are {(label, name, status): deliveries}, label `sender_domain` or `sasl_username`, the
shape e2e_senders.py reads from `bouncewatch scan` and from the textfile, so its readers
serve here too. `check_against_scan` holds the truth to `bouncewatch scan --senders` before
the daemon runs; `check_textfile` holds the daemon's textfile to it at the end, with the rule
of the rebalance (see `textfile_difference`).
"""

import re
from collections import Counter

import e2e_senders
from crash_daemon import CheckFailed

SENDER_DOMAIN = e2e_senders.SENDER_DOMAIN
SASL_USERNAME = e2e_senders.SASL_USERNAME
STATUSES = e2e_senders.STATUSES
# The series the daemon gives the names past its top, and those seen between two writes.
OTHER = "other"
NULL_SENDER = "<>"

# `Mmm dd hh:mm:ss HOST PROGRAM[PID]: QUEUEID: TEXT`; the instance is PROGRAM up to its `/`.
_QUEUE_LINE = re.compile(
    rb"^\S+ +\d+ \S+ (\S+) ([^\s/\[:]+)[^\s\[:]*(?:\[\d+\])?: ([0-9A-Za-z]+): ")
_SENDER = re.compile(rb"from=<([^>]*)>, size=")
_LOGIN = re.compile(rb"client=[^,\n]*, sasl_method=[^,\n]*, sasl_username=([^\n]*?)\s*(?:, |$)")
_STATUS = re.compile(rb"\bstatus=(sent|deferred|bounced|expired)\b")


class SenderTruth:
    """Deliveries by sender domain and SASL user (`counts`), and those whose message's lines
    said neither (`without_sender`), of the lines given to `add` in order."""

    def __init__(self):
        self.counts = Counter()
        self.without_sender = 0
        self._messages = {}

    def add(self, line):
        match = _QUEUE_LINE.match(line)
        if match is None or match.group(3) == b"NOQUEUE":
            return
        key = match.groups()
        text = line[match.end():]
        if text.startswith(b"removed"):
            self._messages.pop(key, None)
            return
        status = _STATUS.search(text)
        if status is not None:
            self._count(key, status.group(1).decode())
            return
        sender = _SENDER.match(text)
        if sender is not None:
            self._messages.setdefault(key, {})[SENDER_DOMAIN] = _domain(sender.group(1))
            return
        login = _LOGIN.match(text)
        if login is not None and login.group(1):
            self._messages.setdefault(key, {})[SASL_USERNAME] = login.group(1).decode()

    def _count(self, key, status):
        message = self._messages.get(key, {})
        known = [(label, name) for label, name in message.items() if name is not None]
        if not known:
            self.without_sender += 1
        for label, name in known:
            self.counts[(label, name, status)] += 1


def _domain(address):
    """The sender domain of an envelope sender, as the message state names it."""
    if not address:
        return NULL_SENDER
    _, at, domain = address.rpartition(b"@")
    return domain.decode().lower() if at and domain else None


def ground_truth(lines):
    """The SenderTruth of `lines` (bytes, one log line each, in the order written)."""
    truth = SenderTruth()
    for line in lines:
        truth.add(line)
    return truth


def check_against_scan(binary, log_path, truth):
    """Fails unless `bouncewatch scan --senders` on the whole log counts, per sender domain
    and SASL user, exactly the truth's deliveries by status, nothing under `other`, and as
    many deliveries without a sender: the regex truth and the scanner must agree before the
    daemon is held to either."""
    report = e2e_senders.scan(binary, log_path)
    scanned, _ = e2e_senders.from_scan(report, without_sender=truth.without_sender)
    problems = e2e_senders.difference(scanned, truth.counts)
    if problems:
        raise CheckFailed("the sender ground truth is unsure: the log's lines and"
                          " `bouncewatch scan --senders` differ (the plan is the lines):\n"
                          + "\n".join(problems))


def textfile_difference(seen, truth):
    """Lines naming each way the textfile's sender counts `seen` break the truth's; empty
    when they keep it.

    The daemon gives a name a series of its own only when it writes the textfile (at a
    rebalance); a new name's deliveries before that count under `other` and stay there, as
    counters only grow. So summed over every name and `other`, each (label, status) must be
    exact, and each named series at most the truth."""
    problems = []
    totals_seen, totals_truth = Counter(), Counter()
    for (label, _, status), value in seen.items():
        totals_seen[(label, status)] += value
    for (label, _, status), value in truth.items():
        totals_truth[(label, status)] += value
    for key in sorted(set(totals_seen) | set(totals_truth)):
        if totals_seen[key] != totals_truth[key]:
            problems.append(f"  {key[0]} status={key[1]} over all names and {OTHER}: textfile"
                            f" {totals_seen[key]}, ground truth {totals_truth[key]}")
    for key in sorted(seen):
        if key[1] != OTHER and seen[key] > truth.get(key, 0):
            problems.append(f"  {key}: textfile {seen[key]}, ground truth at most"
                            f" {truth.get(key, 0)}")
    return problems


def check_textfile(samples, truth, when):
    """The daemon's textfile keeps the sender truth (`textfile_difference`); returns the totals
    by label for the test's output. Fails when it has no sender series at all."""
    seen = e2e_senders.from_textfile(samples)
    if seen is None:
        raise CheckFailed(f"{when}: the textfile has no sender series"
                          f" ({', '.join(sorted(e2e_senders.SERIES))})")
    problems = textfile_difference(seen, truth.counts)
    if problems:
        raise CheckFailed(f"{when}: the textfile's sender series differ from the ground truth:\n"
                          + "\n".join(problems))
    return seen


def describe(counts):
    """`sender_domain sent=N deferred=N ... (K names); sasl_username ...`: totals by label."""
    parts = []
    for label in (SENDER_DOMAIN, SASL_USERNAME):
        names = {name for key_label, name, _ in counts if key_label == label and name != OTHER}
        totals = " ".join(
            f"{status}={sum(v for k, v in counts.items() if k[0] == label and k[2] == status)}"
            for status in STATUSES)
        parts.append(f"{label} {totals} ({len(names)} names)")
    return "; ".join(parts)


def other_total(counts):
    """The deliveries counted under `other`, over both labels and every status."""
    return sum(value for (_, name, _), value in counts.items() if name == OTHER)
