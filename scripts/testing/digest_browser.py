#!/usr/bin/env python3
"""The HTML part of `bouncewatch digest --format mail` in headless Chromium.

The part is taken from the message Python's email package parses (the example logs plus hostile
reply text, as in digest_mail.py) and opened as a file at 1280 and at 390 px width: the page
must log nothing to the console, start no network request of its own (Chromium's net log,
with every host name resolving to nothing), and its screenshot must not be blank. The checks are
first run on a page with an image from the network and a console error, and must catch both,
so a broken check cannot pass. Screenshots are left in the scratch directory when
BOUNCEWATCH_KEEP_SCRATCH is set.
"""
import argparse
import email
import email.policy
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from digest_mail import HOSTILE_LINES, MTIME  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def fail(message):
    print(f"digest-browser: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def png_pixels(path):
    """(width, height, rows of RGB(A) tuples) of an 8-bit RGB or RGBA PNG."""
    with open(path, "rb") as file:
        data = file.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG")
    offset, idat, header = 8, b"", None
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        chunk = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        offset += 12 + length
    width, height, depth, colour = header[0], header[1], header[2], header[3]
    if depth != 8 or colour not in (2, 6):
        fail(f"{path}: unexpected PNG depth {depth} colour type {colour}")
    step = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * step
    previous = bytearray(stride)
    rows = []
    position = 0
    for _ in range(height):
        kind = raw[position]
        line = bytearray(raw[position + 1 : position + 1 + stride])
        position += 1 + stride
        for i in range(stride):
            left = line[i - step] if i >= step else 0
            up = previous[i]
            corner = previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + best) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, step, rows


def inked_share(path):
    """The share of pixels that differ from the top-left one (the background)."""
    width, height, step, rows = png_pixels(path)
    background = rows[0][:3]
    inked = 0
    for row in rows:
        for x in range(0, width * step, step):
            if row[x : x + 3] != background:
                inked += 1
    return inked / (width * height)


def open_page(page, width, scratch, tag):
    """Console lines, page-initiated request URLs and the screenshot's path."""
    profile = os.path.join(scratch, f"profile-{tag}")
    netlog = os.path.join(scratch, f"net-{tag}.json")
    shot = os.path.join(scratch, f"{tag}.png")
    run = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
         "--disable-background-networking", "--disable-component-update", "--no-first-run",
         "--disable-sync", "--enable-logging=stderr", "--v=0", f"--log-net-log={netlog}",
         "--host-resolver-rules=MAP * ~NOTFOUND", f"--screenshot={shot}",
         f"--window-size={width},1600", "file://" + page],
        capture_output=True, text=True, timeout=90, check=False)
    if run.returncode != 0 or not os.path.exists(shot):
        fail(f"chromium exited {run.returncode} without a screenshot: {run.stderr[-2000:]}")
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    with open(netlog, encoding="utf-8") as file:
        log = json.load(file)
    names = {value: key for key, value in log["constants"]["logEventTypes"].items()}
    requests = []
    for event in log["events"]:
        params = event.get("params", {})
        # The job's start carries the URL; its end only the result.
        if names.get(event["type"]) != "URL_REQUEST_START_JOB" or "url" not in params:
            continue
        # Chromium's own background requests have no initiator; the page's come from file://.
        if params.get("initiator") != "not an origin" or "file://" in params.get(
                "network_isolation_key", ""):
            requests.append(params.get("url"))
    return console, requests, shot


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    if not os.access(CHROMIUM, os.X_OK):
        fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/install-deps.sh test)")
    scratch = tempfile.mkdtemp(prefix="bouncewatch-digest-browser-")
    try:
        # The checks must catch a page that breaks both rules.
        bad = os.path.join(scratch, "bad.html")
        with open(bad, "w", encoding="utf-8") as file:
            file.write('<!DOCTYPE html><html><body><p>bad</p>'
                       '<img src="http://example.invalid/x.png">'
                       '<script>console.error("boom")</script></body></html>')
        console, requests, _ = open_page(bad, 390, scratch, "bad")
        if not console or not requests:
            fail(f"the checks missed a bad page: console {console}, requests {requests}")

        log = os.path.join(scratch, "mail.log")
        shutil.copyfile("examples/mail.log", log)
        with open(log, "a", encoding="utf-8", newline="\n") as file:
            for line in HOSTILE_LINES:
                file.write(line + "\n")
        os.utime(log, (MTIME, MTIME))
        mail = subprocess.run(
            [args.binary, "digest", "--period", "2026-11-26..2026-11-27", "--format", "mail",
             "--hostname", "mx1", log],
            env=dict(os.environ, TZ="UTC"), capture_output=True, check=False)
        if mail.returncode != 0:
            fail(f"digest exited {mail.returncode}: {mail.stderr!r}")
        message = email.message_from_bytes(mail.stdout, policy=email.policy.default)
        html_parts = [p for p in message.iter_parts() if p.get_content_type() == "text/html"]
        if len(html_parts) != 1:
            fail("the message has no single text/html part")
        page = os.path.join(scratch, "digest.html")
        with open(page, "w", encoding="utf-8") as file:
            file.write(html_parts[0].get_content())

        for width in (1280, 390):
            console, requests, shot = open_page(page, width, scratch, f"digest-{width}")
            if console:
                fail(f"console output at {width} px: {console}")
            if requests:
                fail(f"network requests at {width} px: {requests}")
            share = inked_share(shot)
            if share < 0.02:
                fail(f"the screenshot at {width} px is blank ({share:.4f} of pixels inked)")
            kept = f" ({shot})" if os.environ.get("BOUNCEWATCH_KEEP_SCRATCH") else ""
            print(f"digest-browser: {width} px: no console output, no request, "
                  f"{share:.1%} of pixels inked{kept}")
        print("digest-browser: OK")
    finally:
        if os.environ.get("BOUNCEWATCH_KEEP_SCRATCH") is None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
