#!/usr/bin/env python3
"""`bouncewatch digest --format mail` parsed by Python's email package.

Over the example logs plus lines with hostile reply text, all on 2026-11-26: the message is
multipart/alternative with a text/plain and a text/html part, every header line is at most 78
characters, no CR or LF stands alone, and every number of both parts (totals, causes,
destinations, rejects, SASL failures) equals `scan --format json` over the same files.
Hostile reply text (<script>, "><img src=x>, CR/LF, bidi overrides) appears escaped in the
HTML part and never as markup.
"""
import argparse
import email
import email.policy
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HOSTILE_REPLY = (
    '550 5.7.1 <script>alert(1)</script> "><img src=x onerror=alert(2)> '
    "\u202egnp.exe Bcc: victim@example.org"
)
HOSTILE_LINES = [
    "Nov 26 23:10:01 mx1 postfix/smtp[4242]: 1A2B3C4D5E: to=<x@hostile.example>, "
    "relay=mx.hostile.example[192.0.2.66]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=5.7.1, "
    f"status=bounced (host mx.hostile.example[192.0.2.66] said: {HOSTILE_REPLY} "
    "(in reply to end of DATA command))",
    # A reply that carries an escaped CR LF, as a hostile server's multi-line text can.
    "Nov 26 23:10:02 mx1 postfix/smtp[4242]: 1A2B3C4D5F: to=<y@hostile.example>, "
    "relay=mx.hostile.example[192.0.2.66]:25, delay=1, delays=0.1/0/0.4/0.5, dsn=4.0.0, "
    "status=deferred (host mx.hostile.example[192.0.2.66] said: 451 <b>bold</b>\r\n"
    "Subject: injected (in reply to RCPT TO command))",
]
# 2026-11-28 12:00 UTC: the year-less stamps of the logs resolve to 2026.
MTIME = 1_795_867_200


def fail(message):
    print(f"digest-mail: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


class Tables(html.parser.HTMLParser):
    """Every table of the HTML part as rows of cell texts, by the h2 heading before it; the
    small print of a cell (a sample reply in a <span>) is left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables = {}
        self.heading = None
        self.in_heading = False
        self.row = None
        self.cell = None
        self.tags = []

    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "meta"):
            self.tags.append(tag)
        if tag == "h2":
            self.in_heading = True
            self.heading = ""
        elif tag == "table":
            self.tables.setdefault(self.heading, [])
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in self.tags:
            del self.tags[len(self.tags) - 1 - self.tags[::-1].index(tag) :]
        if tag == "h2":
            self.in_heading = False
        elif tag in ("td", "th") and self.row is not None and self.cell is not None:
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[self.heading].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.in_heading:
            self.heading += data
        elif self.cell is not None and "span" not in self.tags:
            self.cell += data


def text_rows(text, title):
    """The rows of a section of the text part: label -> the first two numbers."""
    lines = text.splitlines()
    start = lines.index(title)
    rows = {}
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        words = line.split()
        numbers = [i for i, w in enumerate(words) if re.fullmatch(r"\d+", w)]
        if len(numbers) >= 2 and not line.startswith("    "):
            rows[" ".join(words[: numbers[0]])] = (int(words[numbers[0]]), int(words[numbers[1]]))
    return rows


def check_message(raw, report, to, host="mx1", previous=None):
    """Checks one digest mail against `scan --format json` of its period (`report`) and, when
    given, of the period before (`previous`, the `before` column of the totals). Returns the
    number of causes."""
    # Line ends and header lengths, on the raw bytes.
    check(re.search(rb"\r(?!\n)", raw) is None, "a bare CR in the message")
    check(re.search(rb"(?<!\r)\n", raw) is None, "a bare LF in the message")
    check(all(b < 0x80 for b in raw), "the message is not 7-bit")
    header_block = raw.split(b"\r\n\r\n", 1)[0]
    for line in header_block.split(b"\r\n"):
        check(len(line) <= 78, f"header line longer than 78: {line!r}")
    check(b"\r\nBcc:" not in header_block and b"\r\nSubject: injected" not in header_block,
          "a header was injected")

    message = email.message_from_bytes(raw, policy=email.policy.default)
    check(message.get_content_type() == "multipart/alternative",
          f"content type {message.get_content_type()}")
    parts = list(message.iter_parts())
    check([p.get_content_type() for p in parts] == ["text/plain", "text/html"],
          f"parts {[p.get_content_type() for p in parts]}")
    check(message["To"] == to, f"To {message['To']!r}")
    check(host in message["Subject"], f"Subject {message['Subject']!r}")
    text = parts[0].get_content().replace("\r\n", "\n")
    page = parts[1].get_content().replace("\r\n", "\n")

    # The numbers of the text part.
    deliveries = report["deliveries"]
    expected_totals = {
        "delivery attempts": deliveries["total"], "sent": deliveries["sent"],
        "deferred": deliveries["deferred"], "bounced": deliveries["bounced"],
        "expired": deliveries["expired"], "inbound rejects": report["rejects"]["total"],
        "SASL failures": report["auth_failures"]["total"],
    }
    totals = text_rows(text, "TOTALS")
    for label, value in expected_totals.items():
        check(totals.get(label, (None,))[0] == value,
              f"text {label}: {totals.get(label)} != {value}")
    causes = text_rows(text, "CAUSES")
    expected_causes = {cause: v["total"] for cause, v in report["causes"].items()}
    check({k: v[0] for k, v in causes.items()} == expected_causes,
          f"text causes {causes} != {expected_causes}")
    failures = deliveries["total"] - deliveries["sent"]
    tenths = (failures * 1000 + deliveries["total"] // 2) // deliveries["total"]
    rate = f"{tenths // 10}.{tenths % 10}%"
    check(re.search(rf"^  failure rate +{re.escape(rate)} ", text, re.M) is not None,
          f"text failure rate is not {rate}")

    # The same numbers in the HTML part's tables.
    tables = Tables()
    tables.feed(page)
    html_totals = {row[0]: row[1] for row in tables.tables["Totals"][1:]}
    for label, value in expected_totals.items():
        check(html_totals.get(label) == str(value), f"html {label}: {html_totals.get(label)}")
    check(html_totals.get("failure rate") == rate, f"html rate {html_totals.get('failure rate')}")
    html_causes = {row[0]: int(row[1]) for row in tables.tables["Causes"][1:]}
    check(html_causes == expected_causes, f"html causes {html_causes} != {expected_causes}")
    destinations = {d["domain"]: d for d in report["destinations"]}
    for row in tables.tables["Destinations"][1:]:
        expected = destinations.get(row[0])
        check(expected is not None, f"html destination {row[0]} not in scan")
        total = sum(expected[k] for k in ("sent", "deferred", "bounced", "expired"))
        check(int(row[1]) == total, f"html destination {row[0]} attempts {row[1]} != {total}")
        check(int(row[2]) == total - expected["sent"], f"html destination {row[0]} failed")
    check(len(tables.tables["Destinations"]) > 1, "no destinations in the HTML part")

    # Hostile reply text: escaped, never markup.
    lowered = page.lower()
    for needle in ("<script", "<img", "<b>bold", "\u202e", "\r"):
        check(needle not in lowered, f"HTML part contains {needle!r}")
    check("&lt;script&gt;alert(1)&lt;/script&gt;" in page, "escaped <script> not shown")
    check("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in page, "escaped <img> not shown")
    check("\\u{202e}" in page, "the bidi override is not shown as an escape")
    check("\u202e" not in text and "\r" not in text, "hostile characters in the text part")
    if previous is not None:
        before = previous["deliveries"]
        for label, value in (("delivery attempts", before["total"]), ("sent", before["sent"]),
                             ("bounced", before["bounced"]), ("deferred", before["deferred"])):
            check(totals.get(label, (None, None))[1] == value,
                  f"text {label} before: {totals.get(label)} != {value}")
    return len(expected_causes)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="bouncewatch-digest-")
    try:
        logs = []
        for name in ("mail.log", "exim-mainlog"):
            path = os.path.join(scratch, name)
            shutil.copyfile(os.path.join("examples", name), path)
            logs.append(path)
        with open(logs[0], "a", encoding="utf-8", newline="\n") as log:
            for line in HOSTILE_LINES:
                log.write(line + "\n")
        for path in logs:
            os.utime(path, (MTIME, MTIME))
        env = dict(os.environ, TZ="UTC")
        mail = subprocess.run(
            [args.binary, "digest", "--period", "2026-11-26..2026-11-27", "--format", "mail",
             "--to", "postmaster@example.net", "--hostname", "mx1", *logs],
            env=env, capture_output=True, check=False)
        check(mail.returncode == 0, f"digest exited {mail.returncode}: {mail.stderr!r}")
        scan = subprocess.run(
            [args.binary, "scan", "--format", "json", *logs], env=env, capture_output=True,
            check=False)
        check(scan.returncode == 0, f"scan exited {scan.returncode}: {scan.stderr!r}")
        report = json.loads(scan.stdout)
        raw = mail.stdout
        with open(os.path.join(scratch, "digest.eml"), "wb") as out:
            out.write(raw)

        causes = check_message(raw, report, "postmaster@example.net")
        deliveries = report["deliveries"]
        kept = f"; message in {scratch}/digest.eml" if os.environ.get("BOUNCEWATCH_KEEP_SCRATCH") else ""
        print(f"digest-mail: OK ({len(raw)} bytes, {causes} causes, "
              f"{deliveries['total']} attempts{kept})")
    finally:
        if os.environ.get("BOUNCEWATCH_KEEP_SCRATCH") is None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
