#!/usr/bin/env python3
"""`bouncewatch run` on a journal directory: read from the start, follow, continue at the cursor.

    journal_follow.py [--binary PATH] [--seed N] [--keep]

Builds journal files at test time with systemd-journal-remote (through
scripts/make-journal.py) from generated Postfix lines, split into their SYSLOG_IDENTIFIER,
_PID and MESSAGE. A tenth of the Postfix entries carry an instance name (`postfix-out/smtp`),
and decoy entries of another program (`mailstats`) say `status=bounced`: the default match,
by identifier prefix, must take the first and leave the second.

1. batch A is in the journal before the daemon starts (start_at: beginning): counts exact;
   then the configuration says start_at: end, which must not matter any more: the daemon
   has a cursor;
2. batch B is appended while the daemon follows: counts exact;
3. SIGTERM (exit 0), batch C appended while stopped, restart: counts exact, nothing twice;
4. batch D appended while following again, then SIGKILL after a checkpoint and a restart:
   counts still exact after the final SIGTERM.

Each append runs systemd-journal-remote on the same output name, which archives the file
(`remote@....journal~`) and starts a new one, so the daemon follows the directory.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import crash_maillog  # noqa: E402
from crash_daemon import (  # noqa: E402
    STATUSES,
    CheckFailed,
    Daemon,
    Textfile,
    count_statuses,
    describe,
    journal_source,
    main_wrapper,
    require_binary,
    same_counts,
    wait_for,
    wait_for_new_write,
    write_config,
)

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAKE_JOURNAL = os.path.join(REPOSITORY, "scripts", "make-journal.py")
JOURNAL_REMOTE = os.environ.get("JOURNAL_REMOTE", "/lib/systemd/systemd-journal-remote")
BATCHES = (("A", 4000), ("B", 3000), ("C", 2000), ("D", 1000))
DECOYS_PER_BATCH = 25
TIMEOUT = 60

_SYSLOG = re.compile(rb"^\w{3} [ \d]\d \d\d:\d\d:\d\d \S+ ([^\s\[:]+)(?:\[(\d+)\])?: (.*)$")


class Entry:
    """One journal entry: what make-journal.py takes, and whether the daemon should count it."""

    def __init__(self, identifier, pid, message):
        self.identifier = identifier
        self.pid = pid
        self.message = message

    @property
    def matched(self):
        return self.identifier.startswith((b"postfix", b"exim"))

    def spec(self):
        message = self.message.replace(b"\\", b"\\\\")
        return self.identifier + b"\t" + self.pid + b"\t" + message + b"\n"

    def syslog_line(self, stamp):
        pid = b"[" + self.pid + b"]" if self.pid else b""
        return stamp + b" mx1 " + self.identifier + pid + b": " + self.message + b"\n"


def entries_from(lines, rng):
    entries = []
    for line in lines:
        match = _SYSLOG.match(line.rstrip(b"\n"))
        if not match:
            raise CheckFailed(f"generated line is not syslog: {line[:120]!r}")
        identifier, pid, message = match.groups()
        if identifier.startswith(b"postfix/") and rng.random() < 0.1:
            identifier = b"postfix-out/" + identifier[len(b"postfix/") :]
        entries.append(Entry(identifier, pid or b"", message))
    return entries


def decoys(batch, count):
    return [
        Entry(b"mailstats", b"77", f"{batch}{n}: to=<x@decoy.example>, status=bounced".encode())
        for n in range(count)
    ]


class Run:
    def __init__(self, arguments):
        self.arguments = arguments
        self.work = tempfile.mkdtemp(prefix="bouncewatch-journal-")
        self.journal_dir = os.path.join(self.work, "journal")
        self.entries_written = 0
        self.started = time.monotonic()

    def append(self, entries):
        """Hands `entries` to systemd-journal-remote, continuing the entry numbering."""
        spec = b"".join(entry.spec() for entry in entries)
        result = subprocess.run(
            [sys.executable, MAKE_JOURNAL, "--first", str(self.entries_written),
             "--output", os.path.join(self.journal_dir, "remote.journal")],
            input=spec, check=False, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        if result.returncode != 0:
            raise CheckFailed(f"make-journal.py failed: {result.stderr.decode(errors='replace')}")
        self.entries_written += len(entries)

    def cross_check(self, binary, entries, truth):
        """The truth of the matched entries, checked against `bouncewatch scan` on them."""
        path = os.path.join(self.work, "matched.log")
        with open(path, "wb") as handle:
            for entry in entries:
                if entry.matched:
                    handle.write(entry.syslog_line(b"Nov 26 00:00:00"))
        result = subprocess.run(
            [binary, "scan", "--format", "json", path],
            check=False, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=dict(os.environ, TZ="UTC"),
        )
        if result.returncode != 0:
            raise CheckFailed(f"bouncewatch scan exited {result.returncode}: {result.stderr!r}")
        scanned = json.loads(result.stdout)["deliveries"]
        scanned = Counter({status: scanned.get(status, 0) for status in STATUSES})
        if not same_counts(scanned, truth):
            raise CheckFailed(
                f"the ground truth is unsure: counting status= gives {describe(truth)}, "
                f"bouncewatch scan gives {describe(scanned)}"
            )

    def run(self):
        binary = require_binary(self.arguments.binary)
        for tool in (JOURNAL_REMOTE, MAKE_JOURNAL):
            if not os.path.exists(tool):
                raise CheckFailed(f"{tool} is missing (scripts/install-deps.sh test installs it)")
        seed = self.arguments.seed
        print(f"journal: seed {seed} (replay with JOURNAL_SEED={seed})")
        rng = random.Random(seed)
        total = sum(size for _, size in BATCHES)
        entries = entries_from(crash_maillog.generate(total, seed % 100000 + 1), rng)
        batches = {}
        offset = 0
        for name, size in BATCHES:
            batch = entries[offset : offset + size] + decoys(name, DECOYS_PER_BATCH)
            rng.shuffle(batch)
            batches[name] = batch
            offset += size
        everything = [entry for name, _ in BATCHES for entry in batches[name]]
        self.cross_check(binary, everything, self.truth(everything))

        os.makedirs(self.journal_dir)
        os.makedirs(os.path.join(self.work, "state"))
        os.makedirs(os.path.join(self.work, "textfile"))
        config = os.path.join(self.work, "bouncewatch.yml")
        textfile = Textfile(os.path.join(self.work, "textfile", "bouncewatch.prom"))

        def configure(start_at):
            write_config(
                config, journal_source(self.journal_dir, start_at),
                os.path.join(self.work, "state"), textfile.path,
            )

        configure("beginning")
        daemon = Daemon(binary, config, os.path.join(self.work, "daemon.log"))
        try:
            self.scenario(daemon, textfile, batches, configure)
        finally:
            daemon.stop_quietly()
            if self.arguments.keep:
                print(f"journal: kept {self.work}")
            else:
                shutil.rmtree(self.work, ignore_errors=True)
        print(f"journal: passed in {time.monotonic() - self.started:.1f} s")

    @staticmethod
    def truth(entries):
        return count_statuses(entry.message for entry in entries if entry.matched)

    def scenario(self, daemon, textfile, batches, configure):
        seen = []

        def expect(names, when):
            wanted = self.truth([entry for name in names for entry in batches[name]])
            total = sum(wanted.values())
            wait_for(
                lambda: sum((textfile.deliveries() or Counter()).values()) >= total,
                TIMEOUT, f"{total} deliveries {when}", daemon,
            )
            # One more write after reaching the total, so a late double count would show.
            wait_for_new_write(textfile, daemon)
            self.compare(textfile, wanted, when)

        self.append(batches["A"])
        seen.append("A")
        daemon.start()
        expect(seen, "from the start of the journal (batch A)")
        # The cursor is saved now, so start_at no longer applies: with `end`, a restart that
        # lost the cursor would skip entries instead of reading them all again.
        configure("end")

        self.append(batches["B"])
        seen.append("B")
        expect(seen, "after following batch B")

        daemon.terminate()
        self.compare(textfile, self.truth([e for n in seen for e in batches[n]]), "at SIGTERM")
        self.append(batches["C"])
        seen.append("C")
        daemon.start()
        expect(seen, "after a restart with batch C written while stopped")

        self.append(batches["D"])
        seen.append("D")
        expect(seen, "after following batch D")
        daemon.kill()
        daemon.start()
        wait_for_new_write(textfile, daemon)
        daemon.terminate()
        self.compare(
            textfile, self.truth([e for n in seen for e in batches[n]]),
            "after SIGKILL, a restart and SIGTERM",
        )

    @staticmethod
    def compare(textfile, wanted, when):
        seen = textfile.deliveries()
        if seen is None:
            raise CheckFailed(f"no textfile at {textfile.path} {when}")
        if not same_counts(seen, wanted):
            raise CheckFailed(f"deliveries {when}: textfile {describe(seen)}, "
                              f"ground truth {describe(wanted)}")
        print(f"journal: {when}: {describe(seen)}: exact")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.environ.get("BOUNCEWATCH_BIN"))
    default_seed = os.environ.get("JOURNAL_SEED") or random.SystemRandom().randrange(1, 10**9)
    parser.add_argument("--seed", type=int, default=int(default_seed))
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    return main_wrapper(Run(parser.parse_args()).run)


if __name__ == "__main__":
    sys.exit(main())
