#!/usr/bin/env python3
"""A central log host: real rsyslog receiving two MTAs' syslog over TCP, bouncewatch following
the file it writes.

    fleet_rsyslog.py --binary PATH

rsyslog (Debian's rsyslogd, run in the foreground from a scratch directory) listens on a free
loopback TCP port with imtcp and writes every message to central.log in the classic format
(`Nov 27 10:00:00 HOST TAG: MSG`). Two senders, each its own TCP connection, send RFC 3164
messages under their own host names: `mta-a` sends the real Postfix lines of
../shared/corpus/postfix/real-postfix-3.7-loopback.log (one of them a Spamhaus ZEN listing),
`mta-b` the real Exim lines of ../shared/corpus/exim/real-exim-4.96-loopback.log as Exim writes
them to syslog (those that name a block list are left out, so only mta-a is listed). Every line
is stamped with the current time, so the alert rules judge it as news.

Checks:
1. central.log holds every line sent, under its sender's host name.
2. `bouncewatch scan --format json central.log`: the Hosts section counts, per host, exactly
   the deliveries by status, rejects and SASL failures that `bouncewatch classify` finds in
   that host's lines alone (read before they were sent, not through rsyslog).
3. `bouncewatch run` following central.log with `metrics.per_host: true`: the textfile's
   `bouncewatch_host_*` families count each host exactly as in 2; a `blacklisted` alert (file notifier) whose mail
   names mta-a as the host the evidence came from and does not name mta-b; an alert rule
   grouped by host fires for each host with that host's count of failed deliveries.
"""

import email
import email.policy
import json
import mailbox
import os
import re
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from alerts_common import require_tool, run_script, syslog_stamp  # noqa: E402
from crash_daemon import (  # noqa: E402
    CheckFailed,
    Daemon,
    Scratch,
    Textfile,
    file_source,
    free_port,
    stop_process,
    wait_for,
    write_config,
)

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.environ.get("BOUNCEWATCH_SHARED", os.path.join(os.path.dirname(REPOSITORY), "shared"))
POSTFIX_LOG = os.path.join(CORPUS, "corpus", "postfix", "real-postfix-3.7-loopback.log")
EXIM_LOG = os.path.join(CORPUS, "corpus", "exim", "real-exim-4.96-loopback.log")
TIMEOUT = 30
HOSTS = ("mta-a", "mta-b")
LISTING = re.compile(r"spamhaus|spamcop|barracuda|blocked using|blacklist|\brbl\b", re.I)


def corpus_lines(path):
    if not os.path.exists(path):
        raise CheckFailed(
            f"{path} is missing: this test needs ../shared/corpus beside the checkout "
            "(or BOUNCEWATCH_SHARED naming the shared directory)")
    with open(path, encoding="utf-8", errors="replace") as handle:
        return [line.rstrip("\n") for line in handle if line.strip()]


def postfix_messages():
    """`postfix/smtp[1]: ...` of each syslog line of the Postfix corpus file."""
    messages = []
    for line in corpus_lines(POSTFIX_LOG):
        match = re.match(r"^\w{3} [ \d]\d \d\d:\d\d:\d\d \S+ (postfix\S*\[\d+\]: .*)$", line)
        if match:
            messages.append(match.group(1))
    return messages


def exim_messages():
    """The Exim main log lines as Exim sends them to syslog (`exim[PID]: ...`), without those
    that name a block list."""
    messages = []
    for line in corpus_lines(EXIM_LOG):
        match = re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (.*)$", line)
        if match and not LISTING.search(match.group(1)):
            messages.append("exim[4242]: " + match.group(1))
    return messages


def start_rsyslog(scratch, port):
    rsyslogd = require_tool("rsyslogd")
    central = scratch.join("central.log")
    config = scratch.join("rsyslog.conf")
    with open(config, "w") as handle:
        handle.write(
            f'global(workDirectory="{scratch.path}")\n'
            'module(load="imtcp")\n'
            f'input(type="imtcp" port="{port}" address="127.0.0.1")\n'
            'template(name="trad" type="string" string="%TIMESTAMP% %HOSTNAME% '
            '%syslogtag%%msg:::sp-if-no-1st-sp%%msg:::drop-last-lf%\\n")\n'
            f'*.* action(type="omfile" file="{central}" template="trad")\n')
    log = open(scratch.join("rsyslog.out"), "wb")
    process = subprocess.Popen(
        [rsyslogd, "-n", "-f", config, "-i", scratch.join("rsyslog.pid")],
        stdin=subprocess.DEVNULL, stdout=log, stderr=log)

    def listening():
        if process.poll() is not None:
            raise CheckFailed(f"rsyslogd exited with status {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return False

    wait_for(listening, TIMEOUT, "rsyslogd to listen")
    return process, central


def send(port, host, messages, moment):
    """One TCP connection per sender, RFC 3164 with LF framing (facility mail, info)."""
    stamp = syslog_stamp(moment)
    payload = "".join(f"<22>{stamp} {host} {message}\n" for message in messages)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(payload.encode("utf-8"))


def sent_lines(host, messages, moment):
    return [f"{syslog_stamp(moment)} {host} {message}" for message in messages]


def expected_counts(binary, scratch, host, lines):
    """What `bouncewatch classify` finds in one host's lines: per status, rejects, SASL
    failures, and whether any names a block list."""
    path = scratch.join(f"{host}.expected.log")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    output = subprocess.run(
        [binary, "classify", path], capture_output=True, check=True,
        env=dict(os.environ, TZ="UTC")).stdout.decode()
    counts = {"sent": 0, "deferred": 0, "bounced": 0, "expired": 0, "rejects": 0,
              "auth_failures": 0}
    failed, listed = 0, 0
    for text in output.splitlines():
        event = json.loads(text)
        if event["host"] != host:
            raise CheckFailed(f"classify read host {event['host']!r} in {host}'s lines")
        if event["kind"] == "delivery":
            counts[event["status"]] += 1
            if event["status"] != "sent":
                failed += 1
                if event["blocklist"]:
                    listed += 1
        elif event["kind"] == "reject":
            counts["rejects"] += 1
        else:
            counts["auth_failures"] += 1
    return counts, failed, listed


def check_central_log(central, expected):
    def complete():
        try:
            with open(central, encoding="utf-8", errors="replace") as handle:
                written = [line.rstrip("\n") for line in handle]
        except FileNotFoundError:
            return False
        return all(sum(1 for line in written if f" {host} " in line) >= len(lines)
                   for host, lines in expected.items()) and written

    written = wait_for(complete, TIMEOUT, "rsyslog to write every line to central.log")
    for host, lines in expected.items():
        got = [line for line in written if re.match(rf"^\w{{3}} [ \d]\d [\d:]{{8}} {host} ", line)]
        if got != lines:
            missing = [line for line in lines if line not in got][:3]
            raise CheckFailed(f"central.log has {len(got)} lines of {host}, sent "
                              f"{len(lines)}; first missing: {missing}")
    print(f"central.log: {', '.join(f'{len(v)} lines of {k}' for k, v in expected.items())}")


def check_scan(binary, central, expected):
    output = subprocess.run(
        [binary, "scan", "--format", "json", central], capture_output=True, check=True,
        env=dict(os.environ, TZ="UTC")).stdout.decode()
    hosts = {entry["host"]: entry for entry in json.loads(output)["hosts"]["top"]}
    for host, (counts, _, _) in expected.items():
        if host not in hosts:
            raise CheckFailed(f"scan lists no host {host}: {sorted(hosts)}")
        got = {key: hosts[host][key] for key in counts}
        if got != counts:
            raise CheckFailed(f"scan counts {got} for {host}, expected {counts}")
        print(f"scan, host {host}: {counts}")


def mails(path):
    if not os.path.exists(path):
        return []
    return [email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
            for message in mailbox.mbox(path)]


def body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def host_counts(samples, host):
    counts = {"sent": 0, "deferred": 0, "bounced": 0, "expired": 0, "rejects": 0,
              "auth_failures": 0}
    for name, labels, value in samples:
        if labels.get("host") != host:
            continue
        if name == "bouncewatch_host_deliveries_total":
            counts[labels["status"]] += int(value)
        elif name == "bouncewatch_host_rejects_total":
            counts["rejects"] += int(value)
        elif name == "bouncewatch_host_sasl_auth_failures_total":
            counts["auth_failures"] += int(value)
    return counts


def check_textfile(textfile, daemon, expected):
    """With metrics.per_host, the textfile's host families count each host exactly."""
    want = {host: counts for host, (counts, _, _) in expected.items()}

    def exact():
        samples = textfile.samples()
        if samples is None:
            return False
        got = {host: host_counts(samples, host) for host in want}
        return got if got == want else False

    try:
        wait_for(exact, TIMEOUT, "the textfile's per-host counts", daemon)
    except CheckFailed:
        samples = textfile.samples() or []
        got = {host: host_counts(samples, host) for host in want}
        raise CheckFailed(f"textfile per-host counts {got}, expected {want}")
    print(f"textfile (per_host): {want}")


def check_daemon(binary, scratch, central, expected):
    state, mbox = scratch.join("state"), scratch.join("alerts.mbox")
    textfile = Textfile(scratch.join("bouncewatch.prom"))
    rules = (
        "  - name: blacklisted\n"
        "    match: { cause: [blacklisted] }\n"
        "    threshold: 1\n"
        "    window: 15m\n"
        "    group_by: [blocklist]\n"
        "    group_wait: 1s\n"
        "  - name: failures-by-host\n"
        "    match: { status: [deferred, bounced, expired] }\n"
        "    threshold: 1\n"
        "    window: 15m\n"
        "    group_by: [host]\n"
        "    group_wait: 1s\n")
    config = scratch.join("bouncewatch.yml")
    write_config(config, file_source(central, fmt="auto"), state, textfile.path,
                 alerts_yaml=rules, notifiers_yaml=f"  - type: file\n    path: {mbox}\n",
                 hostname="central")
    with open(config, encoding="utf-8") as handle:
        text = handle.read()
    with open(config, "w", encoding="utf-8") as handle:
        handle.write(text.replace("metrics:\n", "metrics:\n  per_host: true\n", 1))
    daemon = Daemon(binary, config, scratch.join("daemon.log"))
    daemon.start()
    try:
        check_textfile(textfile, daemon, expected)
        wanted = 1 + len(HOSTS)
        found = wait_for(lambda: len(mails(mbox)) >= wanted and mails(mbox), TIMEOUT,
                         f"{wanted} alert mails in the mbox", daemon)
        by_rule = {}
        for message in found:
            by_rule.setdefault(message["X-Bouncewatch-Rule"], []).append(message)
        listed = by_rule.get("blacklisted", [])
        if len(listed) != 1:
            raise CheckFailed(f"{len(listed)} blacklisted mails, expected 1")
        text = body(listed[0])
        hosts_row = [line for line in text.splitlines() if line.startswith("Hosts:")]
        listed_count = expected["mta-a"][2]
        if hosts_row != [f"Hosts:        mta-a {listed_count}"]:
            raise CheckFailed(f"the blacklisted mail's hosts: {hosts_row}\n{text}")
        if "mta-b" in text:
            raise CheckFailed(f"the blacklisted mail names mta-b:\n{text}")
        print(f"blacklisted mail: {hosts_row[0].split(':', 1)[1].strip()}, no mta-b")
        per_host = {}
        for message in by_rule.get("failures-by-host", []):
            subject = str(message["Subject"])
            group = [line for line in body(message).splitlines() if line.startswith("Group:")]
            count = re.search(r"^(\d+) matching events?", body(message), re.M)
            if len(group) != 1 or count is None:
                raise CheckFailed(f"unexpected failures-by-host mail: {subject}")
            per_host[group[0].split("=", 1)[1].strip()] = int(count.group(1))
        want = {host: counts[1] for host, counts in expected.items()}
        if per_host != want:
            raise CheckFailed(f"failures-by-host alerts {per_host}, expected {want}")
        print(f"failures-by-host alerts: {per_host}")
        daemon.terminate()
    finally:
        daemon.stop_quietly()


def scenario(binary):
    scratch = Scratch("bouncewatch-rsyslog-")
    rsyslog = None
    try:
        port = free_port()
        rsyslog, central = start_rsyslog(scratch, port)
        moment = time.time()
        messages = {"mta-a": postfix_messages(), "mta-b": exim_messages()}
        lines = {host: sent_lines(host, messages[host], moment) for host in HOSTS}
        expected = {host: expected_counts(binary, scratch, host, lines[host]) for host in HOSTS}
        if expected["mta-a"][2] == 0 or expected["mta-b"][2] != 0:
            raise CheckFailed(f"the corpus lines changed: listings {expected}")
        for host in HOSTS:
            send(port, host, messages[host], moment)
        check_central_log(central, lines)
        check_scan(binary, central, expected)
        check_daemon(binary, scratch, central, expected)
        print("rsyslog central log host: OK")
    finally:
        stop_process(rsyslog)
        scratch.cleanup()


if __name__ == "__main__":
    sys.exit(run_script(__doc__.splitlines()[0], scenario))
