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

import os
import random
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import crash_maillog  # noqa: E402
from crash_daemon import (  # noqa: E402
    CheckFailed,
    count_statuses,
    describe,
    journal_source,
    main_wrapper,
    require_binary,
    same_counts,
    wait_for_new_write,
)
from daemon_driver import Workspace, argument_parser, check_against_scan  # noqa: E402

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
        self.journal_dir = None
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

    @staticmethod
    def cross_check(binary, work, entries, truth):
        """The truth of the matched entries, checked against `bouncewatch scan` on them."""
        path = work.path("matched.log")
        with open(path, "wb") as handle:
            for entry in entries:
                if entry.matched:
                    handle.write(entry.syslog_line(b"Nov 26 00:00:00"))
        check_against_scan(binary, path, truth)

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
        with Workspace("journal", binary, self.arguments.keep) as work:
            self.cross_check(binary, work, everything, self.truth(everything))
            self.journal_dir = work.path("journal")
            os.makedirs(self.journal_dir)

            def configure(start_at):
                work.configure(journal_source(self.journal_dir, start_at))

            configure("beginning")
            self.scenario(work, batches, configure)
        print(f"journal: passed in {time.monotonic() - self.started:.1f} s")

    @staticmethod
    def truth(entries):
        return count_statuses(entry.message for entry in entries if entry.matched)

    def scenario(self, work, batches, configure):
        daemon, textfile = work.daemon, work.textfile
        seen = []

        def expect(names, when):
            wanted = self.truth([entry for name in names for entry in batches[name]])
            total = sum(wanted.values())
            work.wait_for_deliveries(total, TIMEOUT, f"{total} deliveries {when}")
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
    parser = argument_parser(__doc__, "JOURNAL_SEED")
    return main_wrapper(Run(parser.parse_args()).run)


if __name__ == "__main__":
    sys.exit(main())
