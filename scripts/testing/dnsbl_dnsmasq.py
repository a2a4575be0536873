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
    Scratch,
    free_port,
    main_wrapper,
    require_binary,
    stop_process,
)

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
    finally:
        if server is not None:
            server.stop()
        silent.close()
        scratch.cleanup()


if __name__ == "__main__":
    sys.exit(main_wrapper(run))
