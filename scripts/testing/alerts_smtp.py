#!/usr/bin/env python3
"""Alert mail from the real `bouncewatch run` daemon to a real SMTP server on loopback.

    alerts_smtp.py --binary PATH

The daemon follows a Postfix log in a scratch directory; the test appends lines stamped with
the current time in which Spamhaus ZEN lists 203.0.113.5, some carrying hostile text (CR/LF
escaped by rsyslog, a raw CR, RFC 2047 encoded-words, header-like text, a bidi override, a
byte that is not UTF-8, a 6 KB line). One rule, `blacklisted`, waits 2 s (group_wait).

1. Plain SMTP (scripts/testing/smtp_sink.py, aiosmtpd) and a `sendmail` notifier pointed at
   a recording script placed by the test. The log already holds a SpamCop listing two hours
   old when the daemon first starts (start_at: beginning): it is counted, never mailed. A
   second rule, grouped by destination, sees a bounce to a hostile recipient domain, which
   must reach the subject cleaned and encoded. Exactly one mail per incident; the received bytes are
   checked (only the expected header fields, each line within limits, no bare CR or LF,
   7-bit, no log text in a header) and parsed with Python's email package (Subject with the
   rule's list and the listed IP, Date, Message-ID, From, To, Auto-Submitted, MIME headers,
   a UTF-8 body with the IP, the delisting page and the samples quoted); the script got
   `-t -oi` and the message on stdin. The textfile shows the alert firing and the sends.
2. STARTTLS with AUTH required by the server, its self-signed certificate made by openssl at
   test time and trusted through `ca_file`, and implicit TLS with AUTH on a second server.
   Two more notifiers to the STARTTLS server must fail: one with a wrong password, one
   without `ca_file` (the certificate is not trusted): nothing of theirs arrives, and the
   textfile counts them as failed.
"""

import os
import stat
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from alerts_common import (  # noqa: E402
    run_script,
    FROM,
    HOSTNAME,
    CheckFailed,
    Scratch,
    Sink,
    alert_config,
    append,
    blacklisted_rule,
    blacklisting_lines,
    check_alert_mail,
    check_raw_message,
    free_port,
    hostile_destination_line,
    make_certificate,
    metric,
    parse_mail,
    rfc3339_stamp,
    smtp_notifier,
    start_daemon,
    syslog_stamp,
    wait_for,
)
from crash_daemon import Textfile  # noqa: E402

TIMEOUT = 30
OPS = ["ops@example.net", "oncall@example.net"]


class RecordingSendmail:
    """A sendmail stand-in placed by the test: each call leaves <pid>.argv (one argument a
    line) and <pid>.stdin (the message) in a directory."""

    def __init__(self, scratch):
        self.path = scratch.join("sendmail")
        self.directory = scratch.join("sendmail-calls")
        os.mkdir(self.directory)
        with open(self.path, "w") as script:
            script.write(
                "#!/bin/sh\n"
                f"out='{self.directory}'\n"
                "cat > \"$out/$$.tmp\" || exit 75\n"
                "for argument in \"$@\"; do printf '%s\\n' \"$argument\"; done > \"$out/$$.argv\"\n"
                "mv \"$out/$$.tmp\" \"$out/$$.stdin\"\n")
        os.chmod(self.path, stat.S_IRWXU)

    def calls(self):
        """[(argv list, message bytes)] of every finished call."""
        found = []
        for name in sorted(os.listdir(self.directory)):
            if name.endswith(".stdin"):
                stem = os.path.join(self.directory, name[:-6])
                with open(stem + ".argv") as argv, open(stem + ".stdin", "rb") as message:
                    found.append((argv.read().split("\n")[:-1], message.read()))
        return found


def by_rule(messages):
    """{rule: [raw]} from the X-Bouncewatch-Rule header of each raw message."""
    found = {}
    for raw in messages:
        found.setdefault(parse_mail(raw)["X-Bouncewatch-Rule"], []).append(raw)
    return found


def check_hostile_destination_mail(raw, to, sender):
    """The mail about HOSTILE_DOMAIN: the domain reaches the subject only cleaned (no CR, no
    bidi override) and encoded, so its `=?utf-8?q?` is shown as text, never decoded."""
    check_raw_message(raw, ["bcc:", "victim", "subject:x", "to:y"])
    mail = parse_mail(raw)
    problems = []
    subject = str(mail["Subject"])
    shown = "evil.example=?utf-8?q?bcc:_victim?=#015#012subject:x to:y"
    expected = f"[bouncewatch] {HOSTNAME}: unknown recipients at {shown}"
    if not subject.startswith(expected):
        problems.append(f"Subject {subject!r} does not start with {expected!r}")
    for name, value in mail.items():
        if any(character in str(value) for character in "\r\n\u202e"):
            problems.append(f"decoded {name} holds a CR, LF or bidi override: {str(value)!r}")
    if mail["Bcc"] is not None or len(mail.get_all("Subject")) != 1:
        problems.append("a header field came from the log")
    if str(mail["From"]) != sender:
        problems.append(f"From {mail['From']!r}, expected {sender}")
    if [address.addr_spec for address in mail["To"].addresses] != list(to):
        problems.append(f"To {mail['To']!r}, expected {to}")
    text = mail.get_payload(decode=True).decode("utf-8").replace("\r\n", "\n")
    if "1A2B3C4D05" not in text or "\\u{202e}to:y" not in text.replace("\n  + ", ""):
        problems.append("the sample line is not quoted with its bidi override escaped")
    if problems:
        raise CheckFailed("hostile destination mail: " + "; ".join(problems) + "\n"
                          + raw.decode("ascii", "replace"))


def settle(daemon, seconds):
    """Lets the daemon run on (a second mail would arrive now if one were sent twice)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        daemon.check_alive()
        time.sleep(0.2)


def check_envelope(meta, to, user=None, tls=False):
    problems = []
    if meta["mail_from"] != FROM:
        problems.append(f"MAIL FROM {meta['mail_from']!r}")
    if meta["rcpt_tos"] != to:
        problems.append(f"RCPT TO {meta['rcpt_tos']}, expected {to}")
    if meta.get("helo") != HOSTNAME:
        problems.append(f"EHLO {meta.get('helo')!r}, expected {HOSTNAME}")
    if meta["user"] != user:
        problems.append(f"authenticated user {meta['user']!r}, expected {user!r}")
    if meta["tls"] != tls:
        problems.append(f"TLS {meta['tls']}, expected {tls}")
    if problems:
        raise CheckFailed("SMTP envelope: " + "; ".join(problems))


def check_textfile_sent(textfile, daemon, notifier):
    wait_for(
        lambda: (metric(textfile, "bouncewatch_notifications_total", notifier=notifier,
                        result="sent") or 0) >= 1,
        TIMEOUT, f'bouncewatch_notifications_total{{notifier="{notifier}",result="sent"}} >= 1',
        daemon)


def check_firing(textfile, daemon):
    wait_for(
        lambda: metric(textfile, "bouncewatch_alerts_firing", rule="blacklisted") == 1,
        TIMEOUT, 'bouncewatch_alerts_firing{rule="blacklisted"} 1 in the textfile', daemon)


BACKFILL = 3


def backfill_lines(moment):
    """BACKFILL deferrals because SpamCop lists 198.51.100.9, stamped `moment`."""
    return b"".join(
        (f"{stamp(moment)} {HOSTNAME} postfix/smtp[4100]: 0B0B0B0B0{number}: "
         f"to=<user{number}@old.example>, relay=mx.old.example[192.0.2.50]:25, delay=0.5, "
         "delays=0.1/0/0.2/0.2, dsn=4.7.1, status=deferred (host mx.old.example[192.0.2.50] "
         "said: 450 4.7.1 Client host [198.51.100.9] blocked using bl.spamcop.net (in reply "
         "to RCPT TO command))\n").encode()
        for number, stamp in zip(range(BACKFILL), (syslog_stamp, rfc3339_stamp, syslog_stamp)))


def deliveries(textfile):
    samples = textfile.samples() or []
    return sum(value for name, _, value in samples if name == "bouncewatch_deliveries_total")


UNKNOWN_USERS_RULE = ("  - name: unknown-users\n"
                      "    match: { cause: [recipient_unknown] }\n"
                      "    threshold: 1\n"
                      "    window: 15m\n"
                      "    group_by: [destination]\n"
                      "    group_wait: 2s\n")


def plain_and_sendmail(binary):
    scratch = Scratch("bouncewatch-alerts-smtp-")
    sink = Sink(scratch, "sink", free_port())
    daemon = None
    try:
        sink.start()
        sendmail = RecordingSendmail(scratch)
        log, textfile = scratch.join("mail.log"), Textfile(scratch.join("bouncewatch.prom"))
        # Already in the log at the first start (start_at: beginning): listings two hours
        # old, beyond the 15 min window. Counted in the metrics, never mailed about.
        append(log, backfill_lines(time.time() - 7200))
        notifiers = smtp_notifier(sink.port, OPS) + (
            "  - type: sendmail\n"
            f"    path: {sendmail.path}\n"
            "    to: [postmaster@example.net]\n")
        config = scratch.join("bouncewatch.yml")
        alert_config(config, log, scratch.join("state"), textfile.path,
                     blacklisted_rule() + UNKNOWN_USERS_RULE, notifiers)
        daemon = start_daemon(binary, scratch, config)
        wait_for(lambda: deliveries(textfile) >= BACKFILL, TIMEOUT,
                 f"the {BACKFILL} old deliveries counted in the textfile", daemon)
        now = time.time()
        lines, quoted = blacklisting_lines(now)
        append(log, lines + hostile_destination_line(now))

        wait_for(lambda: len(sink.messages()) >= 2, TIMEOUT,
                 "two alert mails at the SMTP sink", daemon)
        wait_for(lambda: len(sendmail.calls()) >= 2, TIMEOUT,
                 "two alert mails at the sendmail script", daemon)
        settle(daemon, 3)
        messages = sink.messages()
        rules = by_rule(raw for raw, _ in messages)
        if sorted(rules) != ["blacklisted", "unknown-users"] or len(messages) != 2:
            raise CheckFailed(f"{len(messages)} mails at the sink for rules {sorted(rules)}, "
                              "expected one for each of blacklisted and unknown-users (and "
                              "none about the SpamCop listing of two hours ago)")
        for _, meta in messages:
            check_envelope(meta, OPS)
        check_alert_mail(rules["blacklisted"][0], OPS, samples=quoted)
        check_hostile_destination_mail(rules["unknown-users"][0], OPS, FROM)

        calls = sendmail.calls()
        rules = by_rule(message for _, message in calls)
        if sorted(rules) != ["blacklisted", "unknown-users"] or len(calls) != 2:
            raise CheckFailed(f"{len(calls)} sendmail calls for rules {sorted(rules)}, "
                              "expected one for each of blacklisted and unknown-users")
        for argv, _ in calls:
            if argv != ["-t", "-oi"]:
                raise CheckFailed(f"sendmail got argv {argv}, expected the default "
                                  "['-t', '-oi']")
        default_sender = f"bouncewatch@{HOSTNAME}"
        check_alert_mail(rules["blacklisted"][0], ["postmaster@example.net"], samples=quoted,
                         sender=default_sender)
        check_hostile_destination_mail(rules["unknown-users"][0], ["postmaster@example.net"],
                                       default_sender)

        check_firing(textfile, daemon)
        check_textfile_sent(textfile, daemon, "smtp")
        check_textfile_sent(textfile, daemon, "sendmail")
        daemon.terminate()
        daemon = None
        print("alerts-smtp: plain SMTP and sendmail: one mail per incident, headers and body "
              "correct, hostile log text kept out of the headers")
    finally:
        if daemon is not None:
            daemon.stop_quietly()
        sink.stop()
        scratch.cleanup()


def tls_and_auth(binary):
    scratch = Scratch("bouncewatch-alerts-tls-")
    cert, key = make_certificate(scratch)
    password_file = scratch.join("smtp-password")
    with open(password_file, "w") as handle:
        handle.write("S3cret pass!\n")
    os.chmod(password_file, 0o600)
    wrong_password = scratch.join("wrong-password")
    with open(wrong_password, "w") as handle:
        handle.write("not it\n")
    os.chmod(wrong_password, 0o600)
    starttls = Sink(scratch, "starttls", free_port(), tls="starttls", cert=cert, key=key,
                    user="alice", password_file=password_file)
    implicit = Sink(scratch, "implicit", free_port(), tls="implicit", cert=cert, key=key,
                    user="alice", password_file=password_file)
    daemon = None
    try:
        starttls.start()
        implicit.start()
        log, textfile = scratch.join("mail.log"), Textfile(scratch.join("bouncewatch.prom"))
        open(log, "wb").close()
        notifiers = (
            smtp_notifier(starttls.port, OPS, tls="starttls", ca_file=cert, username="alice",
                          password_file=password_file, name="relay-starttls")
            + smtp_notifier(implicit.port, ["implicit@example.net"], tls="implicit",
                            ca_file=cert, username="alice", password_file=password_file,
                            name="relay-implicit")
            + smtp_notifier(starttls.port, ["wrong-password@example.net"], tls="starttls",
                            ca_file=cert, username="alice", password_file=wrong_password,
                            name="relay-wrong-password")
            + smtp_notifier(starttls.port, ["untrusted@example.net"], tls="starttls",
                            username="alice", password_file=password_file,
                            name="relay-untrusted"))
        config = scratch.join("bouncewatch.yml")
        alert_config(config, log, scratch.join("state"), textfile.path, blacklisted_rule(),
                     notifiers)
        daemon = start_daemon(binary, scratch, config)
        wait_for(lambda: textfile.samples() is not None, TIMEOUT,
                 "the daemon's first textfile", daemon)
        lines, quoted = blacklisting_lines(time.time())
        append(log, lines)

        wait_for(starttls.messages, TIMEOUT, "the alert mail at the STARTTLS server", daemon)
        wait_for(implicit.messages, TIMEOUT, "the alert mail at the implicit TLS server",
                 daemon)
        for notifier in ("relay-wrong-password", "relay-untrusted"):
            wait_for(
                lambda notifier=notifier: (metric(
                    textfile, "bouncewatch_notifications_total", notifier=notifier,
                    result="failed") or 0) >= 1,
                TIMEOUT, f"a failed delivery counted for {notifier}", daemon)
        settle(daemon, 2)
        for sink, to in ((starttls, OPS), (implicit, ["implicit@example.net"])):
            messages = sink.messages()
            if len(messages) != 1:
                recipients = [meta["rcpt_tos"] for _, meta in messages]
                raise CheckFailed(
                    f"{len(messages)} mails at the {sink.port} server ({recipients}), expected "
                    "one: a wrong password or an untrusted certificate must not deliver")
            raw, meta = messages[0]
            check_envelope(meta, to, user="alice", tls=True)
            check_alert_mail(raw, to, samples=quoted)
        for notifier in ("relay-wrong-password", "relay-untrusted"):
            sent = metric(textfile, "bouncewatch_notifications_total", notifier=notifier,
                          result="sent")
            if sent != 0:
                raise CheckFailed(f"{notifier} counted {sent} sent, expected 0")
        # They failed for the reason they were set up with, not for another.
        with open(daemon.log_path, encoding="utf-8", errors="replace") as handle:
            logged = handle.read()
        for notifier, reason in (("relay-wrong-password", "535"),
                                 ("relay-untrusted", "certificate")):
            if not any(f"notifier {notifier}: " in line and reason in line
                       for line in logged.splitlines()):
                raise CheckFailed(f"no failure of {notifier} naming {reason!r} in the daemon "
                                  "log\n" + daemon.log_tail())
        check_firing(textfile, daemon)
        check_textfile_sent(textfile, daemon, "relay-starttls")
        check_textfile_sent(textfile, daemon, "relay-implicit")
        daemon.terminate()
        daemon = None
        print("alerts-smtp: STARTTLS + AUTH and implicit TLS + AUTH delivered; a wrong "
              "password and an untrusted certificate did not")
    finally:
        if daemon is not None:
            daemon.stop_quietly()
        starttls.stop()
        implicit.stop()
        scratch.cleanup()


def main():
    return run_script(__doc__.splitlines()[0], plain_and_sendmail, tls_and_auth)


if __name__ == "__main__":
    sys.exit(main())
