#!/usr/bin/env python3
"""Capacity of one bouncewatch on a central log host, with `metrics.per_host: true`.

    fleet.py --binary PATH [--lines N] [--hosts H] [--domains D] [--top-hosts T] [--no-alerts]

Writes a central log of N Postfix delivery lines (sent, deferred, bounced, a Spamhaus listing
now and then) from H syslog hosts (mta0 ... mta{H-1}, interleaved as a central rsyslog writes
them) to D recipient domains, then runs `bouncewatch run` on it from its start with the default
alert rules (none with --no-alerts, to tell the alert engine's share) and waits until the textfile counts every line. Prints: lines, wall time, the
daemon's CPU time (utime + stime from /proc) and lines per second of CPU, its peak RSS
(VmHWM), and the series in the textfile (all of them, and those with a `host` label). With
--promtool the textfile goes through `promtool check metrics`. Figures are printed, never
asserted.
"""

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

REPLIES = [
    ("sent", "2.0.0", "250 2.0.0 Ok: queued as 7A3C81F2B4"),
    ("deferred", "4.7.28", "host mx.{d}[198.51.100.7] said: 421 4.7.28 Our system has "
     "detected an unusual rate of unsolicited mail (in reply to end of DATA command)"),
    ("bounced", "5.1.1", "host mx.{d}[198.51.100.7] said: 550 5.1.1 <u@{d}>: Recipient "
     "address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)"),
    ("deferred", "4.7.1", "host mx.{d}[198.51.100.7] said: 554 5.7.1 Service unavailable; "
     "Client host [203.0.113.5] blocked using zen.spamhaus.org (in reply to RCPT TO command)"),
]
WEIGHTS = [80, 10, 8, 2]


def write_log(path, lines, hosts, domains, seed=1):
    rng = random.Random(seed)
    stamp = time.strftime("%b %e %H:%M:%S", time.gmtime())
    with open(path, "w") as out:
        for number in range(lines):
            host = f"mta{number % hosts}"
            domain = f"d{rng.randrange(domains)}.example" if domains else "example.com"
            status, dsn, reply = rng.choices(REPLIES, WEIGHTS)[0]
            reply = reply.format(d=domain)
            out.write(
                f"{stamp} {host} postfix/smtp[{1000 + number % 5000}]: {number:010X}: "
                f"to=<u{number}@{domain}>, relay=mx.{domain}[198.51.100.7]:25, delay=0.5, "
                f"delays=0.1/0/0.2/0.2, dsn={dsn}, status={status} ({reply})\n")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def lines_counted(textfile):
    try:
        with open(textfile) as handle:
            text = handle.read()
    except FileNotFoundError:
        return 0, []
    samples = [line for line in text.splitlines() if line and not line.startswith("#")]
    total = 0
    for sample in samples:
        if sample.startswith("bouncewatch_lines_total{"):
            total += int(float(sample.rsplit(" ", 1)[1]))
    return total, samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.environ.get("BOUNCEWATCH_BIN"), required=False)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--hosts", type=int, default=1000)
    parser.add_argument("--domains", type=int, default=5000)
    parser.add_argument("--top-hosts", type=int, default=1000)
    parser.add_argument("--promtool", action="store_true")
    parser.add_argument("--no-alerts", action="store_true",
                        help="run with `alerts: []` instead of the default rules")
    args = parser.parse_args()
    if not args.binary or not os.access(args.binary, os.X_OK):
        sys.exit("fleet.py: --binary (or BOUNCEWATCH_BIN) must name the built bouncewatch")
    scratch = tempfile.mkdtemp(prefix="bouncewatch-fleet-")
    try:
        log = os.path.join(scratch, "central.log")
        textfile = os.path.join(scratch, "bouncewatch.prom")
        print(f"fleet: writing {args.lines} lines from {args.hosts} hosts to "
              f"{args.domains} domains", file=sys.stderr)
        write_log(log, args.lines, args.hosts, args.domains)
        config = os.path.join(scratch, "bouncewatch.yml")
        with open(config, "w") as handle:
            handle.write(
                "sources:\n"
                f"  - type: file\n    path: {log}\n    start_at: beginning\n"
                f"state_directory: {scratch}/state\n"
                "metrics:\n"
                f"  textfile: {textfile}\n"
                "  interval: 1s\n"
                "  per_host: true\n"
                f"  top_hosts: {args.top_hosts}\n"
                "notifiers: []\n"
                + ("alerts: []\n" if args.no_alerts else ""))
        started = time.monotonic()
        daemon = subprocess.Popen(
            [args.binary, "run", "--config", config], stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(scratch, "daemon.log"), "wb"),
            env=dict(os.environ, TZ="UTC"))
        try:
            while True:
                if daemon.poll() is not None:
                    sys.exit(f"fleet.py: the daemon exited with {daemon.returncode}")
                counted, samples = lines_counted(textfile)
                if counted >= args.lines:
                    break
                if time.monotonic() - started > 600:
                    sys.exit(f"fleet.py: only {counted} lines counted after 600 s")
                time.sleep(0.05)
            wall = time.monotonic() - started
            cpu = cpu_seconds(daemon.pid)
            rss = peak_rss_mb(daemon.pid)
        finally:
            daemon.send_signal(signal.SIGTERM)
            daemon.wait(timeout=60)
        host_series = sum(1 for sample in samples if 'host="' in sample)
        hosts_seen = {sample.split('host="', 1)[1].split('"', 1)[0]
                      for sample in samples if 'host="' in sample}
        print(f"lines: {args.lines}, hosts: {args.hosts}, domains: {args.domains}, "
              f"top_hosts: {args.top_hosts}, alerts: {'none' if args.no_alerts else 'default'}")
        print(f"wall until counted: {wall:.2f} s (includes the 1 s textfile interval)")
        print(f"daemon CPU: {cpu:.2f} s, {args.lines / cpu:,.0f} lines per second of CPU")
        print(f"peak RSS: {rss:.1f} MB")
        print(f"series in the textfile: {len(samples)}, with a host label: {host_series} "
              f"({len(hosts_seen)} host values)")
        if args.promtool:
            promtool = shutil.which("promtool")
            if promtool is None:
                sys.exit("fleet.py: promtool is missing (Debian package prometheus)")
            with open(textfile) as handle:
                check = subprocess.run([promtool, "check", "metrics"], stdin=handle,
                                       capture_output=True, text=True)
            print(f"promtool check metrics: status {check.returncode}"
                  + (f"\n{check.stdout}{check.stderr}" if check.returncode else ", clean"))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
