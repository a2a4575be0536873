#!/usr/bin/env python3
"""The daemon's scheduled digest at a real SMTP server on loopback (aiosmtpd).

The schedule is set a few seconds ahead: the test runs the daemons in a zone of its own whose
offset from UTC has seconds (`TZ=BWT+00:00:SS`), chosen so that the moment D a few seconds
from now is a whole minute of local time, and the schedule is `daily HH:MM` of D.

Two daemons read the same log, with the hostile replies of scripts/testing/digest_mail.py:

1. Killed inside the period: it reads the period's first lines, more lines are appended and
   counted, it is SIGKILLed, more lines (and one stamped after D) are appended while it is
   stopped, and it is started again before D. At D it mails the digest.
2. Stopped across D: it reads the log and is stopped (SIGTERM) before D; started after D, it
   mails the digest of the period that closed while it was stopped.

Each digest arrives exactly once, with its own `to:`, and a further start of either daemon
sends nothing. Python's email package parses each (checks of digest_mail.check_message:
multipart/alternative, both parts, header lines of 78 characters at most, no bare CR or LF,
every number of both parts equal to `scan --format json --since/--until` over the period, the
totals' `before` column to scan over the period before, hostile text escaped in HTML).
"""
import argparse
import email
import email.policy
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from alerts_common import Sink, append  # noqa: E402
from crash_daemon import (  # noqa: E402
    CheckFailed,
    Daemon,
    Scratch,
    Textfile,
    file_source,
    free_port,
    main_wrapper,
    require_binary,
    wait_for,
    write_config,
)
from digest_mail import check_message  # noqa: E402

DAY = 86_400
# Seconds from the start to the scheduled moment: room for two starts, a kill and a restart.
LEAD = 14
TIMEOUT = 30
HOSTILE_REPLY = (
    '550 5.7.1 <script>alert(1)</script> "><img src=x onerror=alert(2)> '
    "\u202egnp.exe Bcc: victim@example.org"
)
REPLIES = [
    ("bounced", "5.1.1", "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown"),
    ("deferred", "4.7.1", "450 4.7.1 Greylisted, please try again later"),
    ("bounced", "5.2.2", "552 5.2.2 Mailbox full"),
    ("sent", "2.0.0", "250 2.0.0 Ok: queued as ABC"),
    ("sent", "2.0.0", "250 2.0.0 Ok: queued as DEF"),
]


class Lines:
    """Postfix delivery lines with RFC 3339 stamps, numbered so every queue id differs."""

    def __init__(self):
        self.serial = 0

    def line(self, moment, status, dsn, reply, domain=None):
        self.serial += 1
        domain = domain or f"d{self.serial % 4}.example"
        rcpt = f"u{self.serial}@{domain}"
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(moment))
        said = reply.format(rcpt=rcpt)
        text = (f"{stamp} mx1 postfix/smtp[4242]: {0xB0000 + self.serial:X}: to=<{rcpt}>, "
                f"relay=mx.{domain}[192.0.2.9]:25, delay=1, delays=0.1/0/0.4/0.5, dsn={dsn}, ")
        if status == "sent":
            text += f"status=sent ({said})"
        else:
            text += (f"status={status} (host mx.{domain}[192.0.2.9] said: {said} "
                     "(in reply to RCPT TO command))")
        return text + "\n"

    def batch(self, start, count, step):
        """`count` lines from `start` every `step` seconds, the replies in turn."""
        text = ""
        for index in range(count):
            status, dsn, reply = REPLIES[(self.serial + index) % len(REPLIES)]
            text += self.line(start + index * step, status, dsn, reply)
        return text.encode("utf-8")

    def hostile(self, moment):
        return (self.line(moment, "bounced", "5.7.1", HOSTILE_REPLY, "hostile.example")
                + self.line(moment + 1, "deferred", "4.0.0",
                            "451 <b>bold</b>\r\nSubject: injected", "hostile.example")
                ).encode("utf-8")


def local_text(moment, west):
    """`YYYY-MM-DDTHH:MM:SS` of `moment` in the test's zone (`west` seconds behind UTC)."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(moment - west))


def scan(binary, env, log, since, until):
    result = subprocess.run(
        [binary, "scan", "--format", "json", "--since", since, "--until", until, log],
        env=env, capture_output=True, check=False)
    if result.returncode != 0:
        raise CheckFailed(f"scan exited {result.returncode}: {result.stderr!r}")
    return json.loads(result.stdout)


def mails_to(sink, address):
    return [raw for raw, meta in sink.messages() if meta["rcpt_tos"] == [address]]


def run(binary):
    scratch = Scratch("bouncewatch-digest-daemon-")
    sink = Sink(scratch, "sink", free_port())
    daemons = []
    try:
        sink.start()
        due = int(time.time()) + LEAD
        west = due % 60
        zone = f"BWT+00:00:{west:02d}"
        hour, minute = time.gmtime(due - west)[3:5]
        schedule = f"daily {hour:02d}:{minute:02d}"
        env = dict(os.environ, TZ=zone)
        log = scratch.join("mail.log")
        lines = Lines()
        # The period before (two days to one day before D) and the period's first part.
        append(log, lines.batch(due - 2 * DAY + 60, 9, 3 * 3600)
               + lines.hostile(due - DAY + 30) + lines.batch(due - DAY + 600, 12, 1800))

        def daemon(name, to):
            config = scratch.join(f"{name}.yml")
            write_config(config, file_source(log), scratch.join(f"{name}-state"),
                         scratch.join(f"{name}.prom"),
                         notifiers_yaml=("  - type: smtp\n"
                                         f"    server: 127.0.0.1:{sink.port}\n"
                                         "    tls: none\n"
                                         "    from: bouncewatch@mx1.example.net\n"
                                         "    to: [ops@example.net]\n"
                                         "    timeout: 10s\n"),
                         hostname="mx1")
            with open(config, "a", encoding="utf-8") as handle:
                handle.write(f"digest:\n  schedule: {schedule}\n  to: [{to}]\n")
            process = Daemon(binary, config, scratch.join(f"{name}.log"),
                             environment={"BOUNCEWATCH_LOG_LEVEL": "info"})
            process.environment["TZ"] = zone
            daemons.append(process)
            return process, Textfile(scratch.join(f"{name}.prom"))

        killed, killed_metrics = daemon("killed", "killed@example.net")
        stopped, stopped_metrics = daemon("stopped", "stopped@example.net")
        first = 9 + 2 + 12
        killed.start()
        stopped.start()
        for process, metrics in ((killed, killed_metrics), (stopped, stopped_metrics)):
            wait_for(lambda m=metrics: sum((m.deliveries() or {}).values()) >= first, TIMEOUT,
                     "the first lines counted", process)
        append(log, lines.batch(due - 7200, 10, 60))
        wait_for(lambda: sum((killed_metrics.deliveries() or {}).values()) >= first + 10,
                 TIMEOUT, "the appended lines counted", killed)
        killed.kill()
        stopped.terminate()
        # While both are stopped: more of the period, and a line of the next one.
        append(log, lines.batch(due - 3600, 6, 60)
               + lines.batch(due + 120, 1, 1))
        if time.time() > due - 2:
            raise CheckFailed("the machine is too slow: the restart came after the schedule")
        killed.start()
        wait_for(lambda: mails_to(sink, "killed@example.net"), due - time.time() + TIMEOUT,
                 "the digest of the daemon killed inside the period", killed)
        if time.time() < due:
            raise CheckFailed("the digest came before its scheduled moment")
        stopped.start()
        wait_for(lambda: mails_to(sink, "stopped@example.net"), TIMEOUT,
                 "the digest of the daemon stopped across the scheduled moment", stopped)

        # A further start of each sends nothing more.
        killed.kill()
        stopped.terminate()
        killed.start()
        stopped.start()
        for process, metrics in ((killed, killed_metrics), (stopped, stopped_metrics)):
            generation = metrics.generation()
            wait_for(lambda m=metrics, g=generation: m.generation() not in (None, g), TIMEOUT,
                     "a textfile write after the last start", process)
        time.sleep(2)
        killed.terminate()
        stopped.terminate()

        since, until = local_text(due - DAY, west), local_text(due, west)
        report = scan(binary, env, log, since, until)
        previous = scan(binary, env, log, local_text(due - 2 * DAY, west), since)
        expected = report["deliveries"]["total"]
        # The last line of the first batch, two hostile, 12, 10 and 6; not the one after D.
        if expected != 1 + 2 + 12 + 10 + 6:
            raise CheckFailed(f"scan counts {expected} attempts in the period, expected 31")
        for address in ("killed@example.net", "stopped@example.net"):
            mails = mails_to(sink, address)
            if len(mails) != 1:
                raise CheckFailed(f"{len(mails)} digests to {address}, expected exactly one")
            message = email.message_from_bytes(mails[0], policy=email.policy.default)
            if f"{expected} attempts" not in message["Subject"]:
                raise CheckFailed(f"subject {message['Subject']!r} does not say {expected}")
            check_message(mails[0], report, address, previous=previous)
        if len(sink.messages()) != 2:
            raise CheckFailed(f"{len(sink.messages())} mails at the sink, expected 2")
        print(f"digest-daemon: OK (schedule {schedule} in {zone}; {expected} attempts in the "
              "period, killed inside it and stopped across its end: one digest each, equal "
              "to scan)")
    finally:
        for process in daemons:
            process.stop_quietly()
        sink.stop()
        scratch.cleanup()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.environ.get("BOUNCEWATCH_BIN"))
    args = parser.parse_args()
    return main_wrapper(lambda: run(require_binary(args.binary)))


if __name__ == "__main__":
    sys.exit(main())
