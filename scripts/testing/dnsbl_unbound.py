#!/usr/bin/env python3
"""SERVFAIL from a real DNS server: unbound on a free loopback port.

    dnsbl_unbound.py --binary PATH [--keep]

dnsmasq (dnsbl_dnsmasq.py) answers every other way a block list can, but it never answers
SERVFAIL. unbound does, for the reason real resolvers most often do: the list's zone fails
DNSSEC validation. It serves two zones from a scratch configuration, as an unprivileged
process that never leaves the loopback (every other name is refused):
  ok.test      a working list: its RFC 5782 test point 127.0.0.2 and 203.0.113.5 are
               listed (127.0.0.2), 203.0.113.8 is clean (NXDOMAIN);
  broken.test  an unsigned zone under a trust anchor, so every answer is bogus and unbound
               answers SERVFAIL. The zone's own data lists 203.0.113.5 and 203.0.113.8:
               reading a SERVFAIL as an answer would show as a listing.
`bouncewatch check-listing` through `resolver: 127.0.0.1:PORT` must print the broken list's
lookups as `error: servfail`, never listed, and exit 1 with both lists (a listing), 2 with
the broken list alone (errors only). Then `bouncewatch run`: the textfile must show only the
working list's verdicts in bouncewatch_dnsbl_listed, the broken list's lookups in
bouncewatch_dnsbl_check_errors_total{reason="servfail"}, bouncewatch_dnsbl_list_up 0 for it,
and pass `promtool check metrics`; its `file` notifier gets one `listed` mail (the working
list's listing) and one `dnsbl-failing` mail (the SERVFAIL list). Last, a daemon with
`alerts: [{name: listed, disabled: true}]` mails only the failing list.
"""

import argparse
import mailbox
import os
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
    main_wrapper,
    require_binary,
    stop_process,
    wait_for,
    wait_for_new_write,
)
from crash_daemon import write_config as write_daemon_config  # noqa: E402
from dnsbl_dnsmasq import (  # noqa: E402
    check_listing,
    expect,
    expect_promtool_accepts,
    series,
    table,
)

UNBOUND = "/usr/sbin/unbound"
TARGETS = ["203.0.113.5", "203.0.113.8"]
DELIST = "https://delist.ok.test/"

# A DS record no key of the zone matches: the zone is unsigned, so unbound finds no DNSKEY
# to match it with and holds every answer under it bogus.
TRUST_ANCHOR = "broken.test. DS 11111 13 2 " + "0" * 64

BROKEN_ZONE = """$ORIGIN broken.test.
$TTL 60
@ SOA ns.broken.test. hostmaster.broken.test. 1 3600 600 86400 60
@ NS ns.broken.test.
ns A 127.0.0.1
2.0.0.127 A 127.0.0.2
5.113.0.203 A 127.0.0.2
8.113.0.203 A 127.0.0.2
"""


def unbound_config(directory, port):
    """unbound's configuration: no privileges to drop, no chroot, logs to stderr."""
    return f"""server:
  interface: 127.0.0.1
  port: {port}
  do-ip6: no
  do-daemonize: no
  username: ""
  chroot: ""
  directory: "{directory}"
  pidfile: ""
  use-syslog: no
  logfile: ""
  log-servfail: yes
  num-threads: 1
  access-control: 127.0.0.0/8 allow
  # Nothing leaves the loopback: every name outside the two test zones is refused.
  local-zone: "." refuse
  local-zone: "ok.test." static
  local-data: "2.0.0.127.ok.test. 60 IN A 127.0.0.2"
  local-data: "5.113.0.203.ok.test. 60 IN A 127.0.0.2"
  # Resolved (and validated) from the auth-zone below rather than answered locally.
  local-zone: "broken.test." transparent
  trust-anchor: "{TRUST_ANCHOR}"
auth-zone:
  name: "broken.test."
  zonefile: "broken.test.zone"
  for-downstream: no
  for-upstream: yes
"""


class DNSServer:
    """unbound in the foreground on 127.0.0.1:port, from a scratch directory."""

    def __init__(self, scratch, port):
        directory = scratch.join("unbound")
        os.makedirs(directory)
        with open(os.path.join(directory, "broken.test.zone"), "w") as out:
            out.write(BROKEN_ZONE)
        conf = os.path.join(directory, "unbound.conf")
        with open(conf, "w") as out:
            out.write(unbound_config(directory, port))
        self.log = open(scratch.join("unbound.log"), "w")
        self.process = subprocess.Popen([UNBOUND, "-d", "-c", conf], stdout=self.log,
                                        stderr=subprocess.STDOUT)
        self.port = port
        deadline = time.monotonic() + 10
        while True:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    return
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.log.flush()
                with open(self.log.name) as handle:
                    raise CheckFailed(f"unbound did not start on port {port}:\n{handle.read()}")
            time.sleep(0.05)

    def stop(self):
        stop_process(self.process)
        self.log.close()


REPUTATION = """reputation:
  ips: [203.0.113.5, 203.0.113.8]
  resolver: 127.0.0.1:{port}
  timeout: 2s
  tries: 1
  lists:
    - name: ok
      zone: ok.test
      delist: https://delist.ok.test/
      codes: {{127.0.0.2: "test listing"}}
    - {{name: broken, zone: broken.test}}
"""


def check_listing_table(binary, scratch, port):
    config = scratch.join("check-listing.yml")
    with open(config, "w") as out:
        out.write(REPUTATION.format(port=port))
    result, seconds = check_listing(binary, config, *TARGETS)
    output = result.stdout + result.stderr
    expect(result.returncode == 1, f"exit status {result.returncode}, expected 1", output)
    rows = table(result.stdout)
    expected = {
        ("ok", "203.0.113.5"): ("listed", "127.0.0.2 test listing", DELIST),
        ("ok", "203.0.113.8"): ("clean", "-", "-"),
    }
    for target in TARGETS:
        expected[("broken", target)] = ("error: servfail", "SERVFAIL", "-")
    expect(rows == expected, f"the table: {rows}", output)
    # SERVFAIL comes back at once: no lookup waited out its timeout.
    expect(seconds < 2, f"check-listing took {seconds:.1f} s", output)

    result, _ = check_listing(binary, config, "--list", "broken", *TARGETS)
    output = result.stdout + result.stderr
    expect(result.returncode == 2, f"SERVFAIL only: exit {result.returncode}, expected 2",
           output)
    rows = table(result.stdout)
    expect({row[0] for row in rows.values()} == {"error: servfail"} and len(rows) == 2,
           f"the broken list alone: {rows}", output)
    return len(expected)


def daemon_setup(scratch, name, port, alerts_yaml=None):
    """A daemon configuration with the reputation section and a `file` notifier; returns
    (config path, textfile, mbox path)."""
    directory = scratch.join(name)
    os.makedirs(directory)
    log = os.path.join(directory, "mail.log")
    open(log, "w").close()
    config = os.path.join(directory, "bouncewatch.yml")
    textfile = Textfile(os.path.join(directory, "bouncewatch.prom"))
    mbox = os.path.join(directory, "alerts.mbox")
    write_daemon_config(config, file_source(log), os.path.join(directory, "state"),
                        textfile.path, interval="1s", alerts_yaml=alerts_yaml,
                        notifiers_yaml=f"  - type: file\n    path: {mbox}\n")
    with open(config, "a") as out:
        out.write(REPUTATION.format(port=port))
    return config, textfile, mbox


def mailed(mbox):
    """(rule, subject) of every mail in the mbox, sorted."""
    if not os.path.exists(mbox):
        return []
    return sorted((str(mail["X-Bouncewatch-Rule"]), str(mail["Subject"]))
                  for mail in mailbox.mbox(mbox))


def rules_mailed(mbox):
    return [rule for rule, _ in mailed(mbox)]


def daemon_metrics(binary, scratch, port):
    config, textfile, mbox = daemon_setup(scratch, "daemon", port)
    daemon = Daemon(binary, config, scratch.join("daemon.log"))
    daemon.start()
    try:
        def checked():
            samples = textfile.samples() or []
            return len(series(samples, "bouncewatch_dnsbl_last_check_timestamp_seconds")) == 2
        wait_for(checked, 20, "a round of both lists in the textfile", daemon)
        samples = textfile.samples()
        listed = series(samples, "bouncewatch_dnsbl_listed")
        expected = {(("list", "ok"), ("target", "203.0.113.5")): 1,
                    (("list", "ok"), ("target", "203.0.113.8")): 0}
        expect(listed == expected, f"bouncewatch_dnsbl_listed: {listed}", daemon.log_tail())
        errors = {(dict(labels)["list"], dict(labels)["reason"]): value
                  for labels, value in series(samples, "bouncewatch_dnsbl_check_errors_total").items()}
        expect(errors == {("broken", "servfail"): len(TARGETS)},
               f"bouncewatch_dnsbl_check_errors_total: {errors}", daemon.log_tail())
        up = {dict(labels)["list"]: value
              for labels, value in series(samples, "bouncewatch_dnsbl_list_up").items()}
        expect(up == {"ok": 1, "broken": 0}, f"bouncewatch_dnsbl_list_up: {up}")
        expect_promtool_accepts(textfile.path)
        # The listing is mailed, the SERVFAIL list as failing, never as a listing.
        wait_for(lambda: rules_mailed(mbox) == ["dnsbl-failing", "listed"], 10,
                 "a listed mail and a dnsbl-failing mail in the mbox", daemon)
        wait_for_new_write(textfile, daemon)
        firing = {dict(labels).get("rule"): value for labels, value
                  in series(textfile.samples(), "bouncewatch_alerts_firing").items()}
        expect(firing.get("listed") == 1, f"bouncewatch_alerts_firing: {firing}")
        subjects = [subject for _, subject in mailed(mbox)]
        expect(any("203.0.113.5 listed on ok" in subject for subject in subjects)
               and any("block list broken" in subject for subject in subjects),
               f"the mails: {subjects}")
        daemon.terminate(timeout=10)
    finally:
        daemon.stop_quietly()
    return errors[("broken", "servfail")]


def daemon_with_listed_switched_off(binary, scratch, port):
    """`{name: listed, disabled: true}`: the failing list is still mailed, the listing not."""
    config, textfile, mbox = daemon_setup(
        scratch, "switched-off", port, alerts_yaml="  - {name: listed, disabled: true}\n")
    daemon = Daemon(binary, config, scratch.join("switched-off.log"))
    daemon.start()
    try:
        wait_for(lambda: rules_mailed(mbox) == ["dnsbl-failing"], 15,
                 "the dnsbl-failing mail in the mbox", daemon)
        # Both notices come out of one evaluation; give a listed mail time to show anyway.
        wait_for_new_write(textfile, daemon)
        samples = textfile.samples()
        listed = series(samples, "bouncewatch_dnsbl_listed")
        expect(listed.get((("list", "ok"), ("target", "203.0.113.5"))) == 1,
               f"the lookups still run: {listed}")
        expect(rules_mailed(mbox) == ["dnsbl-failing"], f"mailed: {mailed(mbox)}")
        firing = series(samples, "bouncewatch_alerts_firing")
        expect(not any(dict(labels).get("rule") == "listed" for labels in firing),
               f"bouncewatch_alerts_firing: {firing}")
        daemon.terminate(timeout=10)
    finally:
        daemon.stop_quietly()


def run():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    binary = require_binary(args.binary)
    if not os.access(UNBOUND, os.X_OK):
        raise CheckFailed(
            "unbound is not installed (unbound in scripts/integration/packages.txt; "
            "run `make deps-test`)")
    scratch = Scratch("bouncewatch-dnsbl-unbound-", keep=args.keep)
    server = None
    try:
        server = DNSServer(scratch, free_port())
        rows = check_listing_table(binary, scratch, server.port)
        print(f"dnsbl-unbound: check-listing: {rows} verdicts as expected, SERVFAIL as an error "
              "(exit 1 with a listing, 2 with SERVFAIL only)")
        errors = daemon_metrics(binary, scratch, server.port)
        print(f"dnsbl-unbound: run: bouncewatch_dnsbl_check_errors_total{{list=\"broken\","
              f"reason=\"servfail\"}} {errors:g}, no listing from the SERVFAIL zone")
        daemon_with_listed_switched_off(binary, scratch, server.port)
        print("dnsbl-unbound: run with {name: listed, disabled: true}: only the failing list "
              "is mailed")
    finally:
        if server is not None:
            server.stop()
        scratch.cleanup()


if __name__ == "__main__":
    sys.exit(main_wrapper(run))
