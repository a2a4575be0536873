"""The queue checks of the end-to-end tests (scripts/testing/e2e_mta.py).

What the plan's model leaves in the MTA's queue (scripts/testing/e2e_plan.py: every `full-*`
recipient, and every recipient at the deferring destination busy.example, is deferred at each
attempt) must be what bouncewatch reads from the real queue, both
in the daemon's textfile (`bouncewatch_queue_*`, from the packaged `queue:` section) and in
`bouncewatch queue --format json`: the deferred message count, and the deferred recipients by
destination and cause.
"""

import json
import subprocess
from collections import Counter

import e2e_plan
import mta_sink
from crash_daemon import CheckFailed, parse_textfile


def expected_deferred(model):
    """{(destination, cause): recipients} of the messages the model still holds."""
    out = Counter()
    for recipient in model.queue:
        status, cause = e2e_plan.OUTCOMES[mta_sink.kind_of(recipient)]
        if status != "deferred":
            raise CheckFailed(f"the model holds {recipient}, which is not deferred ({status})")
        out[(recipient.split("@")[1], cause)] += 1
    return out


def textfile_queue(textfile, mta):
    """(up, deferred messages, {(destination, cause): recipients}) from the textfile; None
    before the first reading of the queue is in it."""
    try:
        with open(textfile, encoding="utf-8") as handle:
            samples = parse_textfile(handle.read())
    except FileNotFoundError:
        return None
    up = messages = None
    deferred = Counter()
    for name, series, value in samples:
        if name == "bouncewatch_queue_up" and series.get("mta") == mta:
            up = int(value)
        elif name == "bouncewatch_queue_messages" and series.get("queue") == "deferred":
            messages = int(value)
        elif name == "bouncewatch_queue_deferred_recipients":
            if series.get("provider") != "other":
                raise CheckFailed(f"a loopback destination with a provider: {series}")
            deferred[(series["destination"], series["cause"])] += int(value)
    if up is None:
        return None
    return up, messages, deferred


def textfile_matches(textfile, mta, model):
    seen = textfile_queue(textfile, mta)
    return seen is not None and seen == (1, len(model.queue), expected_deferred(model))


def check_command(binary, mta, model):
    """`bouncewatch queue --format json` on the MTA's queue equals the plan; returns its text
    table for the test's output."""
    def run(*arguments):
        done = subprocess.run([binary, "queue", "--directory", mta.queue_directory, *arguments],
                              capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            raise CheckFailed(f"bouncewatch queue failed (status {done.returncode}):"
                              f" {done.stderr.decode(errors='replace')}")
        return done.stdout.decode()

    report = json.loads(run("--format", "json"))
    if report["mta"] != mta.name:
        raise CheckFailed(f"bouncewatch queue read a {report['mta']} queue, not {mta.name}")
    problems = []
    deferred = report["queues"]["deferred"]["messages"]
    if deferred != len(model.queue):
        problems.append(f"deferred messages: {deferred}, the plan {len(model.queue)}")
    expected = expected_deferred(model)
    rows = Counter({(row["destination"], row["cause"]): row["recipients"]
                    for row in report["deferred"]})
    if rows != expected:
        problems.append(f"deferred by destination and cause: {dict(rows)}, the plan"
                        f" {dict(expected)}")
    by_cause = Counter()
    for (_, cause), count in expected.items():
        by_cause[cause] += count
    if Counter(report["deferred_by_cause"]) != by_cause:
        problems.append(f"deferred_by_cause: {report['deferred_by_cause']}, the plan"
                        f" {dict(by_cause)}")
    if report["skipped_records"] != 0:
        problems.append(f"skipped records: {report['problems']}")
    if problems:
        raise CheckFailed("bouncewatch queue differs from the plan:\n  " + "\n  ".join(problems))
    return run()
