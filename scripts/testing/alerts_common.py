"""Shared pieces of the alert tests that run the real `bouncewatch run` daemon.

Used by scripts/testing/alerts_smtp.py, alerts_relay_down.py and alerts_alertmanager.py:
free loopback ports, the SMTP sink (scripts/testing/smtp_sink.py) as a child process, a
self-signed certificate made with openssl, Postfix lines stamped with the current time (with
a Spamhaus ZEN listing and hostile text in them), the daemon's configuration, and the checks
of a received alert mail. Every wait is bounded; a timeout fails with the daemon's log.
"""

import argparse
import base64
import email
import email.policy
import json
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from crash_daemon import (  # noqa: E402
    CheckFailed,
    Daemon,
    Scratch,
    file_source,
    free_port,
    main_wrapper,
    require_binary,
    stop_process,
    wait_for,
    write_config,
)

TESTING = os.path.dirname(os.path.abspath(__file__))
SMTP_SINK = os.path.join(TESTING, "smtp_sink.py")
# The Debian python3, which has python3-aiosmtpd; a python3 earlier on PATH may not.
SYSTEM_PYTHON = "/usr/bin/python3"

LISTED_IP = "203.0.113.5"
BLOCKLIST = "zen.spamhaus.org"
# How subjects and bodies name it.
BLOCKLIST_SHOWN = "Spamhaus ZEN"
DELIST_URL = "https://check.spamhaus.org/"
HOSTNAME = "mx1"
FROM = "bouncewatch@mx1.example.net"

# The headers an alert mail has, and no other (docs/alerts.md, "The mail").
EXPECTED_HEADERS = [
    "Date",
    "From",
    "To",
    "Subject",
    "Message-ID",
    "References",
    "Auto-Submitted",
    "X-Auto-Response-Suppress",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "X-Bouncewatch-Rule",
    "X-Bouncewatch-State",
    "X-Bouncewatch-Fingerprint",
]


def require_tool(name):
    """The path of a program, or a failure naming the package list that provides it."""
    path = shutil.which(name)
    if path is None:
        raise CheckFailed(
            f"{name} is not installed (scripts/integration/packages.txt; run `make deps-test`)"
        )
    return path


# MARK: - The SMTP sink


class Sink:
    """scripts/testing/smtp_sink.py on a loopback port, storing messages in a directory."""

    def __init__(self, scratch, name, port, tls="none", cert=None, key=None, user=None,
                 password_file=None):
        self.directory = scratch.join(name + "-mail")
        self.ready = scratch.join(name + ".ready")
        self.log_path = scratch.join(name + ".log")
        self.port = port
        self.arguments = [SYSTEM_PYTHON, SMTP_SINK, "--port", str(port), "--dir",
                          self.directory, "--tls", tls, "--ready-file", self.ready]
        if cert:
            self.arguments += ["--cert", cert, "--key", key]
        if user:
            self.arguments += ["--user", user, "--password-file", password_file]
        self.process = None

    def start(self):
        if os.path.exists(self.ready):
            os.unlink(self.ready)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.arguments, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        deadline = time.monotonic() + 20
        while not os.path.exists(self.ready):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise CheckFailed(
                    "smtp_sink.py did not start (is python3-aiosmtpd installed?)\n"
                    + self.log_tail())
            time.sleep(0.05)

    def stop(self):
        stop_process(self.process)
        self.process = None

    def messages(self):
        """[(raw bytes, metadata)] of every stored message, in arrival order."""
        if not os.path.isdir(self.directory):
            return []
        numbers = sorted(int(name[:-4]) for name in os.listdir(self.directory)
                         if name.endswith(".eml"))
        found = []
        for number in numbers:
            stem = os.path.join(self.directory, str(number))
            with open(stem + ".eml", "rb") as raw, open(stem + ".json") as meta:
                found.append((raw.read(), json.load(meta)))
        return found

    def log_tail(self):
        try:
            with open(self.log_path, "rb") as handle:
                return "sink log:\n" + handle.read()[-3000:].decode("utf-8", "replace")
        except FileNotFoundError:
            return "(no sink log)"


def make_certificate(scratch):
    """A self-signed certificate for 127.0.0.1 made with openssl; (cert, key) paths."""
    openssl = require_tool("openssl")
    cert, key = scratch.join("sink-cert.pem"), scratch.join("sink-key.pem")
    result = subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", key, "-out", cert],
        stdin=subprocess.DEVNULL, capture_output=True)
    if result.returncode != 0:
        raise CheckFailed("openssl req failed: " + result.stderr.decode("utf-8", "replace"))
    return cert, key


# MARK: - Log lines


def syslog_stamp(moment):
    """`Nov 27 07:50:01`, Postfix's classic syslog stamp, in UTC (the daemon runs with TZ=UTC)."""
    parts = time.gmtime(moment)
    return time.strftime("%b ", parts) + f"{parts.tm_mday:2d}" + time.strftime(" %H:%M:%S", parts)


def rfc3339_stamp(moment):
    """`2026-11-27T07:50:01.250000+00:00`, rsyslog's high-precision stamp."""
    micros = int((moment % 1) * 1_000_000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(moment)) + f".{micros:06d}+00:00"


LONG_FILLER = "A" * 6000


def blacklisting_lines(moment, ip=LISTED_IP):
    """Postfix delivery lines that a Spamhaus ZEN listing of `ip` caused, stamped `moment`.

    The first is as a real receiver writes it; the others carry hostile text in the reply,
    as it reaches a log: CR/LF escaped by rsyslog (`#015#012`), a raw CR byte, RFC 2047
    encoded-words, header-like text, a bidi override, a byte that is not UTF-8, and one line
    of over 6 KB. The last three are the ones the mail quotes (it keeps the latest three).
    Returns (bytes of every line joined, [the queue ids of the last three lines]).
    """
    syslog, precise = syslog_stamp(moment), rfc3339_stamp(moment)
    reply = (f"554 5.7.1 Service unavailable; Client host [{ip}] blocked using {BLOCKLIST}; "
             f"https://www.spamhaus.org/query/ip/{ip}")
    lines = [
        f"{syslog} {HOSTNAME} postfix/smtp[4242]: 1A2B3C4D01: to=<alice@gmail.example>, "
        f"relay=mx.gmail.example[192.0.2.25]:25, delay=1.4, delays=0.1/0/0.7/0.6, dsn=5.7.1, "
        f"status=bounced (host mx.gmail.example[192.0.2.25] said: {reply} "
        f"(in reply to RCPT TO command))",
        f"{precise} {HOSTNAME} postfix/smtp[4243]: 1A2B3C4D02: to=<bob@yahoo.example>, "
        f"relay=mx.yahoo.example[192.0.2.26]:25, delay=0.9, delays=0.1/0/0.4/0.4, dsn=4.7.1, "
        f"status=deferred (host mx.yahoo.example[192.0.2.26] said: 451 4.7.1 Client host "
        f"[{ip}] blocked using {BLOCKLIST}#015#012Subject: you are hacked#015#012"
        f"Bcc: victim@evil.example (in reply to RCPT TO command))",
        f"{syslog} {HOSTNAME} postfix/smtp[4244]: 1A2B3C4D03: to=<carol@outlook.example>, "
        f"relay=mx.outlook.example[192.0.2.27]:25, delay=0.8, delays=0.1/0/0.3/0.4, dsn=5.7.1, "
        f"status=bounced (host mx.outlook.example[192.0.2.27] said: 554 5.7.1 "
        f"=?utf-8?B?U3ViamVjdDogZXZpbA==?= \u202eevil\u202c Client host [{ip}] blocked using "
        f"{BLOCKLIST}\rX-Injected: yes =?utf-8?q?To:_attacker@evil.example?= "
        f"(in reply to RCPT TO command))",
        f"{syslog} {HOSTNAME} postfix/smtp[4245]: 1A2B3C4D04: to=<dave@web.example>, "
        f"relay=mx.web.example[192.0.2.28]:25, delay=0.7, delays=0.1/0/0.3/0.3, dsn=5.7.1, "
        f"status=bounced (host mx.web.example[192.0.2.28] said: {reply} \\r\\nSubject: fake "
        f"{LONG_FILLER} (in reply to RCPT TO command))",
    ]
    encoded = [line.encode("utf-8") for line in lines]
    # A Latin-1 byte, as a receiver sending 8-bit text leaves it in the log.
    encoded[1] = encoded[1].replace(b"Client host", b"Client h\xf6st")
    return b"".join(line + b"\n" for line in encoded), ["1A2B3C4D02", "1A2B3C4D03", "1A2B3C4D04"]


# A recipient domain as a hostile receiver or sender can get it into the log: the parser takes
# it as it stands (after the last @), and it reaches the subject of a rule grouped by
# destination. Lower case, as the daemon keeps domains.
HOSTILE_DOMAIN = "evil.example=?utf-8?q?bcc:_victim?=#015#012subject:x\r\u202eto:y"


def hostile_destination_line(moment):
    """A bounce (unknown user) to HOSTILE_DOMAIN, stamped `moment`."""
    return (f"{syslog_stamp(moment)} {HOSTNAME} postfix/smtp[4246]: 1A2B3C4D05: "
            f"to=<x@{HOSTILE_DOMAIN}>, relay=mx.evil.example[192.0.2.29]:25, delay=0.7, "
            "delays=0.1/0/0.3/0.3, dsn=5.1.1, status=bounced (host "
            "mx.evil.example[192.0.2.29] said: 550 5.1.1 User unknown (in reply to RCPT TO "
            "command))\n").encode("utf-8")


def append(path, data):
    """Appends in one write, so the daemon reads every line in one batch."""
    with open(path, "ab") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


# MARK: - Configuration


def alert_config(path, log, state, textfile, alerts_yaml, notifiers_yaml):
    """The alert checks' daemon configuration: one file source on `log` read from its start,
    hostname mx1, only these rules and notifiers."""
    write_config(path, file_source(log), state, textfile, top=None, alerts_yaml=alerts_yaml,
                 notifiers_yaml=notifiers_yaml, hostname=HOSTNAME)


def blacklisted_rule(window="15m", group_wait="2s", name="blacklisted"):
    return (f"  - name: {name}\n"
            "    match: { cause: [blacklisted] }\n"
            "    threshold: 1\n"
            f"    window: {window}\n"
            "    group_by: [blocklist]\n"
            f"    group_wait: {group_wait}\n")


def smtp_notifier(port, to, tls="none", ca_file=None, username=None, password_file=None,
                  name=None):
    text = ("  - type: smtp\n"
            f"    server: 127.0.0.1:{port}\n"
            f"    tls: {tls}\n"
            f"    from: {FROM}\n"
            f"    to: [{', '.join(to)}]\n"
            "    timeout: 10s\n")
    if ca_file:
        text += f"    ca_file: {ca_file}\n"
    if username:
        text += f"    username: {username}\n    password_file: {password_file}\n"
    if name:
        text += f"    name: {name}\n"
    return text


def start_daemon(binary, scratch, config):
    daemon = Daemon(binary, config, scratch.join("daemon.log"),
                    environment={"BOUNCEWATCH_LOG_LEVEL": "info"})
    daemon.start()
    return daemon


# MARK: - Metrics


def metric(textfile, name, **labels):
    """The value of one sample of the textfile, or None when it (or the file) is absent."""
    samples = textfile.samples()
    if samples is None:
        return None
    for sample_name, sample_labels, value in samples:
        if sample_name == name and all(sample_labels.get(k) == v for k, v in labels.items()):
            return value
    return None


# MARK: - The alert mail


def header_block(raw):
    """The raw header section (bytes, without the blank line) and the body."""
    for separator in (b"\r\n\r\n", b"\n\n"):
        index = raw.find(separator)
        if index >= 0:
            return raw[:index], raw[index + len(separator):]
    raise CheckFailed("the message has no blank line between header and body")


def check_raw_message(raw, forbidden_texts):
    """Structure checks on the bytes as received: every line ends in CRLF (or every line in
    LF), no bare CR or LF, 7-bit ASCII, body lines within 998 characters, header lines
    within 78 (long identifiers are folded before the `<`), and
    exactly the expected header fields, each once. Returns the header names in order."""
    problems = []
    if b"\r\n" in raw:
        if re.search(rb"\r(?!\n)", raw) or re.search(rb"(?<!\r)\n", raw):
            problems.append("a bare CR or LF among CRLF line ends")
        ending = b"\r\n"
    else:
        if b"\r" in raw:
            problems.append("a CR in a message with LF line ends")
        ending = b"\n"
    if any(byte > 0x7F or (byte < 0x20 and byte not in (0x09, 0x0A, 0x0D)) for byte in raw):
        problems.append("a byte that is not printable 7-bit ASCII")
    head, body = header_block(raw)
    head_lines = head.split(ending)
    for line in head_lines:
        if len(line) > 78:
            problems.append(f"a header line of {len(line)} characters: {line[:100]!r}")
    for line in body.split(ending):
        if len(line) > 998:
            problems.append(f"a body line of {len(line)} characters")
    names = []
    for line in head_lines:
        if line[:1] in (b" ", b"\t"):
            if not names:
                problems.append("the header starts with a continuation line")
            continue
        name, colon, _ = line.partition(b":")
        if not colon or not re.fullmatch(rb"[A-Za-z0-9-]+", name):
            problems.append(f"a header line that is not a field: {line[:100]!r}")
            continue
        names.append(name.decode())
    if sorted(names) != sorted(EXPECTED_HEADERS):
        problems.append(f"header fields {names}, expected exactly {EXPECTED_HEADERS}")
    for text in forbidden_texts:
        if text.encode() in head:
            problems.append(f"log text {text!r} reached the header")
    if problems:
        raise CheckFailed("raw message: " + "; ".join(problems) + "\n" + raw[:3000].decode(
            "ascii", "replace"))
    return names


def parse_mail(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def check_alert_mail(raw, to, rule="blacklisted", samples=(), state="firing", sender=FROM):
    """Every check on one alert mail about the Spamhaus ZEN listing; returns the parsed mail."""
    check_raw_message(raw, ["you are hacked", "victim@evil.example", "X-Injected",
                            "attacker@evil.example", "Subject: fake", "Subject: evil"])
    mail = parse_mail(raw)
    problems = []
    subject = str(mail["Subject"])
    expected_subject = f"[bouncewatch] {HOSTNAME}: "
    if state == "resolved":
        expected_subject += "RESOLVED "
    expected_subject += f"blacklisted by {BLOCKLIST_SHOWN} ({LISTED_IP})"
    if not subject.startswith(expected_subject):
        problems.append(f"Subject {subject!r} does not start with {expected_subject!r}")
    if mail["X-Bouncewatch-Rule"] != rule:
        problems.append(f"X-Bouncewatch-Rule {mail['X-Bouncewatch-Rule']!r}, expected {rule!r}")
    if mail["X-Bouncewatch-State"] != state:
        problems.append(f"X-Bouncewatch-State {mail['X-Bouncewatch-State']!r}, expected {state}")
    if mail["Auto-Submitted"] != "auto-generated":
        problems.append(f"Auto-Submitted {mail['Auto-Submitted']!r}")
    if str(mail["From"]) != sender:
        problems.append(f"From {mail['From']!r}, expected {sender}")
    got_to = [address.addr_spec for address in mail["To"].addresses]
    if got_to != list(to):
        problems.append(f"To {got_to}, expected {list(to)}")
    date = mail["Date"]
    if date is None or date.datetime is None:
        problems.append("no parseable Date")
    elif abs(date.datetime.timestamp() - time.time()) > 600:
        problems.append(f"Date {date} is not about now")
    # Folded before the `<` when the line would pass 78 characters: unfold before checking.
    message_id = re.sub(r"\s+", " ", str(mail["Message-ID"] or "")).strip()
    if not re.fullmatch(r"<[^<>@\s]+@[^<>@\s]+>", message_id):
        problems.append(f"Message-ID {message_id!r} is not <local@domain>")
    if mail["MIME-Version"] != "1.0":
        problems.append(f"MIME-Version {mail['MIME-Version']!r}")
    if mail.get_content_type() != "text/plain" or mail.get_content_charset() != "utf-8":
        problems.append(f"Content-Type {mail['Content-Type']!r}, expected text/plain utf-8")
    if mail["Content-Transfer-Encoding"] != "quoted-printable":
        problems.append(f"Content-Transfer-Encoding {mail['Content-Transfer-Encoding']!r}")
    body = mail.get_payload(decode=True)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(f"the body is not UTF-8: {error}")
        text = body.decode("utf-8", "replace")
    text = text.replace("\r\n", "\n")
    for needed in (LISTED_IP, BLOCKLIST, DELIST_URL, "Sample log lines"):
        if needed not in text:
            problems.append(f"the body does not mention {needed!r}")
    problems += check_quoted_samples(text, samples)
    if problems:
        raise CheckFailed("alert mail: " + "; ".join(problems) + "\n--- body:\n" + text)
    return mail


def check_quoted_samples(text, queue_ids):
    """The sample lines with these queue ids are quoted (`  | `), hostile bytes escaped."""
    problems = []
    quoted = [line for line in text.split("\n") if line.startswith(("  | ", "  + "))]
    joined = "\n".join(quoted)
    for queue_id in queue_ids:
        if not any(line.startswith("  | ") and queue_id in line for line in quoted):
            problems.append(f"no quoted sample line with {queue_id}")
    if queue_ids:
        # What the hostile lines must look like once quoted.
        for needed in ("#015#012Subject: you are hacked", "\\x0dX-Injected: yes", "[cut: ",
                       "=?utf-8?B?U3ViamVjdDogZXZpbA==?=", "\\u{202e}evil\\u{202c}",
                       "=?utf-8?q?To:_attacker@evil.example?="):
            if needed not in joined.replace("\n  + ", "").replace("\n  | ", ""):
                problems.append(f"the quoted samples do not show {needed!r}")
        if "\u202e" in text:
            problems.append("a raw bidi override reached the body")
    return problems


def message_id_of(raw):
    return str(parse_mail(raw)["Message-ID"]).strip()


def outbox_files(state, notifier):
    directory = os.path.join(state, "outbox", notifier)
    if not os.path.isdir(directory):
        return []
    return sorted(os.path.join(directory, name) for name in os.listdir(directory)
                  if name.endswith(".alert") and not name.startswith("."))


def outbox_message(path):
    """The mail stored in one outbox file (JSON; `message` is base64)."""
    with open(path) as handle:
        record = json.load(handle)
    return base64.b64decode(record["message"]), record


def run_script(description, *steps):
    """The scripts' `main`: `--binary` (default $BOUNCEWATCH_BIN), then each step with the
    binary in turn; a CheckFailed becomes `FAIL: ...` and exit status 1."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--binary", default=os.environ.get("BOUNCEWATCH_BIN"))
    args = parser.parse_args()

    def run():
        binary = require_binary(args.binary)
        for step in steps:
            step(binary)

    return main_wrapper(run)
