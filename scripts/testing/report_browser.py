#!/usr/bin/env python3
"""`bouncewatch scan --format html` rendered by a real browser: headless Chromium.

    report_browser.py --binary PATH

The example logs plus hostile lines written for this test (markup, an attribute break-out and
bidi overrides in a reply text, a recipient and a relay host) go through `scan --format html`.
Chromium loads the page from a file with every host name resolving to nothing
(`--host-resolver-rules`) and a net log; the test checks:

- the page asks for nothing: no request of the page's own in the net log (requests Chromium
  makes for itself, such as update checks, have no page as initiator and are left aside) and
  no console message at all (a blocked request or a policy violation would print one);
- the DOM as the browser built it: no script, image, frame or event-handler attribute; the
  hostile texts are there, as text; the time chart has exactly one `g.series` per cause of a
  failed delivery in `scan --format json` over the same input, and the block-list chart one
  per list; the Senders and Authenticated users tables have one row per sender domain and
  SASL user of the JSON's `senders` (hostile names among them), with its counts;
- screenshots at 1280 and 390 px wide are not blank (decoded here, pixel by pixel).

A control page first proves the detectors work: its image request and its console message
must both be seen. The page, the screenshots and the logs are kept in the scratch directory
when a check fails (its path is printed), and with BOUNCEWATCH_KEEP_SCRATCH=1.
"""

import argparse
import html.parser
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

HOSTILE_LINES = [
    # A bounce whose reply carries a script, an attribute break-out and a bidi override.
    "Nov 26 12:00:00 mx1 postfix/smtp[4242]: 5A1B2C3D4E: to=<eve@evil.example>,"
    " relay=mx.evil.example[192.0.2.66]:25, delay=1, delays=0/0/0/1, dsn=5.7.1,"
    " status=bounced (host mx.evil.example[192.0.2.66] said: 550 5.7.1"
    " <script>document.title='pwned'</script> \"><img src=x onerror=alert(1)>"
    " \u202egpj.exe rejected (in reply to end of DATA command))",
    # A recipient domain and a relay host made of markup.
    "Nov 26 12:00:01 mx1 postfix/smtp[4242]: 5A1B2C3D4F: to=<a@\"><svg/onload=alert(2)>.example>,"
    " relay=<b>x</b>[192.0.2.67]:25, delay=1, delays=0/0/0/1, dsn=4.4.1,"
    " status=deferred (connect to <b>x</b>[192.0.2.67]:25: Connection refused)",
    # A listing by a block list, with a bidi isolate in the text.
    "Nov 26 12:00:02 mx1 postfix/smtp[4242]: 5A1B2C3D50: to=<bob@example.org>,"
    " relay=mx.example.org[192.0.2.68]:25, delay=1, delays=0/0/0/1, dsn=5.7.1,"
    " status=bounced (host mx.example.org[192.0.2.68] said: 554 5.7.1 Service unavailable;"
    " Client host [203.0.113.5] blocked using zen.spamhaus.org \u2066<i>x</i>\u2069"
    " (in reply to RCPT TO command))",
    # A message whose SASL login and sender domain are markup, then its deferred delivery: the
    # Senders and Authenticated users tables show them.
    "Nov 26 12:00:03 mx1 postfix/submission/smtpd[4243]: 5A1B2C3D51: client=unknown[192.0.2.70],"
    " sasl_method=PLAIN, sasl_username=<b>mallory</b>\u202e",
    "Nov 26 12:00:03 mx1 postfix/qmgr[4244]: 5A1B2C3D51: from=<m@\"&<svg/onload=alert(3)//.example>,"
    " size=1200, nrcpt=1 (queue active)",
    "Nov 26 12:00:04 mx1 postfix/smtp[4242]: 5A1B2C3D51: to=<dan@example.org>,"
    " relay=mx.example.org[192.0.2.68]:25, delay=1, delays=0/0/0/1, dsn=4.4.2,"
    " status=deferred (conversation with mx.example.org[192.0.2.68] timed out while receiving"
    " the initial server greeting)",
]


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def chromium(scratch, name, args, url):
    """Runs headless Chromium once; returns (stdout, stderr, net log events of the page)."""
    profile = os.path.join(scratch, "profile-" + name)
    netlog = os.path.join(scratch, name + ".netlog.json")
    command = [
        CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--hide-scrollbars", "--force-device-scale-factor=1",
        "--user-data-dir=" + profile, "--host-resolver-rules=MAP * ~NOTFOUND",
        "--log-net-log=" + netlog, "--enable-logging=stderr", "--v=0",
    ] + args + [url]
    result = subprocess.run(command, capture_output=True, timeout=60, text=True, errors="replace")
    with open(os.path.join(scratch, name + ".stderr"), "w") as handle:
        handle.write(result.stderr)
    shutil.rmtree(profile, ignore_errors=True)
    check(result.returncode == 0, f"chromium ({name}) exited {result.returncode}: {result.stderr[-2000:]}")
    return result.stdout, result.stderr, page_requests(netlog)


def page_requests(netlog):
    """URLs the page asked for: URL requests with a page as initiator (Chromium's own
    background requests say 'not an origin'), other than file: and data: URLs."""
    with open(netlog) as handle:
        log = json.load(handle)
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log["events"]:
        params = event.get("params", {})
        if event.get("type") != start_job or "url" not in params:
            continue
        if params.get("initiator") == "not an origin":
            continue
        if params["url"].startswith(("file:", "data:")):
            continue
        urls.append(params["url"])
    return urls


def console_messages(stderr):
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


class DOM(html.parser.HTMLParser):
    """The elements of the DOM Chromium serialized, with their attributes and ancestors."""

    VOID = {"meta", "link", "br", "hr", "img", "input", "rect", "line", "source", "wbr", "col"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, attrs dict, ancestor section id)
        self.stack = []
        self.text = []
        self.rows = []  # (section id, [cell texts]) of each table body row
        self.cell = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        section = next((a.get("id") for t, a in reversed(self.stack) if t == "section"), None)
        self.elements.append((tag, attributes, section))
        if tag == "tr" and any(t == "tbody" for t, _ in self.stack):
            self.rows.append((section, []))
        elif tag == "td" and self.rows:
            self.cell = []
        if tag not in self.VOID:
            self.stack.append((tag, attributes))

    def handle_startendtag(self, tag, attrs):
        section = next((a.get("id") for t, a in reversed(self.stack) if t == "section"), None)
        self.elements.append((tag, dict(attrs), section))

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.rows[-1][1].append("".join(self.cell))
            self.cell = None
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        self.text.append(data)
        if self.cell is not None:
            self.cell.append(data)

    def table(self, section):
        """The body rows of the tables in `section`, as lists of cell texts."""
        return [cells for name, cells in self.rows if name == section]


def png_pixels(path):
    """Width, height and the RGBA rows of an 8-bit RGB(A) PNG, decoded with zlib."""
    with open(path, "rb") as handle:
        data = handle.read()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")
    offset = 8
    idat = b""
    width = height = None
    channels = 0
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            check(depth == 8 and color in (2, 6), f"{path}: unexpected PNG format {depth}/{color}")
            channels = 4 if color == 6 else 3
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows = []
    previous = bytearray(stride)
    position = 0
    for _ in range(height):
        kind = raw[position]
        line = bytearray(raw[position + 1:position + 1 + stride])
        position += 1 + stride
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def check_not_blank(path, width):
    got_width, height, channels, rows = png_pixels(path)
    check(got_width == width, f"{path}: {got_width} px wide, expected {width}")
    background = rows[0][:channels]
    colours = set()
    differing = 0
    total = 0
    for row in rows[::4]:
        for x in range(0, len(row), channels * 4):
            pixel = row[x:x + channels]
            total += 1
            colours.add(pixel)
            if pixel != background:
                differing += 1
    share = differing / total
    check(share > 0.05, f"{path}: only {share:.1%} of the pixels differ from the background")
    check(len(colours) >= 16, f"{path}: only {len(colours)} colours")
    return share, len(colours)


def scan_json(binary, inputs):
    result = subprocess.run([binary, "scan", "--senders", "--format", "json"] + inputs,
                            capture_output=True, text=True, timeout=60,
                            env=dict(os.environ, TZ="UTC"))
    check(result.returncode == 0, f"scan --format json failed: {result.stderr}")
    return json.loads(result.stdout)


def expected_causes(report):
    causes = {name for name, counts in report["causes"].items()
              if counts["deferred"] + counts["bounced"] + counts["expired"] > 0}
    lists = {entry["name"] for entry in report["blocklists"]}
    return causes, lists


def shown_name(name):
    """A name as the page shows it: bidi and other invisible characters as escapes."""
    return "".join(f"\\u{{{ord(c):x}}}" if ord(c) in INVISIBLE else c for c in name)


INVISIBLE = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B}


def expected_sender_rows(report, rows_key, other_key, name_key):
    """The rows the page's table must show for one half of the JSON's `senders`: name, the
    four counts, in the JSON's order, `other` last."""
    senders = report["senders"]
    entries = senders[rows_key] + ([senders[other_key]] if senders[other_key] else [])
    return [[shown_name(entry[name_key])] + [str(entry[status]) for status in
                                             ("sent", "deferred", "bounced", "expired")]
            for entry in entries]


def check_sender_tables(dom, report):
    """The Senders and Authenticated users tables against `scan --format json`."""
    found = 0
    for section, rows_key, other_key, name_key in (
            ("senders", "domains", "other_domains", "sender_domain"),
            ("users", "sasl_users", "other_sasl_users", "sasl_username")):
        expected = expected_sender_rows(report, rows_key, other_key, name_key)
        shown = [cells[:5] for cells in dom.table(section)]
        check(expected, f"scan --format json has no {rows_key}: the test input lost its senders")
        check(shown == expected, f"the {section} table shows {shown}, the JSON {expected}")
        found += len(shown)
    return found


def run(binary, scratch):
    started = time.monotonic()
    check(CHROMIUM is not None, "chromium is not installed (Debian package `chromium`; "
          "scripts/install-deps.sh test installs it)")

    # The control page: one image request and one console message that must both be seen.
    control = os.path.join(scratch, "control.html")
    with open(control, "w") as handle:
        handle.write("<!DOCTYPE html><title>control</title><img src=\"http://blocked.example/x.png\">"
                     "<script>console.error('control-message')</script>")
    _, stderr, requests = chromium(scratch, "control", ["--dump-dom"], "file://" + control)
    check(any("blocked.example" in url for url in requests),
          f"the net log did not show the control page's request: {requests}")
    check(any("control-message" in line for line in console_messages(stderr)),
          "the console message of the control page was not seen on stderr")

    # The report.
    log = os.path.join(scratch, "hostile.log")
    with open(log, "w", encoding="utf-8") as handle:
        handle.write("\n".join(HOSTILE_LINES) + "\n")
    os.utime(log, (1795737600, 1795737600))  # 2026-11-27T00:00:00Z: the stamps are 2026's
    # The hostile log first: each cause shows the first reply seen as its sample.
    inputs = [log, "examples/mail.log", "examples/exim-mainlog"]
    page = os.path.join(scratch, "report.html")
    with open(page, "wb") as handle:
        result = subprocess.run([binary, "scan", "--senders", "--format", "html"] + inputs,
                                stdout=handle, stderr=subprocess.PIPE, timeout=60,
                                env=dict(os.environ, TZ="UTC"))
    check(result.returncode == 0, f"scan --format html failed: {result.stderr!r}")
    url = "file://" + page

    dom_text, stderr, requests = chromium(scratch, "report", ["--dump-dom"], url)
    check(requests == [], f"the report asked the network for: {requests}")
    check(console_messages(stderr) == [], f"console messages: {console_messages(stderr)}")
    dom = DOM()
    dom.feed(dom_text)
    tags = [tag for tag, _, _ in dom.elements]
    for forbidden in ("script", "img", "iframe", "object", "embed", "link", "image", "foreignobject"):
        check(forbidden not in tags, f"a <{forbidden}> element is in the DOM")
    handlers = [(tag, name) for tag, attributes, _ in dom.elements for name in attributes
                if name.startswith("on")]
    check(handlers == [], f"event-handler attributes in the DOM: {handlers}")
    text = "".join(dom.text)
    for hostile in ("<script>document.title='pwned'</script>", "\"><img src=x onerror=alert(1)>",
                    "\\u{202e}gpj.exe", "\\u{2066}<i>x</i>\\u{2069}", "<b>mallory</b>\\u{202e}",
                    "\"&<svg/onload=alert(3)//.example"):
        check(hostile in text, f"the hostile text {hostile!r} is not shown as text")
    check("\u202e" not in text and "\u2066" not in text, "a bidi control reached the page's text")
    title = next((a for t, a, _ in dom.elements if t == "title"), None)
    check("pwned" not in dom_text.split("</title>")[0], "the title was changed")

    report = scan_json(binary, inputs)
    causes, lists = expected_causes(report)
    sender_rows = check_sender_tables(dom, report)
    series = [a.get("data-series") for t, a, s in dom.elements
              if t == "g" and "series" in a.get("class", "").split() and s == "timeline"]
    check(sorted(series) == sorted(causes),
          f"time chart series {sorted(series)} != causes of failed deliveries {sorted(causes)}")
    check(len(series) == len(set(series)), f"a cause has two series: {series}")
    check(len([1 for t, _, s in dom.elements if t == "svg" and s == "timeline"]) == 1,
          "the time chart's <svg> is missing")
    list_series = [a.get("data-series") for t, a, s in dom.elements
                   if t == "g" and "series" in a.get("class", "").split() and s == "blocklists"]
    check(sorted(list_series) == sorted(lists),
          f"block-list chart series {sorted(list_series)} != block lists {sorted(lists)}")
    rects = [1 for t, _, s in dom.elements if t == "rect" and s == "timeline"]
    check(len(rects) >= len(causes), f"only {len(rects)} bars in the time chart")

    figures = []
    for width in (1280, 390):
        shot = os.path.join(scratch, f"report-{width}.png")
        _, stderr, requests = chromium(
            scratch, f"shot-{width}", [f"--window-size={width},1600", "--screenshot=" + shot], url)
        check(requests == [], f"the report asked the network for ({width} px): {requests}")
        check(console_messages(stderr) == [], f"console messages: {console_messages(stderr)}")
        share, colours = check_not_blank(shot, width)
        figures.append(f"{width} px: {share:.0%} drawn, {colours} colours")

    print(f"report-browser: {len(series)} cause series, {len(list_series)} block-list series, "
          f"{sender_rows} sender and user rows, "
          f"no request, no console message; {'; '.join(figures)}; "
          f"{time.monotonic() - started:.1f} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    arguments = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="bouncewatch-report-browser.")
    keep = os.environ.get("BOUNCEWATCH_KEEP_SCRATCH") == "1"
    try:
        run(os.path.abspath(arguments.binary), scratch)
    except (CheckFailed, subprocess.TimeoutExpired) as error:
        print(f"report-browser: FAILED: {error}", file=sys.stderr)
        print(f"report-browser: page, screenshots and logs kept in {scratch}", file=sys.stderr)
        sys.exit(1)
    if keep:
        print(f"report-browser: page and screenshots in {scratch}")
    else:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
