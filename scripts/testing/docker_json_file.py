#!/usr/bin/env python3
"""`bouncewatch run` on a container's json-file log, written as Docker writes it.

    docker_json_file.py [--binary PATH] [--seed N] [--keep]

There is no Docker daemon here: a Docker data root is laid out in a scratch directory
(`containers/<id>/config.v2.json`, `containers/<id>/<id>-json.log`) and the log is written
byte for byte in Docker's format (scripts/testing/docker_json.py): escapes, `attrs`, lines
longer than 16 KiB split into several records, invalid UTF-8, lines with no stamp of their own
(the record's `time` stands in), stderr noise, and Docker's rename rotation. The source names
the container (`container: mail-postfix-1`), resolved through config.v2.json.

1. batch A is in the log before the daemon starts (start_at: beginning): counts exact;
2. batch B is written while the daemon follows, with a rotation in its middle: counts exact;
3. the first record of a split line is written, the daemon saves a checkpoint and gets
   SIGTERM; while it is stopped the line's other records, a rotation and batch C are written;
   after a restart the counts are exact (the split line once, not lost, not twice);
4. batch D is written while following, then SIGKILL after a checkpoint and a restart: counts
   still exact after the final SIGTERM.

The ground truth (status= counted in the lines the container wrote, as a json-file reader
gets them back) is checked against `bouncewatch scan` of those lines, and `bouncewatch scan`
of the json-file logs themselves must count the same.
"""

import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import crash_maillog  # noqa: E402
import docker_json  # noqa: E402
from crash_daemon import (  # noqa: E402
    STATUSES,
    CheckFailed,
    count_statuses,
    describe,
    main_wrapper,
    require_binary,
    same_counts,
    wait_for_new_write,
)
from daemon_driver import Workspace, argument_parser, check_against_scan  # noqa: E402

CONTAINER = "mail-postfix-1"
BATCHES = (("A", 3000), ("B", 2000), ("C", 1500), ("D", 1000))
TIMEOUT = 60
_SYSLOG_PREFIX = re.compile(rb"^\w{3} [ \d]\d \d\d:\d\d:\d\d \S+ ")
ATTRS = b'{"com.docker.compose.service":"postfix","tag":"mail<&>"}'


class Log:
    """The container's json-file log and its rotations in a scratch Docker data root."""

    def __init__(self, root, rng):
        self.root = root
        self.rng = rng
        self.id = "".join(rng.choice("0123456789abcdef") for _ in range(64))
        self.directory = os.path.join(root, "containers", self.id)
        os.makedirs(self.directory)
        self.path = os.path.join(self.directory, f"{self.id}-json.log")
        config = {
            "StreamConfig": {}, "State": {"Running": True, "Pid": 4242},
            "ID": self.id, "Created": "2026-12-06T09:00:00.123456789Z",
            "Path": "/docker-entrypoint.sh", "Args": ["postfix", "start-fg"],
            "Config": {"Hostname": "mail", "Image": "example/postfix:3.7"},
            "Name": "/" + CONTAINER, "Driver": "overlay2",
            "LogPath": self.path,
        }
        with open(os.path.join(self.directory, "config.v2.json"), "w") as handle:
            json.dump(config, handle, separators=(",", ":"))
        self.clock = 1796551200  # 2026-12-06T10:00:00Z
        self.inner = []  # every line the container wrote, as a reader gets it back
        self.shown = []  # the same as `docker logs -t` shows them: `time line`

    def time(self):
        self.clock += self.rng.choice((0, 0, 1))
        return docker_json.stamp(self.clock, self.rng.randrange(0, 10**9))

    def write(self, data):
        with open(self.path, "ab") as handle:
            handle.write(data)

    def records(self, line, stream="stdout"):
        stamp = self.time()
        data, back = docker_json.records(line, stream, stamp, ATTRS)
        self.inner.append(back)
        self.shown.append(stamp.encode() + b" " + back)
        return data

    def rotate(self, keep=5):
        """Docker's rotation: `.N` → `.N+1` (the oldest dropped), the log → `.1`, a new log."""
        for number in range(keep - 1, 0, -1):
            older = f"{self.path}.{number}"
            if os.path.exists(older):
                os.rename(older, f"{self.path}.{number + 1}")
        os.rename(self.path, f"{self.path}.1")
        open(self.path, "wb").close()

    def files_oldest_first(self):
        numbered = sorted(
            (int(name.rsplit(".", 1)[1]), name) for name in os.listdir(self.directory)
            if name.startswith(f"{self.id}-json.log.")
        )
        return [os.path.join(self.directory, name) for _, name in reversed(numbered)] + [
            self.path
        ]


def shape(lines, rng):
    """The generated syslog lines as a container writes them: a third without stamp and host
    (`postfix/smtp[1]: ...`, Docker's `time` then stands in), some replies made longer than
    16 KiB with characters Docker escapes, some with a byte of invalid UTF-8."""
    shaped = []
    for line in lines:
        line = line.rstrip(b"\n")
        if rng.random() < 0.33:
            # `Nov 26 10:00:01 mx1 postfix/...`: drop the stamp and the host.
            line = _SYSLOG_PREFIX.sub(b"", line, count=1)
        if b"status=" in line and rng.random() < 0.01:
            line = line.replace(b"said: ", b"said: " + b"<&> \"q\" \xc3\xa9\t" * 1500, 1)
        if rng.random() < 0.01:
            line = line.replace(b"to=<", b"to=<\xff", 1)
        shaped.append(line)
    return shaped


class Run:
    def __init__(self, arguments):
        self.arguments = arguments
        self.started = time.monotonic()

    def run(self):
        binary = require_binary(self.arguments.binary)
        seed = self.arguments.seed
        print(f"docker: seed {seed} (replay with DOCKER_SEED={seed})")
        rng = random.Random(seed)
        total = sum(size for _, size in BATCHES)
        lines = shape(crash_maillog.generate(total, seed % 100000 + 1), rng)
        batches, offset = {}, 0
        for name, size in BATCHES:
            batches[name] = lines[offset : offset + size]
            offset += size
        with Workspace("docker", binary, self.arguments.keep) as work:
            log = Log(work.path("docker"), rng)
            work.configure(
                f"  - type: docker\n    container: {CONTAINER}\n"
                f"    docker_root: {log.root}\n    start_at: beginning\n"
            )
            self.scenario(work, log, batches, rng)
            self.cross_check(binary, work, log)
        print(f"docker: passed in {time.monotonic() - self.started:.1f} s")

    def write_batch(self, log, lines, rng, rotate_at=None):
        data = bytearray()
        for index, line in enumerate(lines):
            if rotate_at is not None and index == rotate_at:
                log.write(bytes(data))
                data.clear()
                log.rotate()
            if rng.random() < 0.02:
                # The entrypoint's own noise on stderr: no mail log line.
                data += log.records(b"INFO: reloading <postfix> & friends", "stderr")
            data += log.records(line)
        log.write(bytes(data))

    def scenario(self, work, log, batches, rng):
        daemon, textfile = work.daemon, work.textfile

        def expect(when):
            wanted = count_statuses(log.inner)
            total = sum(wanted.values())
            work.wait_for_deliveries(total, TIMEOUT, f"{total} deliveries {when}")
            self.compare(textfile, wanted, when)

        self.write_batch(log, batches["A"], rng)
        daemon.start()
        expect("from the start of the log (batch A)")

        self.write_batch(log, batches["B"], rng, rotate_at=len(batches["B"]) // 2)
        expect("after following batch B with a rotation in it")

        long_line = (
            b"postfix/smtp[4711]: 9F8E7D6C5B: to=<split@mail1.example>, relay=mx.mail1.example"
            b"[192.0.2.7]:25, delay=1, delays=0/0/0/1, dsn=5.7.1, status=bounced (host "
            b"mx.mail1.example[192.0.2.7] said: 554 5.7.1 " + b"<&>" * 12000 + b" rejected)"
        )
        data = log.records(long_line)
        first_end = data.index(b"\n") + 1
        log.write(data[:first_end])
        wait_for_new_write(textfile, daemon)
        daemon.terminate()
        self.compare(textfile, count_statuses(log.inner[:-1]), "at SIGTERM, a split line open")
        log.write(data[first_end:])
        log.rotate()
        self.write_batch(log, batches["C"], rng)
        daemon.start()
        expect("after a restart with the split line's rest, a rotation and batch C")

        self.write_batch(log, batches["D"], rng)
        expect("after following batch D")
        daemon.kill()
        daemon.start()
        wait_for_new_write(textfile, daemon)
        daemon.terminate()
        self.compare(textfile, count_statuses(log.inner), "after SIGKILL, a restart and SIGTERM")

    @staticmethod
    def cross_check(binary, work, log):
        """The truth against `scan` of the lines the container wrote (as `docker logs -t`
        shows them, so that the lines without a stamp have one), and `scan` of the json-file
        logs themselves against the truth."""
        truth = count_statuses(log.inner)
        plain = work.path("docker-logs-t.log")
        with open(plain, "wb") as handle:
            handle.write(b"".join(line + b"\n" for line in log.shown))
        check_against_scan(binary, plain, truth)
        files = log.files_oldest_first()
        result = subprocess.run(
            [binary, "scan", "--format", "json", *files],
            check=False, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=dict(os.environ, TZ="UTC"),
        )
        if result.returncode != 0:
            raise CheckFailed(f"scan of the json-file logs exited {result.returncode}")
        report = json.loads(result.stdout)
        scanned = Counter({s: report["deliveries"].get(s, 0) for s in STATUSES})
        if not same_counts(scanned, truth):
            raise CheckFailed(
                f"scan of the json-file logs: {describe(scanned)}, truth {describe(truth)}"
            )
        print(f"docker: scan of {len(files)} json-file logs: {describe(scanned)}: exact")

    @staticmethod
    def compare(textfile, wanted, when):
        seen = textfile.deliveries()
        if seen is None:
            raise CheckFailed(f"no textfile at {textfile.path} {when}")
        if not same_counts(seen, wanted):
            raise CheckFailed(
                f"deliveries {when}: textfile {describe(seen)}, ground truth {describe(wanted)}"
            )
        print(f"docker: {when}: {describe(seen)}: exact")


def main():
    parser = argument_parser(__doc__, "DOCKER_SEED")
    return main_wrapper(Run(parser.parse_args()).run)


if __name__ == "__main__":
    sys.exit(main())
