#!/usr/bin/env python3
"""Block-list lookups against a real DNS server: dnsmasq on a free loopback port.

    dnsbl_dnsmasq.py --binary PATH [--keep]

dnsmasq serves test zones that answer every way a block list can:
  zen.test      listed with one code (203.0.113.5), with two codes (203.0.113.6), the
                refusal 127.255.255.254 (203.0.113.7), NXDOMAIN = clean (203.0.113.8), and
                an IPv6 address listed under its 32 reversed nibbles (2001:db8::25); its
                RFC 5782 test point 127.0.0.2 is listed, as a working list's is;
  dead.test     NXDOMAIN for the whole zone, test point included;
  refused.test  REFUSED (dnsmasq has no server for it);
  silent.test   forwarded to a UDP socket that never answers: a timeout.
`bouncewatch check-listing` uses it through `resolver: 127.0.0.1:PORT`; the table must hold
exactly these verdicts, the exit status must be 1 (listed), 0 (clean only) and 2 (errors
only), and the silent zone must cost no more than the configured timeout.

Then `bouncewatch run` with the same `reputation:` section: the textfile must show exactly
the listed ones in bouncewatch_dnsbl_listed, both codes of the doubly listed address in
bouncewatch_dnsbl_return_code_info, the refusal and the failures in
bouncewatch_dnsbl_check_errors_total by reason, and pass `promtool check metrics`. Then a
daemon with `ips: auto` must look up the address a bounce names as listed; last, a
daemon whose resolver never answers (30 s timeout, 5 tries) must read its log lines and write
its textfile as if there were no lookups, and stop at once on SIGTERM.

Last, the `listed` alert: a daemon with an SMTP notifier to a real SMTP server on loopback
(aiosmtpd, scripts/testing/smtp_sink.py) must mail each listing exactly once (subject, return
code's meaning, delisting page, how long) and each failing list once, and the `blacklisted`
mail about a bounce naming a listed address must say the lookup confirms it; then, with dnsmasq
restarted on zones where every address is clean and the daemon restarted, each listing's
resolution arrives once and nothing is mailed again.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from crash_daemon import (  # noqa: E402
    CheckFailed,
    Daemon,
    Scratch,
    Textfile,
    file_source,
    free_port,
    lines_read,
    main_wrapper,
    require_binary,
    stop_process,
    wait_for,
)
from crash_daemon import write_config as write_daemon_config  # noqa: E402
from alerts_common import Sink, blacklisted_rule, parse_mail, smtp_notifier  # noqa: E402
from alerts_common import syslog_stamp  # noqa: E402

DNSMASQ = "/usr/sbin/dnsmasq"
IPV6_NIBBLES = "5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"
TARGETS = ["203.0.113.5", "203.0.113.6", "203.0.113.7", "203.0.113.8", "2001:db8::25"]
DELIST = "https://delist.zen.test/"


def zone_lines(silent_port, listed=True):
    """dnsmasq's configuration: one `address=` per answer; later, more specific names win."""
    lines = [
        "address=/2.0.0.127.zen.test/127.0.0.2",
        "address=/7.113.0.203.zen.test/127.255.255.254",
        "address=/zen.test/",
        "address=/dead.test/",
        "server=/refused.test/#",
        f"server=/silent.test/127.0.0.1#{silent_port}",
    ]
    if listed:
        lines += [
            "address=/5.113.0.203.zen.test/127.0.0.2",
            "address=/6.113.0.203.zen.test/127.0.0.4",
            "address=/6.113.0.203.zen.test/127.0.0.10",
            f"address=/{IPV6_NIBBLES}.zen.test/127.0.0.3",
            "address=/5.114.0.203.zen.test/127.0.0.2",
        ]
    return "\n".join(lines) + "\n"


class DNSServer:
    """dnsmasq in the foreground on 127.0.0.1:port, answering only from its own file."""

    def __init__(self, scratch, port, silent_port, listed=True):
        self.conf = scratch.join("dnsmasq.conf")
        with open(self.conf, "w") as out:
            out.write(zone_lines(silent_port, listed))
        self.log = open(scratch.join("dnsmasq.log"), "w")
        self.process = subprocess.Popen(
            [DNSMASQ, "-k", f"--port={port}", "--listen-address=127.0.0.1", "--bind-interfaces",
             "--no-resolv", "--no-hosts", "--pid-file=", f"--conf-file={self.conf}"],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.port = port
        deadline = time.monotonic() + 5
        while True:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    return
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise CheckFailed(f"dnsmasq did not start on port {port}; see {self.log.name}")
            time.sleep(0.05)

    def stop(self):
        stop_process(self.process)
        self.log.close()


def write_config(path, port):
    with open(path, "w") as out:
        out.write(f"""reputation:
  resolver: 127.0.0.1:{port}
  timeout: 1s
  tries: 1
  lists:
    - name: zen
      zone: zen.test
      delist: {DELIST}
      codes:
        127.0.0.2: "SBL test listing"
        127.0.0.4: "XBL test listing"
        127.0.0.10: "PBL test listing"
    - {{name: dead, zone: dead.test}}
    - {{name: refusing, zone: refused.test}}
    - {{name: silent, zone: silent.test}}
""")


REPUTATION = """reputation:
  ips: [203.0.113.5, 203.0.113.6, 203.0.113.7, 203.0.113.8, "2001:db8::25"]
  resolver: 127.0.0.1:{port}
  timeout: {timeout}
  tries: {tries}
  lists:
    - name: zen
      zone: zen.test
      delist: https://delist.zen.test/
      codes: {{127.0.0.2: "SBL test listing", 127.0.0.4: "XBL test listing", 127.0.0.10: "PBL test listing"}}
    - {{name: dead, zone: dead.test}}
    - {{name: refusing, zone: refused.test}}
    - {{name: silent, zone: silent.test}}
"""

LINE = ("Nov 26 23:07:51 mx1 postfix/smtp[21253]: C1F3151C8E{n:X}: to=<u{n}@example.com>, "
        "relay=127.0.0.1[127.0.0.1]:2525, delay=0.02, delays=0/0/0.01/0.01, dsn=5.1.1, "
        "status=bounced (host 127.0.0.1[127.0.0.1] said: 550 5.1.1 User unknown (in reply to "
        "RCPT TO command))\n")


def daemon_setup(scratch, name, port, timeout, tries):
    """A daemon configuration with one log file and the reputation section; returns
    (config path, log path, textfile)."""
    directory = scratch.join(name)
    os.makedirs(directory)
    log = os.path.join(directory, "mail.log")
    open(log, "w").close()
    config = os.path.join(directory, "bouncewatch.yml")
    textfile = os.path.join(directory, "bouncewatch.prom")
    write_daemon_config(config, file_source(log), os.path.join(directory, "state"), textfile,
                        interval="1s")
    with open(config, "a") as out:
        out.write(REPUTATION.format(port=port, timeout=timeout, tries=tries))
    return config, log, Textfile(textfile)


def append_lines(path, start, count):
    with open(path, "a") as out:
        for n in range(start, start + count):
            out.write(LINE.format(n=n))


def series(samples, name):
    return {tuple(sorted(labels.items())): value for sample, labels, value in samples
            if sample == name}


def daemon_metrics(binary, scratch, port):
    config, _, textfile = daemon_setup(scratch, "daemon", port, "1s", 1)
    daemon = Daemon(binary, config, scratch.join("daemon.log"))
    daemon.start()
    try:
        def checked():
            samples = textfile.samples() or []
            return len(series(samples, "bouncewatch_dnsbl_last_check_timestamp_seconds")) == 4
        wait_for(checked, 20, "a round of every list in the textfile", daemon)
        samples = textfile.samples()
        listed = series(samples, "bouncewatch_dnsbl_listed")
        expected = {(("list", "zen"), ("target", target)): value for target, value in [
            ("203.0.113.5", 1), ("203.0.113.6", 1), ("2001:db8::25", 1), ("203.0.113.8", 0)]}
        expect(listed == expected, f"bouncewatch_dnsbl_listed: {listed}", daemon.log_tail())
        codes = series(samples, "bouncewatch_dnsbl_return_code_info")
        doubly = sorted(dict(labels)["code"] for labels in codes
                        if dict(labels)["target"] == "203.0.113.6")
        expect(doubly == ["127.0.0.10", "127.0.0.4"], f"return codes of 203.0.113.6: {codes}")
        expect(len(codes) == 4, f"return codes: {codes}")
        errors = {(dict(labels)["list"], dict(labels)["reason"]): value
                  for labels, value in series(samples, "bouncewatch_dnsbl_check_errors_total").items()}
        expect(errors == {("zen", "refused"): 1, ("dead", "nxdomain"): 5,
                          ("refusing", "dns_refused"): 5, ("silent", "timeout"): 5},
               f"bouncewatch_dnsbl_check_errors_total: {errors}")
        families = {name for name, _, _ in samples if name.startswith("bouncewatch_dnsbl_")}
        expect(families == {"bouncewatch_dnsbl_listed", "bouncewatch_dnsbl_return_code_info",
                            "bouncewatch_dnsbl_check_errors_total",
                            "bouncewatch_dnsbl_last_check_timestamp_seconds",
                            "bouncewatch_dnsbl_list_up"},
               f"block-list families in the textfile: {sorted(families)}")
        up = {dict(labels)["list"]: value
              for labels, value in series(samples, "bouncewatch_dnsbl_list_up").items()}
        expect(up == {"zen": 0, "dead": 0, "refusing": 0, "silent": 0},
               f"bouncewatch_dnsbl_list_up: {up}")
        expect_promtool_accepts(textfile.path)
        daemon.terminate(timeout=10)
    finally:
        daemon.stop_quietly()
    return len(listed)


BOUNCE_NAMING = (
    "Nov 26 23:07:52 mx1 postfix/smtp[21254]: D1F3151C8E1: to=<someone@example.com>, "
    "relay=mx.example.com[198.51.100.7]:25, delay=0.3, delays=0/0/0.1/0.2, dsn=5.7.1, "
    "status=bounced (host mx.example.com[198.51.100.7] said: 554 5.7.1 Service unavailable; "
    "Client host [203.0.114.5] blocked using zen.spamhaus.org (in reply to RCPT TO command))\n")


def daemon_checks_what_bounces_name(binary, scratch, port):
    """With `ips: auto`, an address a bounce names as listed is looked up too."""
    config, log, textfile = daemon_setup(scratch, "auto", port, "1s", 1)
    with open(config) as handle:
        text = handle.read()
    start = text.index("  ips: [")
    text = text[:start] + "  ips: auto\n" + text[text.index("\n", start) + 1:]
    with open(config, "w") as handle:
        handle.write(text)
    daemon = Daemon(binary, config, scratch.join("auto.log"))
    daemon.start()
    try:
        wait_for(lambda: textfile.samples() is not None, 15, "the first textfile", daemon)
        with open(log, "a") as out:
            out.write(BOUNCE_NAMING)
        key = (("list", "zen"), ("target", "203.0.114.5"))
        wait_for(lambda: series(textfile.samples() or [], "bouncewatch_dnsbl_listed").get(key) == 1,
                 15, "the address the bounce named, looked up and listed", daemon)
        daemon.terminate(timeout=10)
    finally:
        daemon.stop_quietly()


def daemon_with_a_silent_resolver(binary, scratch, silent_port):
    """Lookups that hang for 150 s must not delay the lines or the textfile."""
    config, log, textfile = daemon_setup(scratch, "silent", silent_port, "30s", 5)
    append_lines(log, 0, 20)
    daemon = Daemon(binary, config, scratch.join("silent.log"))
    started = time.monotonic()
    daemon.start()
    try:
        wait_for(lambda: lines_read(textfile.samples() or []) == 20, 10,
                 "the first 20 lines in the textfile", daemon)
        first = time.monotonic() - started
        append_lines(log, 20, 30)
        wait_for(lambda: lines_read(textfile.samples() or []) == 50, 10,
                 "50 lines in the textfile while the lookups hang", daemon)
        samples = textfile.samples()
        expect(not series(samples, "bouncewatch_dnsbl_listed"),
               "a verdict from a resolver that never answers")
        stopping = time.monotonic()
        daemon.terminate(timeout=10)
        stopped = time.monotonic() - stopping
        expect(stopped < 5, f"SIGTERM took {stopped:.1f} s while a lookup hung", daemon.log_tail())
    finally:
        daemon.stop_quietly()
    return first, stopped


def mails_by(sink, rule, state):
    """{target or list: [parsed mail]} of the sink's mails of `rule` in `state`."""
    found = {}
    for raw, _ in sink.messages():
        mail = parse_mail(raw)
        if mail["X-Bouncewatch-Rule"] == rule and mail["X-Bouncewatch-State"] == state:
            subject = str(mail["Subject"])
            key = subject.split(": ", 1)[1].replace("RESOLVED ", "").split(" ")[0]
            if rule == "dnsbl-failing":
                key = subject.split("block list ", 1)[1].split(" ")[0]
            found.setdefault(key, []).append(mail)
    return found


def daemon_mails_listings(binary, scratch, server, silent_port):
    """The `listed` alert at a real SMTP server: once per listing, resolved when clean."""
    sink = Sink(scratch, "sink", free_port())
    sink.start()
    directory = scratch.join("listed")
    os.makedirs(directory)
    log = os.path.join(directory, "mail.log")
    open(log, "w").close()
    config = os.path.join(directory, "bouncewatch.yml")
    textfile = Textfile(os.path.join(directory, "bouncewatch.prom"))
    write_daemon_config(config, file_source(log), os.path.join(directory, "state"),
                        textfile.path, interval="1s", hostname="mx1",
                        alerts_yaml=blacklisted_rule(group_wait="3s"),
                        notifiers_yaml=smtp_notifier(sink.port, ["ops@example.net"]))
    with open(config, "a") as out:
        out.write(REPUTATION.format(port=server.port, timeout="1s", tries=1))
    listed = ["203.0.113.5", "203.0.113.6", "2001:db8::25"]
    failing = ["zen", "dead", "refusing", "silent"]
    daemon = Daemon(binary, config, scratch.join("listed.log"))
    daemon.start()
    try:
        def arrived():
            return (sorted(mails_by(sink, "listed", "firing")) == sorted(listed)
                    and sorted(mails_by(sink, "dnsbl-failing", "firing")) == sorted(failing))
        wait_for(arrived, 30, "a listed mail per listing and a mail per failing list", daemon)
        time.sleep(4)  # a few more rounds of textfile writes: nothing is mailed twice
        firing = mails_by(sink, "listed", "firing")
        expect(all(len(mails) == 1 for mails in firing.values())
               and len(sink.messages()) == len(listed) + len(failing),
               f"{len(sink.messages())} mails, expected one per listing and failing list",
               daemon.log_tail())
        body = firing["203.0.113.5"][0].get_body().get_content()
        for text in ["127.0.0.2 (SBL test listing)", DELIST, "Listed for:", "Listed as:"]:
            expect(text in body, f"{text!r} not in the listed mail:\n{body}")
        body = firing["203.0.113.6"][0].get_body().get_content()
        expect("127.0.0.4 (XBL test listing)" in body and "127.0.0.10 (PBL test listing)" in body,
               f"both codes of 203.0.113.6 in its mail:\n{body}")
        # A bounce claiming the listing the lookups found: its blacklisted mail says so.
        with open(log, "a") as out:
            out.write(syslog_stamp(time.time()) + BOUNCE_NAMING[15:].replace(
                "203.0.114.5", "203.0.113.5").replace("zen.spamhaus.org", "zen.test"))
        wait_for(lambda: mails_by(sink, "blacklisted", "firing"), 30,
                 "the blacklisted mail about the bounce", daemon)
        body = " ".join(mails_by(sink, "blacklisted", "firing")["blacklisted"][0]
                        .get_body().get_content().split())
        expect("Lookup: confirms the listing of 203.0.113.5: zen.test answers 127.0.0.2" in body,
               f"no Lookup row confirming the bounce in the blacklisted mail:\n{body}")
        body = mails_by(sink, "dnsbl-failing", "firing")["silent"][0].get_body().get_content()
        words = " ".join(body.split())
        expect(f"timeout {len(TARGETS)}" in words and "at most once a day" in words,
               f"the failing list's mail:\n{body}")
        daemon.terminate(timeout=10)

        server.stop()
        clean = DNSServer(scratch, server.port, silent_port, listed=False)
        daemon = Daemon(binary, config, scratch.join("listed-clean.log"))
        daemon.start()
        try:
            wait_for(lambda: sorted(mails_by(sink, "listed", "resolved")) == sorted(listed),
                     30, "the resolution of every listing after the zone turned clean", daemon)
            time.sleep(4)
            resolved = mails_by(sink, "listed", "resolved")
            total = len(sink.messages())
            expect(total == 2 * len(listed) + len(failing) + 1,
                   f"{total} mails after the restart on clean zones, expected only the "
                   f"{len(listed)} resolutions", daemon.log_tail())
            body = resolved["203.0.113.5"][0].get_body().get_content()
            expect("came back clean" in " ".join(body.split()), f"the resolved mail:\n{body}")
            daemon.terminate(timeout=10)
        finally:
            clean.stop()
    finally:
        daemon.stop_quietly()
        sink.stop()
    return len(listed)


def check_listing(binary, config, *arguments):
    started = time.monotonic()
    run = subprocess.run(
        [binary, "check-listing", "--config", config, *arguments],
        capture_output=True, text=True, timeout=60)
    return run, time.monotonic() - started


def table(output):
    """(list, target) -> (status, meaning, delist) from the printed table."""
    lines = output.splitlines()
    if not lines or not lines[0].startswith("LIST"):
        raise CheckFailed(f"no table in:\n{output}")
    header = lines[0]
    starts = [header.index(name) for name in ["LIST", "TARGET", "STATUS", "MEANING", "DELIST"]]
    rows = {}
    for line in lines[1:]:
        if "lookups:" in line:
            continue
        cells = [line[a:b].strip() for a, b in zip(starts, starts[1:] + [None])]
        rows[(cells[0], cells[1])] = tuple(cells[2:])
    return rows


def expect(condition, message, output=""):
    if not condition:
        raise CheckFailed(f"{message}\n{output}")


def expect_promtool_accepts(path):
    """`promtool check metrics` accepts the textfile at `path`."""
    promtool = shutil.which("promtool")
    if promtool is None:
        raise CheckFailed("promtool is not installed (prometheus, `make deps-test`)")
    with open(path) as handle:
        check = subprocess.run([promtool, "check", "metrics"], input=handle.read(),
                               capture_output=True, text=True)
    expect(check.returncode == 0, "promtool check metrics failed", check.stdout + check.stderr)


def run():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    binary = require_binary(args.binary)
    if not os.access(DNSMASQ, os.X_OK):
        raise CheckFailed(
            "dnsmasq is not installed (dnsmasq-base in scripts/integration/packages.txt; "
            "run `make deps-test`)")
    scratch = Scratch("bouncewatch-dnsbl-", keep=args.keep)
    silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    silent.bind(("127.0.0.1", 0))
    server = None
    try:
        server = DNSServer(scratch, free_port(), silent.getsockname()[1])
        config = scratch.join("bouncewatch.yml")
        write_config(config, server.port)

        result, seconds = check_listing(binary, config, *TARGETS)
        output = result.stdout + result.stderr
        expect(result.returncode == 1, f"exit status {result.returncode}, expected 1", output)
        rows = table(result.stdout)
        expect(len(rows) == 4 * len(TARGETS), f"{len(rows)} rows", output)
        zen = {target: rows[("zen", target)] for target in TARGETS}
        expect(zen["203.0.113.5"] == ("listed", "127.0.0.2 SBL test listing", DELIST),
               f"203.0.113.5: {zen['203.0.113.5']}", output)
        expect(zen["203.0.113.6"][0] == "listed"
               and "127.0.0.4 XBL test listing" in zen["203.0.113.6"][1]
               and "127.0.0.10 PBL test listing" in zen["203.0.113.6"][1],
               f"203.0.113.6: {zen['203.0.113.6']}", output)
        expect(zen["203.0.113.7"][0] == "error: refused"
               and zen["203.0.113.7"][1].startswith("127.255.255.254"),
               f"the refusal must be an error, not a listing: {zen['203.0.113.7']}", output)
        expect(zen["203.0.113.8"] == ("clean", "-", "-"), f"203.0.113.8: {zen['203.0.113.8']}",
               output)
        expect(zen["2001:db8::25"][0] == "listed" and zen["2001:db8::25"][1].startswith("127.0.0.3"),
               f"the IPv6 target (nibble format): {zen['2001:db8::25']}", output)
        for target in TARGETS:
            expect(rows[("dead", target)][0] == "error: nxdomain", f"dead {target}", output)
            expect(rows[("refusing", target)][0] == "error: dns_refused", f"refusing {target}",
                   output)
            expect(rows[("silent", target)][0] == "error: timeout", f"silent {target}", output)
        listed = [key for key, value in rows.items() if value[0] == "listed"]
        expect(sorted(listed) == sorted([("zen", "203.0.113.5"), ("zen", "203.0.113.6"),
                                         ("zen", "2001:db8::25")]),
               f"exactly the listed ones: {listed}", output)
        # One timeout of 1 s for every query at once, not one per query.
        expect(seconds < 5, f"check-listing took {seconds:.1f} s with a silent zone", output)

        result, _ = check_listing(binary, config, "--list", "zen", "203.0.113.8")
        expect(result.returncode == 0, f"clean only: exit {result.returncode}",
               result.stdout + result.stderr)
        result, _ = check_listing(binary, config, "--list", "dead", "--list", "silent",
                                  "203.0.113.5")
        expect(result.returncode == 2, f"errors only: exit {result.returncode}",
               result.stdout + result.stderr)
        result, _ = check_listing(binary, config, "not_an_address!")
        expect(result.returncode == 3 and "neither an IP address nor a domain" in result.stderr,
               f"a bad target: exit {result.returncode}", result.stderr)
        print(f"dnsbl-dnsmasq: check-listing: {len(rows)} verdicts as expected "
              f"({seconds:.2f} s with a silent zone)")
        series_count = daemon_metrics(binary, scratch, server.port)
        print(f"dnsbl-dnsmasq: run: {series_count} bouncewatch_dnsbl_listed series as expected")
        daemon_checks_what_bounces_name(binary, scratch, server.port)
        print("dnsbl-dnsmasq: run with ips: auto: the address a bounce named is looked up")
        first, stopped = daemon_with_a_silent_resolver(binary, scratch, silent.getsockname()[1])
        print(f"dnsbl-dnsmasq: run with a silent resolver: lines in the textfile after "
              f"{first:.2f} s, stopped {stopped:.2f} s after SIGTERM")
        mailed = daemon_mails_listings(binary, scratch, server, silent.getsockname()[1])
        server = None
        print(f"dnsbl-dnsmasq: listed alert: {mailed} listings mailed once each at the SMTP "
              "server and resolved once after the zones turned clean")
    finally:
        if server is not None:
            server.stop()
        silent.close()
        scratch.cleanup()


if __name__ == "__main__":
    sys.exit(main_wrapper(run))
