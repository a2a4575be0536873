#!/usr/bin/python3
"""End to end with a real MTA: bouncewatch's packaged configuration on a real Postfix or Exim.

    e2e_mta.py --mta postfix|exim --binary BOUNCEWATCH [--keep]

1. Starts the loopback sink (scripts/testing/mta_sink.py), which answers each recipient with
   the failure its local part names, and a private Postfix or Exim relaying to it
   (scripts/testing/e2e_instances.py).
2. Takes packaging/bouncewatch.yml and changes only paths and the port: the source path (the
   MTA's log), the state directory, the textfile, and the SMTP notifier's port (the MTA's
   loopback SMTP port: alert mail takes the packaged route, through the local MTA, to
   postmaster@localhost, which the MTA relays to the sink). The diff is printed and checked.
3. Runs the built daemon on it, sends the first half of the plan (scripts/testing/e2e_plan.py)
   through the MTA by SMTP (from two sender domains, some with SMTP AUTH), flushes the queue
   once (greylisted mail goes through, full mailboxes defer again), waits for the blacklist
   alert mail at the sink, stops the daemon with SIGTERM, sends the second half and flushes
   again while it is stopped, and starts it again.
4. Checks, against the plan's model and never against a recorded output: the sink's answers;
   `bouncewatch_deliveries_total` per status, cause and destination and
   `bouncewatch_blocklist_hits_total`, the deliveries per sender domain and SASL user
   (`bouncewatch_sender_deliveries_total`, `bouncewatch_sasl_user_deliveries_total`) and the
   delay histogram's counts per status, after the stop, after the restart and at the end
   (nothing lost, nothing counted twice); exactly one alert mail, still one a group wait after the restart;
   `promtool check metrics` and a real node_exporter on the daemon's textfile; the queue
   gauges while the daemon runs, after the mid-run SIGTERM, after the restart and at the end,
   and `bouncewatch queue` (scripts/testing/e2e_queue.py); the deliveries per sender
   domain and SASL user of `bouncewatch scan --format json` on the MTA's log, after the first
   half and at the end (scripts/testing/e2e_senders.py).

Expiry is not exercised: Postfix and Exim need minutes of queue lifetime to expire a message.
Every wait is bounded; a failure prints the daemon's log, the MTA's log and the sink's journal.
"""

import argparse
import difflib
import email
import email.policy
import glob
import json
import os
import re
import shutil
import signal
import smtplib
import subprocess
import sys
import tempfile
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import e2e_instances  # noqa: E402
import e2e_plan  # noqa: E402
import e2e_prom  # noqa: E402
import e2e_queue  # noqa: E402
import e2e_senders  # noqa: E402
from crash_daemon import (  # noqa: E402
    CheckFailed,
    Daemon,
    free_port,
    parse_textfile,
    require_binary,
    stop_process,
)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACKAGED = os.path.join(REPO, "packaging", "bouncewatch.yml")
METRICS_DOC = os.path.join(REPO, "docs", "metrics.md")
# The default rules wait 30 s before the first mail (docs/alerts.md); the daemon evaluates
# them when lines arrive, at every textfile write (15 s in the packaged file), and every
# second while an alert waits out its group wait.
GROUP_WAIT = 30
INTERVAL = 15


def say(text):
    print(f"e2e-{ARGS.mta}: {text}", flush=True)


# MARK: - The configuration


def adjusted_configuration(packaged, log, state, textfile, smtp_port, queue):
    """The packaged file with only its paths and the notifier's port changed, and its sender
    series (commented out there) on."""
    edits = {
        r"^  - type: auto$": lambda line: [line, f"    path: {log}"],
        r"^queue:$": lambda line: [line, f"  directory: {queue}"],
        r"^state_directory: \S+$": lambda line: [f"state_directory: {state}"],
        r"^  textfile: \S+$": lambda line: [f"  textfile: {textfile}"],
        r"^    server: 127\.0\.0\.1:25$": lambda line: [f"    server: 127.0.0.1:{smtp_port}"],
        # The sender series, commented out in the packaged file: uncommented as they stand.
        r"^  # senders: \{top: \d+\}$": lambda line: ["  " + line[len("  # "):]],
        r"^  # sasl_users: \{top: \d+\}$": lambda line: ["  " + line[len("  # "):]],
    }
    used = Counter()
    out = []
    for line in packaged.splitlines():
        for pattern, edit in edits.items():
            if re.match(pattern, line):
                used[pattern] += 1
                out.extend(edit(line))
                break
        else:
            out.append(line)
    for pattern in edits:
        if used[pattern] != 1:
            raise CheckFailed(f"packaging/bouncewatch.yml: expected one line matching {pattern}"
                              f" to adjust, found {used[pattern]}")
    return "\n".join(out) + "\n"


def notifier_sender(packaged):
    """The SMTP notifier's `from:` address in the packaged file: the alert mail's sender."""
    found = re.findall(r"^    from: (\S+)$", packaged, re.M)
    if len(found) != 1:
        raise CheckFailed(f"packaging/bouncewatch.yml: expected one notifier `from:`, found"
                          f" {found}")
    return found[0]


def check_only_paths(packaged, adjusted):
    """Prints the diff; every changed line must be a path, the state directory, the textfile,
    the notifier's server, or a sender series uncommented."""
    diff = list(difflib.unified_diff(packaged.splitlines(), adjusted.splitlines(),
                                     "packaging/bouncewatch.yml", "test configuration",
                                     lineterm="", n=0))
    allowed = re.compile(
        r"^[-+]\s*(path|state_directory|textfile|server|directory): |^[-+]  (# )?(senders|sasl_users): ")
    for line in diff:
        say("  " + line)
        if line.startswith(("+++", "---", "@@")):
            continue
        if not allowed.match(line):
            raise CheckFailed(f"the test changed more than paths and ports: {line}")


# MARK: - The sink


class Sink:
    def __init__(self, directory, port, log_path):
        self.directory = directory
        self.port = port
        self.log_path = log_path
        self.process = None

    def start(self):
        ready = os.path.join(self.directory, "ready")
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, os.path.join(REPO, "scripts/testing/mta_sink.py"),
                 "--port", str(self.port), "--dir", self.directory, "--ready-file", ready],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        wait(lambda: os.path.exists(ready) or self.check_alive(), 20, "the sink to listen")

    def check_alive(self):
        if self.process.poll() is not None:
            raise CheckFailed(f"the sink exited with status {self.process.returncode}:\n"
                              + e2e_instances.tail(self.log_path))
        return False

    def records(self):
        out = Counter()
        try:
            with open(os.path.join(self.directory, "answers.jsonl")) as journal:
                for line in journal:
                    if line.endswith("\n"):
                        record = json.loads(line)
                        out[(record["stage"], record["rcpt"], record["code"])] += 1
        except FileNotFoundError:
            pass
        return out

    def alert_mails(self):
        """(rule, state, subject) of each mail that reached postmaster@localhost."""
        mails = []
        for meta in sorted(glob.glob(os.path.join(self.directory, "mail", "*.json"))):
            with open(meta) as handle:
                envelope = json.load(handle)
            if e2e_plan.ALERT_RECIPIENT not in envelope["rcpt_tos"]:
                continue
            with open(meta[: -len(".json")] + ".eml", "rb") as handle:
                message = email.message_from_bytes(handle.read(), policy=email.policy.default)
            mails.append((str(message.get("X-Bouncewatch-Rule")),
                          str(message.get("X-Bouncewatch-State")), str(message["Subject"])))
        return mails

    def stop(self):
        stop_process(self.process)


# MARK: - Waiting


def wait(condition, timeout, what, poll=0.1):
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise CheckFailed(f"timed out after {timeout} s waiting for {what}")
        time.sleep(poll)


def settle(sink, mta, model, timeout=60):
    """Waits until the sink has given exactly the answers the model predicts (alert mail
    aside), the MTA's queue holds what the model holds, and the log has stopped growing."""
    expected = Counter({key: value for key, value in model.expected_records().items()
                        if key[1] != e2e_plan.ALERT_RECIPIENT})

    def answers_match():
        seen = Counter({key: value for key, value in sink.records().items()
                        if key[1] != e2e_plan.ALERT_RECIPIENT})
        over = {key: value for key, value in seen.items() if value > expected.get(key, 0)}
        if over:
            raise CheckFailed(f"the sink gave answers the plan does not have: {over}")
        return seen == expected

    wait(answers_match, timeout, "the sink's answers to match the plan")
    wait(lambda: mta.queue_size() == len(model.queue), timeout,
         f"{len(model.queue)} message(s) left in the {mta.name} queue", poll=0.3)

    # The log is written after the reply (Postfix through postlogd): wait for it to rest.
    def log_rests():
        before = os.path.getsize(mta.log_path)
        time.sleep(1)
        return os.path.getsize(mta.log_path) == before

    wait(log_rests, timeout, f"the {mta.name} log to stop growing", poll=0)


# MARK: - The checks


def run_phase(mta, sink, model, phase):
    """Sends the messages of `phase`, lets the MTA answer them, flushes its queue once and lets
    it answer again, keeping `model` in step; returns the messages sent."""
    messages = model.messages(phase)
    submit(mta, messages)
    for message in messages:
        model.submit(message)
    settle(sink, mta, model)
    mta.flush()
    model.flush()
    settle(sink, mta, model)
    return messages


def submit(mta, messages):
    """Sends the messages to the MTA over SMTP on loopback: those without a SASL user on one
    session, those of each SASL user on a session that logs in first (SMTP AUTH)."""
    sessions = {}
    for message in messages:
        sessions.setdefault(message.sasl_user, []).append(message)
    for sasl_user, batch in sessions.items():
        with smtplib.SMTP("127.0.0.1", mta.port, local_hostname="client.bouncewatch.test",
                          timeout=30) as session:
            if sasl_user is not None:
                session.ehlo()
                session.login(sasl_user, e2e_plan.SASL_PASSWORD)
            for message in batch:
                send(mta, session, message)


def send(mta, session, message):
    recipient, sender = message.recipient, message.sender
    text = (f"From: <{sender}>\r\nTo: <{recipient}>\r\n"
            f"Subject: order {recipient}\r\nMessage-ID: <{recipient}.{time.time()}"
            f"@{sender.split('@')[1]}>\r\n\r\nA test message for {recipient}.\r\n")
    refused = session.sendmail(sender, [recipient], text.encode())
    if refused:
        raise CheckFailed(f"the {mta.name} refused {recipient}: {refused}")


def check_textfile(textfile, labels, model, when):
    """The textfile's deliveries and block list hits equal the model's, exactly."""
    with open(textfile, encoding="utf-8") as handle:
        samples = parse_textfile(handle.read())
    problems = e2e_prom.difference(e2e_prom.deliveries(samples, labels, ARGS.mta),
                                   model.deliveries)
    problems += e2e_prom.difference(e2e_prom.blocklist_hits(samples), model.blocklist_hits)
    if problems:
        raise CheckFailed(f"{when}: the textfile differs from the plan:\n" + "\n".join(problems))
    other, delays = e2e_senders.check_textfile(samples, model, when)
    say(f"{when}: deliveries by sender domain and SASL user as planned ({other} under"
        f" `other`, counted before their names had series), delay histogram counts"
        f" {dict(sorted(delays.items()))}")
    return samples


def textfile_matches(textfile, labels, model):
    """True once the textfile equals the model; fails at once when a count is too high."""
    try:
        with open(textfile, encoding="utf-8") as handle:
            samples = parse_textfile(handle.read())
    except FileNotFoundError:
        return False
    seen = e2e_prom.deliveries(samples, labels, ARGS.mta)
    if e2e_prom.exceeds(seen, model.deliveries):
        raise CheckFailed("counted more than the plan (a line counted twice?):\n"
                          + "\n".join(e2e_prom.difference(seen, model.deliveries)))
    return (not e2e_prom.difference(seen, model.deliveries)
            and not e2e_prom.difference(e2e_prom.blocklist_hits(samples), model.blocklist_hits)
            and e2e_senders.textfile_matches(samples, model))


def wait_for_queue_gauges(daemon, textfile, model, when):
    """Waits (two intervals at most) until the daemon's queue gauges equal what the plan leaves
    deferred: the deferred message count and the recipients by destination and cause."""
    try:
        wait(lambda: (daemon.check_alive()
                      or e2e_queue.textfile_matches(textfile, ARGS.mta, model)),
             2 * INTERVAL + 15, f"the textfile's queue gauges to equal the plan {when}")
    except CheckFailed as timeout:
        raise CheckFailed(f"{timeout}: (up, deferred messages, by destination and cause) is"
                          f" {e2e_queue.textfile_queue(textfile, ARGS.mta)}, the plan"
                          f" {(1, len(model.queue), dict(e2e_queue.expected_deferred(model)))}")
    say(f"queue gauges {when}: bouncewatch_queue_up 1, {len(model.queue)} deferred message(s),"
        f" by destination and cause {dict(e2e_queue.expected_deferred(model))}")


def check_queue_gauges(textfile, model, when):
    """The textfile's queue gauges equal what the plan leaves deferred, now."""
    if not e2e_queue.textfile_matches(textfile, ARGS.mta, model):
        raise CheckFailed(f"{when}: the queue gauges (up, deferred messages, by destination and"
                          f" cause) are {e2e_queue.textfile_queue(textfile, ARGS.mta)}, the plan"
                          f" {(1, len(model.queue), dict(e2e_queue.expected_deferred(model)))}")


def check_lines(samples, log_path, log_before, log_ready):
    """Every line the MTA wrote after the daemon's start was read once, and understood.

    The daemon starts at the end of the log (`start_at: end`) somewhere between the two
    sizes; when the MTA wrote nothing meanwhile, the count is exact."""
    lines = Counter()
    for name, series, value in samples:
        if name == "bouncewatch_lines_total":
            lines[series.get("result")] += int(value)
    with open(log_path, "rb") as handle:
        log = handle.read()
    most, least = log[log_before:].count(b"\n"), log[log_ready:].count(b"\n")
    read = sum(lines.values())
    if not least <= read <= most:
        raise CheckFailed(f"the daemon read {read} lines of the log, but {least} to {most} were"
                          f" written after its start: {dict(lines)}")
    if lines["unrecognized"] != 0:
        raise CheckFailed(f"{lines['unrecognized']} line(s) of the real {ARGS.mta} log were not"
                          f" recognized: {dict(lines)}")
    exact = "exactly" if least == most else f"between {least} and {most}"
    say(f"lines read: {read} ({exact} as written), {lines['event']} events,"
        f" {lines['ignored']} ignored, 0 unrecognized")


def check_alerts(sink, expected_count):
    mails = sink.alert_mails()
    if len(mails) != expected_count:
        raise CheckFailed(f"expected {expected_count} alert mail(s) at the sink, got"
                          f" {len(mails)}: {mails}")
    for (rule, state, blocklist), (seen_rule, seen_state, subject) in zip(
            e2e_plan.EXPECTED_ALERTS, mails):
        if (seen_rule, seen_state) != (rule, state) or blocklist not in subject:
            raise CheckFailed(f"expected a {state} {rule} alert naming {blocklist}, got rule"
                              f" {seen_rule!r}, state {seen_state!r}, subject {subject!r}")
    return mails


# MARK: - The run


def run_test(work):
    binary = require_binary(ARGS.binary)
    labels = e2e_prom.documented_labels(METRICS_DOC)
    sink_port, mta_port = free_port(), free_port()
    while mta_port == sink_port:
        mta_port = free_port()
    started = time.monotonic()

    sink = Sink(os.path.join(work, "sink"), sink_port, os.path.join(work, "sink.log"))
    CLEANUP.append(sink.stop)
    sink.start()
    if ARGS.mta == "postfix":
        mta = e2e_instances.Postfix(os.path.join(work, "postfix"), mta_port, sink_port)
    else:
        cache = ARGS.exim_cache or os.path.join(tempfile.gettempdir(), "bouncewatch-e2e-exim")
        mta = e2e_instances.Exim(os.path.join(work, "exim"), mta_port, sink_port, cache)
    MTA.append(mta)
    os.makedirs(mta.root, exist_ok=True)
    mta.prepare()
    CLEANUP.append(mta.stop)
    mta.start()
    wait(lambda: os.path.exists(mta.log_path), 20, f"the {mta.name} log to appear")
    say(f"sink on 127.0.0.1:{sink_port}, {mta.name} on 127.0.0.1:{mta_port},"
        f" log {mta.log_path}")

    # The packaged configuration, paths and port adjusted.
    state = os.path.join(work, "state")
    textfile_dir = os.path.join(work, "textfile")
    textfile = os.path.join(textfile_dir, "bouncewatch.prom")
    os.makedirs(state)
    os.makedirs(textfile_dir)
    with open(PACKAGED, encoding="utf-8") as handle:
        packaged = handle.read()
    adjusted = adjusted_configuration(packaged, mta.log_path, state, textfile, mta_port,
                                      mta.queue_directory)
    say("the packaged configuration, adjusted:")
    check_only_paths(packaged, adjusted)
    config = os.path.join(work, "bouncewatch.yml")
    with open(config, "w", encoding="utf-8") as out:
        out.write(adjusted)
    effective = e2e_instances.run([binary, "check-config", "--config", config],
                                  "bouncewatch check-config")
    if "type: file" not in effective or mta.log_path not in effective:
        raise CheckFailed(f"check-config did not resolve `type: auto` to the file"
                          f" {mta.log_path}:\n{effective}")

    daemon = Daemon(binary, config, os.path.join(work, "daemon.log"))
    DAEMON.append(daemon)
    CLEANUP.append(daemon.stop_quietly)
    log_before = os.path.getsize(mta.log_path)
    daemon.start()
    # The first textfile is written after the first read of the sources: from then on,
    # `start_at: end` (the packaged default) has its position and misses nothing.
    wait(lambda: os.path.exists(textfile) or daemon.check_alive(), 30,
         "the daemon's first textfile")
    log_ready = os.path.getsize(mta.log_path)

    # Phase a: the daemon runs.
    model = e2e_plan.Model()
    phase_a = run_phase(mta, sink, model, "a")
    say(f"phase a: {len(phase_a)} messages sent, queue flushed once;"
        f" {len(model.queue)} still deferred")

    alert_wait = GROUP_WAIT + 2 * INTERVAL + 30
    wait(lambda: sink.alert_mails() or daemon.check_alive(), alert_wait,
         "the blacklist alert mail at the sink", poll=0.5)
    model.alert_mailed(notifier_sender(packaged))
    settle(sink, mta, model)
    mails = check_alerts(sink, 1)
    say(f"alert mail arrived {time.monotonic() - started:.0f} s into the run: {mails[0][2]!r}")

    # The queue while the daemon runs: what phase a leaves deferred.
    wait_for_queue_gauges(daemon, textfile, model, "in the middle")
    daemon.terminate()
    check_textfile(textfile, labels, model, "after SIGTERM in the middle")
    check_queue_gauges(textfile, model, "after SIGTERM in the middle")
    say("SIGTERM: the daemon exited 0; the textfile equals the plan so far")
    senders = e2e_senders.check_scan(binary, mta.log_path, model, "after phase a")
    say("bouncewatch scan: the senders and SASL users equal the plan so far:\n"
        + e2e_senders.summary(senders))
    outcomes_a = e2e_senders.expected_delay_counts(model)

    # Phase b: the daemon is stopped.
    phase_b = run_phase(mta, sink, model, "b")
    say(f"phase b (daemon stopped): {len(phase_b)} messages sent, queue flushed again")

    os.unlink(textfile)
    daemon.start()
    restarted = time.monotonic()
    try:
        wait(lambda: (daemon.check_alive() or textfile_matches(textfile, labels, model)),
             2 * INTERVAL + 15, "the textfile to reach the plan's counts after the restart")
    except CheckFailed as timeout:
        if os.path.exists(textfile):
            check_textfile(textfile, labels, model, str(timeout))
        raise
    say("restarted: the textfile equals the whole plan")

    # The queue: what the plan leaves deferred, read at the restart (the queue rests now).
    wait_for_queue_gauges(daemon, textfile, model, "after the restart")
    table = e2e_queue.check_command(binary, mta, model)
    say("bouncewatch queue equals the plan:\n" + table.rstrip())

    e2e_prom.promtool_check(textfile)
    served = e2e_prom.check_node_exporter(textfile, os.path.join(work, "node_exporter.log"),
                                          labels, ARGS.mta)
    say(f"promtool check metrics: clean; node_exporter serves {served} bouncewatch series,"
        " node_textfile_scrape_error 0")

    # A lost alert state would mail the listing again one group wait after the restart.
    hold = GROUP_WAIT + 5 - (time.monotonic() - restarted)
    if hold > 0:
        say(f"waiting {hold:.0f} s (the group wait and a few seconds) for a second alert mail")
        deadline = time.monotonic() + hold
        while time.monotonic() < deadline:
            daemon.check_alive()
            time.sleep(0.5)
    settle(sink, mta, model)
    check_alerts(sink, len(e2e_plan.EXPECTED_ALERTS))
    samples = check_textfile(textfile, labels, model, "after the restart")
    firing = e2e_prom.gauge(samples, "bouncewatch_alerts_firing", rule="blacklisted")
    if firing != 1:
        raise CheckFailed(f"bouncewatch_alerts_firing{{rule=\"blacklisted\"}} is {firing}, not 1")
    daemon.terminate()
    samples = check_textfile(textfile, labels, model, "after the final SIGTERM")
    check_queue_gauges(textfile, model, "after the final SIGTERM")
    check_lines(samples, mta.log_path, log_before, log_ready)
    senders = e2e_senders.check_scan(binary, mta.log_path, model, "at the end")
    say("bouncewatch scan: the senders and SASL users equal the whole plan:\n"
        + e2e_senders.summary(senders))
    say(f"final outcomes by status (the delay histogram's _count): after phase a"
        f" {dict(outcomes_a)}, at the end {dict(e2e_senders.expected_delay_counts(model))}")
    total = sum(model.deliveries.values())
    say(f"PASS in {time.monotonic() - started:.0f} s: {total} deliveries counted exactly across"
        f" a restart ({len(phase_a)} + {len(phase_b)} messages, {model.alerts} alert mail)")
    for (status, cause, destination), count in sorted(model.deliveries.items()):
        say(f"  {status:9} {cause or '-':22} {destination:18} {count}")


def report_failure(work, failure):
    if DAEMON and "daemon log (last lines)" not in str(failure):
        print(DAEMON[0].log_tail(40), file=sys.stderr)
    for mta in MTA:
        print(f"{mta.name} log (last lines):\n{e2e_instances.tail(mta.log_path)}",
              file=sys.stderr)
    print("sink journal (last lines):\n"
          + e2e_instances.tail(os.path.join(work, "sink", "answers.jsonl"), 20), file=sys.stderr)


CLEANUP = []
DAEMON = []
MTA = []
ARGS = None


def main():
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mta", choices=["postfix", "exim"], required=True)
    parser.add_argument("--binary", default=os.environ.get("BOUNCEWATCH_BIN"))
    parser.add_argument("--exim-cache", help="where Exim's .deb is unpacked and kept")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    ARGS = parser.parse_args()
    if os.geteuid() != 0:
        print(f"e2e-{ARGS.mta}: FAIL: must run as root (a private {ARGS.mta} instance)",
              file=sys.stderr)
        return 1
    # A runner that gives up on us sends SIGTERM: clean up all the same.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = tempfile.mkdtemp(prefix=f"bouncewatch-e2e-{ARGS.mta}.")
    os.chmod(work, 0o755)
    status = 0
    try:
        run_test(work)
    except CheckFailed as failure:
        print(f"e2e-{ARGS.mta}: FAIL: {failure}", file=sys.stderr)
        report_failure(work, failure)
        status = 1
    finally:
        for step in reversed(CLEANUP):
            try:
                step()
            except Exception as error:  # cleanup goes on whatever one step says
                print(f"e2e-{ARGS.mta}: cleanup: {error}", file=sys.stderr)
        if ARGS.keep:
            print(f"e2e-{ARGS.mta}: kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
