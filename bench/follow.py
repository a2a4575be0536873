#!/usr/bin/env python3
"""The daemon's following figures, printed and never asserted (bench/follow.sh runs this).

    follow.py --binary BIN --exporter EXPORTER --log LOG --many-domains LOG [--work DIR]
              [--idle-seconds 60]

(a) Ingest while following: `bouncewatch run` and Debian's prometheus-postfix-exporter follow
    the same, empty mail.log; LOG plus one marker line is appended as fast as possible, and
    each one's clock stops when it shows every line: bouncewatch when its textfile's
    `bouncewatch_lines_total` reaches the line count (the textfile is written every second,
    so its figure is late by up to one second), the exporter when its /metrics (scraped every
    50 ms on loopback) counts the marker, a reject with code 599 that the log never has.
(b) Idle CPU: over --idle-seconds with nothing appended, of the exporter, of the daemon of
    (a) (textfile and checkpoint every second) and of a second daemon with the shipped
    default interval of 15 s, from utime + stime in /proc/PID/stat (clock ticks) and the
    threads' /proc/PID/task/*/schedstat (ns).
(c) Peak memory: bouncewatch alone from the start of a log with many distinct recipient
    domains, VmHWM from /proc/PID/status once its textfile shows every line.
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts", "testing"))

from crash_daemon import (  # noqa: E402
    CheckFailed,
    Daemon,
    Textfile,
    count_statuses,
    describe,
    file_source,
    lines_read,
    main_wrapper,
    require_binary,
    wait_for,
    write_config,
)

MARKER = (
    b"Nov 26 23:59:59 mx1 postfix/smtpd[4242]: NOQUEUE: reject: RCPT from unknown[192.0.2.99]: "
    b"599 5.9.9 <bench@marker.invalid>: end of the follow benchmark; from=<bench@marker.invalid> "
    b"to=<bench@marker.invalid> proto=ESMTP helo=<marker.invalid>\n"
)
EXPORTER_DONE = 'postfix_smtpd_messages_rejected_total{code="599"}'
CHUNK = 4 << 20
INGEST_TIMEOUT = 1800


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_ticks(pid):
    """utime + stime of the whole process, in clock ticks."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def cpu_ns(pid):
    """Time on CPU of the live threads, in ns (finer than ticks, blind to exited threads)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as handle:
                total += int(handle.read().split()[0])
        except FileNotFoundError:
            pass
    return total


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def count_lines(path):
    count = 0
    with open(path, "rb") as handle:
        while True:
            block = handle.read(CHUNK)
            if not block:
                return count
            count += block.count(b"\n")


class Exporter:
    """prometheus-postfix-exporter on loopback, following one file."""

    def __init__(self, binary, log_path, output):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/metrics"
        self.output = open(output, "wb")
        self.process = subprocess.Popen(
            [binary, f"--web.listen-address=127.0.0.1:{self.port}",
             f"--postfix.logfile_path={log_path}"],
            stdin=subprocess.DEVNULL, stdout=self.output, stderr=self.output,
        )

    def metrics(self):
        try:
            with urllib.request.urlopen(self.url, timeout=5) as response:
                return response.read().decode("utf-8", "replace")
        except OSError:
            return None

    def marker_seen(self):
        text = self.metrics()
        return text is not None and any(
            line.startswith(EXPORTER_DONE) and float(line.split()[-1]) >= 1
            for line in text.splitlines()
        )

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.output.close()


def append_all(source, target):
    """Appends `source` and the marker to `target` as fast as the disk takes it."""
    with open(source, "rb") as reader, open(target, "ab", buffering=0) as writer:
        while True:
            block = reader.read(CHUNK)
            if not block:
                break
            writer.write(block)
        writer.write(MARKER)


class Bench:
    def __init__(self, arguments):
        self.arguments = arguments
        self.work = arguments.work
        self.results = []

    def directory(self, name):
        path = os.path.join(self.work, name)
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(os.path.join(path, "state"))
        os.makedirs(os.path.join(path, "textfile"))
        return path

    def daemon(self, name, log_path, interval="1s"):
        base = self.directory(name)
        config = os.path.join(base, "bouncewatch.yml")
        textfile = Textfile(os.path.join(base, "textfile", "bouncewatch.prom"))
        write_config(
            config, file_source(log_path), os.path.join(base, "state"), textfile.path, interval
        )
        return Daemon(self.binary, config, os.path.join(base, "daemon.log")), textfile

    def run(self):
        self.binary = require_binary(self.arguments.binary)
        os.makedirs(self.work, exist_ok=True)
        self.ingest_and_idle()
        self.peak_memory()
        print()
        print("bouncewatch follow benchmark (figures, not assertions)")
        for line in self.results:
            print(line)

    def ingest_and_idle(self):
        source = self.arguments.log
        lines = count_lines(source) + 1
        print(f"follow: counting the ground truth of {source}", file=sys.stderr)
        with open(source, "rb") as handle:
            truth = count_statuses(handle)
        followed = os.path.join(self.work, "ingest", "mail.log")
        daemon, textfile = self.daemon("ingest", followed)
        base = os.path.dirname(followed)
        open(followed, "wb").close()
        exporter = Exporter(self.arguments.exporter, followed, os.path.join(base, "exporter.log"))
        try:
            daemon.start()
            wait_for(lambda: textfile.samples() is not None, 30, "the first textfile", daemon)
            wait_for(lambda: exporter.metrics() is not None, 30, "the exporter's /metrics")
            print(f"follow: appending {lines} lines", file=sys.stderr)
            started = time.monotonic()
            append_all(source, followed)
            appended = time.monotonic() - started
            done = {}
            deadline = started + INGEST_TIMEOUT
            next_scrape = 0.0
            while len(done) < 2:
                now = time.monotonic()
                if now > deadline:
                    raise CheckFailed(f"not every line shown after {INGEST_TIMEOUT} s: {done}")
                daemon.check_alive()
                if "bouncewatch" not in done:
                    samples = textfile.samples()
                    if samples is not None and lines_read(samples) >= lines:
                        done["bouncewatch"] = (now - started, cpu_ticks(daemon.pid))
                if "exporter" not in done and now >= next_scrape:
                    next_scrape = now + 0.05
                    if exporter.marker_seen():
                        done["exporter"] = (now - started, cpu_ticks(exporter.process.pid))
                time.sleep(0.01)
            shown = textfile.deliveries()
            tick = os.sysconf("SC_CLK_TCK")
            self.results.append(
                f"(a) ingest while following {lines:,} lines "
                f"(appended in {appended:.2f} s; deliveries: textfile {describe(shown)}, "
                f"regex {describe(truth)})"
            )
            for name, pid in (("bouncewatch", daemon.pid), ("exporter", exporter.process.pid)):
                wall, ticks = done[name]
                self.results.append(
                    f"    {name:<12} all lines shown after {wall:7.2f} s = "
                    f"{lines / wall:>10,.0f} lines/s; CPU {ticks / tick:6.2f} s; "
                    f"peak RSS {peak_rss_mb(pid):6.1f} MB"
                )
            # A second daemon with the shipped default interval (15 s) on the same file, idle
            # side by side with the first: the textfile and checkpoint writes are its only work.
            quiet, quiet_textfile = self.daemon("idle-15s", followed, "15s")
            try:
                quiet.start()
                wait_for(
                    lambda: lines_read(quiet_textfile.samples() or []) >= lines, 120,
                    "the 15 s daemon to catch up", quiet, poll=0.1,
                )
                self.idle({"bouncewatch 1s": daemon, "bouncewatch 15s": quiet}, exporter)
                quiet.terminate()
            finally:
                quiet.stop_quietly()
            daemon.terminate()
        finally:
            daemon.stop_quietly()
            exporter.stop()

    def idle(self, daemons, exporter):
        seconds = self.arguments.idle_seconds
        time.sleep(2)
        pids = {name: daemon.pid for name, daemon in daemons.items()}
        pids["exporter"] = exporter.process.pid
        before = {name: (cpu_ticks(pid), cpu_ns(pid)) for name, pid in pids.items()}
        print(f"follow: idle for {seconds} s", file=sys.stderr)
        time.sleep(seconds)
        for daemon in daemons.values():
            daemon.check_alive()
        tick = os.sysconf("SC_CLK_TCK")
        self.results.append(f"(b) idle CPU over {seconds} s with nothing appended, bouncewatch "
                            "with interval 1s and 15s (target: under 0.1% of a core)")
        for name, pid in pids.items():
            ticks = cpu_ticks(pid) - before[name][0]
            nanoseconds = cpu_ns(pid) - before[name][1]
            self.results.append(
                f"    {name:<16} {100 * ticks / tick / seconds:.3f}% of a core "
                f"({ticks} ticks of 1/{tick} s); threads' schedstat "
                f"{100 * nanoseconds / 1e9 / seconds:.4f}%"
            )

    def peak_memory(self):
        source = self.arguments.many_domains
        lines = count_lines(source)
        daemon, textfile = self.daemon("memory", source)
        print(f"follow: memory: {lines} lines with many domains", file=sys.stderr)
        try:
            started = time.monotonic()
            daemon.start()
            wait_for(
                lambda: (textfile.samples() and lines_read(textfile.samples()) >= lines),
                INGEST_TIMEOUT, "the textfile to show every line of the many-domain log",
                daemon, poll=0.1,
            )
            wall = time.monotonic() - started
            peak = peak_rss_mb(daemon.pid)
            daemon.terminate()
        finally:
            daemon.stop_quietly()
        verdict = "within" if peak < 64 else "OVER"
        self.results.append(
            f"(c) peak RSS (VmHWM) reading {lines:,} lines with "
            f"{self.arguments.domains_label} recipient domains: {peak:.1f} MB "
            f"({verdict} the 64 MB target), all shown after {wall:.1f} s"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--exporter", required=True)
    parser.add_argument("--log", required=True, help="the Postfix log to append")
    parser.add_argument("--many-domains", required=True, help="a log with many domains")
    parser.add_argument("--domains-label", default="1,000,000 distinct")
    parser.add_argument("--work", default=os.path.join(
        os.environ.get("TMPDIR", "/tmp"), "bouncewatch-bench", "follow"))
    parser.add_argument("--idle-seconds", type=int, default=60)
    return main_wrapper(Bench(parser.parse_args()).run)


if __name__ == "__main__":
    sys.exit(main())
