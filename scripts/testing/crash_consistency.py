#!/usr/bin/env python3
"""Crash consistency of `bouncewatch run`: SIGKILL at random moments loses and doubles nothing.

    crash_consistency.py [--binary PATH] [--seed N] [--lines N] [--kills N] [--keep]

Writes `--lines` Postfix lines (default 200,000) into a followed mail.log in bursts, while
rotating it the three ways logrotate does: rename while the daemon runs (mail.log ->
mail.log.1, a few late lines into the renamed file, then a new mail.log), copytruncate while
it runs (copy to mail.log.1, truncate in place), and rename while the daemon is stopped.
Older rotated files move up (mail.log.1 -> mail.log.2 ...) and are never compressed or
deleted. The daemon is killed with SIGKILL `--kills` times (default 20), each at a random
moment, and started again; at the end it gets SIGTERM and must exit 0, and its textfile's
`bouncewatch_deliveries_total` summed by status must equal the ground truth exactly. It is
then started once more with nothing new to read and stopped again: the counts must not move.

The daemon runs with the sender-domain and SASL-user series on (`metrics.senders` and
`metrics.sasl_users`, top 20), so it follows each message by queue id (smtpd `client=` with
`sasl_username=`, qmgr `from=`, `removed`) and keeps that state in its checkpoint across the
kills and rotations. The log's senders are folded into a handful of domains, the null sender
`<>` and a handful of SASL users (crash_maillog.fold_senders). After each SIGTERM above,
`bouncewatch_sender_deliveries_total` and `bouncewatch_sasl_user_deliveries_total`, summed
over causes, must keep the sender ground truth: per family and status, the sum over every
name and `other` exact, and each named series at most its truth (a name's deliveries before
the textfile write that gave it a series stay under `other`).

Then, in the same scratch directory, the real `logrotate` with `compress` + `delaycompress`
rotates once and twice while the daemon is stopped, and twice while it is frozen by SIGSTOP;
counts, deliveries and senders, must be exact again (scripts/testing/crash_logrotate.py).
`--logrotate-only` runs just those.

The ground truth is a plain regex count of `status=...` over the generated lines, checked
against `bouncewatch scan --format json` on the same lines before the daemon runs. The sender
ground truth is counted from the lines too, by queue id (scripts/testing/crash_senders.py),
and checked against `bouncewatch scan --senders --format json` likewise, deliveries whose
sender the log does not say included.

Every random choice comes from `--seed` (default: CRASH_SEED, else a fresh one, printed),
made up front, so a seed replays the same plan; only the daemon's own timing differs.
"""

import os
import random
import shutil
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import crash_logrotate  # noqa: E402
import crash_maillog  # noqa: E402
import crash_senders  # noqa: E402
from crash_daemon import (  # noqa: E402
    CheckFailed,
    count_statuses,
    describe,
    file_source,
    is_delivery,
    lines_read,
    main_wrapper,
    require_binary,
    same_counts,
    wait_for_new_write,
)
from daemon_driver import Workspace, argument_parser, check_against_scan  # noqa: E402

BURSTS = 100
RUNNING_RENAMES = 5
RUNNING_COPYTRUNCATES = 5
STOPPED_RENAMES = 5
FINAL_TIMEOUT = 120
# The top of the sender-domain and SASL-user series: above the log's handful of names
# (crash_maillog.SENDER_DOMAINS and SASL_USERS, and `<>`), so each gets a series of its own.
SENDER_TOP = 20


class MailLog:
    """The followed mail.log and its rotated copies, written the way syslog and logrotate do."""

    def __init__(self, directory):
        self.directory = directory
        self.path = os.path.join(directory, "mail.log")
        self.rotations = Counter()
        open(self.path, "ab").close()

    def append(self, lines, path=None):
        with open(path or self.path, "ab") as handle:
            handle.write(b"".join(lines))

    def contents(self):
        """The rotated files, oldest first, then mail.log: every line written, in order."""
        names = [name for name in os.listdir(self.directory) if name.startswith("mail.log.")]
        names.sort(key=lambda name: -int(name[len("mail.log.") :]))
        data = b""
        for name in names + ["mail.log"]:
            with open(os.path.join(self.directory, name), "rb") as handle:
                data += handle.read()
        return data

    def is_empty(self):
        return os.path.getsize(self.path) == 0

    def _shift(self):
        """mail.log.N -> mail.log.N+1 for every N, highest first, so .1 is free."""
        numbers = sorted(
            (int(name[len("mail.log.") :]) for name in os.listdir(self.directory)
             if name.startswith("mail.log.") and name[len("mail.log.") :].isdigit()),
            reverse=True,
        )
        for number in numbers:
            os.rename(f"{self.path}.{number}", f"{self.path}.{number + 1}")

    def rename(self, late_lines, kind):
        """Rename rotation: `create` makes the new file at once, and the writer keeps writing
        `late_lines` into the renamed one until it is told to reopen."""
        self._shift()
        os.rename(self.path, self.path + ".1")
        open(self.path, "ab").close()
        if late_lines:
            self.append(late_lines, self.path + ".1")
        self.rotations[kind] += 1

    def copytruncate(self):
        self._shift()
        shutil.copyfile(self.path, self.path + ".1")
        os.truncate(self.path, 0)
        self.rotations["copytruncate while running"] += 1


def make_plan(rng, line_count, kills):
    """Bursts, and what happens after each: rotations, kills, work done while stopped."""
    cuts = sorted(rng.sample(range(1, line_count), BURSTS - 1))
    bounds = list(zip([0] + cuts, cuts + [line_count]))
    plan = [{"lines": bound, "pause": rng.uniform(0, 0.2)} for bound in bounds]
    running = rng.sample(range(2, BURSTS), RUNNING_RENAMES + RUNNING_COPYTRUNCATES)
    for number, index in enumerate(running):
        if number < RUNNING_RENAMES:
            plan[index]["rotate"] = "rename"
            plan[index]["late"] = rng.randint(1, 40)
        else:
            plan[index]["rotate"] = "copytruncate"
    killed = rng.sample(range(1, BURSTS - 1), kills)
    stopped_renames = set(rng.sample(killed, min(STOPPED_RENAMES, kills)))
    for index in killed:
        # A third of the kills land right after a burst, while the daemon reads it.
        plan[index]["kill"] = rng.uniform(0, 0.05) if rng.random() < 1 / 3 else rng.uniform(0, 1.5)
        plan[index]["rename while stopped"] = index in stopped_renames
        plan[index]["write while stopped"] = rng.random() < 0.5
    return plan


def first_delivery_totals(lines):
    """Running total of delivery lines: totals[k] counts those among lines[:k]."""
    totals = [0]
    for line in lines:
        totals.append(totals[-1] + (1 if is_delivery(line) else 0))
    return totals


class Run:
    def __init__(self, arguments):
        self.arguments = arguments
        self.started = time.monotonic()

    @staticmethod
    def ground_truth(binary, work, lines):
        """The deliveries by status and the sender truth of `lines`, each checked against
        `bouncewatch scan` on the whole log."""
        truth = count_statuses(lines)
        senders = crash_senders.ground_truth(lines)
        whole = work.path("all-lines.log")
        with open(whole, "wb") as handle:
            handle.write(b"".join(lines))
        check_against_scan(binary, whole, truth)
        crash_senders.check_against_scan(binary, whole, senders)
        os.remove(whole)
        return truth, senders

    def run(self):
        binary = require_binary(self.arguments.binary)
        crash_logrotate.require_logrotate()
        seed = self.arguments.seed
        print(f"crash: seed {seed} (replay with CRASH_SEED={seed})")
        rng = random.Random(seed)
        lines = crash_maillog.generate(self.arguments.lines, seed % 100000 + 1, few_senders=True)
        with Workspace("crash", binary, self.arguments.keep, sender_top=SENDER_TOP) as work:
            truth, senders = self.ground_truth(binary, work, lines)
            if self.arguments.logrotate_only:
                crash_logrotate.run(work, lines)
                print(f"crash: passed in {time.monotonic() - self.started:.1f} s")
                return
            print(f"crash: ground truth {describe(truth)}")
            print(f"crash: sender ground truth {crash_senders.describe(senders.counts)},"
                  f" {senders.without_sender} deliveries without sender")
            plan = make_plan(rng, len(lines), self.arguments.kills)
            delivered_before = first_delivery_totals(lines)
            logs = work.path("logs")
            os.makedirs(logs)
            mail = MailLog(logs)
            self.configure = lambda start_at: work.configure(file_source(mail.path, start_at))
            self.configure("beginning")
            try:
                self.drive(work, mail, lines, plan, delivered_before)
                self.finish(work, truth, senders, len(lines))
                crash_logrotate.run(work, lines)
            except CheckFailed as failure:
                raise CheckFailed(
                    f"{failure}\n(seed {seed}: CRASH_SEED={seed} replays this plan)"
                )
        print(
            f"crash: {self.arguments.kills} kills, {work.daemon.starts} starts, rotations: "
            + ", ".join(f"{count} {kind}" for kind, count in sorted(mail.rotations.items()))
        )
        print(f"crash: passed in {time.monotonic() - self.started:.1f} s")

    def drive(self, work, mail, lines, plan, delivered_before):
        daemon = work.daemon
        written = 0
        # The index of the first line in the current mail.log.
        rotated_at = 0
        daemon.start()
        mail.append(lines[: plan[0]["lines"][1]])
        plan[0]["written while stopped"] = True
        written = plan[0]["lines"][1]
        # Once a checkpoint holds the file, start_at no longer applies: with `end`, a daemon
        # that lost its place would skip lines instead of reading them again from the start.
        wait_for_new_write(work.textfile, daemon)
        self.configure("end")
        for index, step in enumerate(plan):
            start, end = step["lines"]
            pending = [] if step.get("written while stopped") else lines[start:end]
            rotation = step.get("rotate")
            if rotation == "copytruncate" and not mail.is_empty():
                self.wait_for_progress(work, delivered_before, rotated_at, written)
                mail.copytruncate()
                rotated_at = written
            elif rotation == "rename" and not mail.is_empty():
                late = pending[: step["late"]]
                mail.rename(late, "rename while running")
                pending = pending[len(late) :]
                rotated_at = written + len(late)
            mail.append(pending)
            written = end
            time.sleep(step["pause"])
            if "kill" not in step:
                continue
            time.sleep(step["kill"])
            daemon.kill()
            if step["rename while stopped"] and not mail.is_empty():
                mail.rename([], "rename while stopped")
                rotated_at = written
            if step["write while stopped"] and index + 1 < len(plan):
                following = plan[index + 1]
                mail.append(lines[following["lines"][0] : following["lines"][1]])
                following["written while stopped"] = True
                written = following["lines"][1]
            daemon.start()
        if written != len(lines):
            raise CheckFailed(f"the test wrote {written} of {len(lines)} lines")
        if mail.contents() != b"".join(lines):
            raise CheckFailed("the test's own rotations lost or reordered lines on disk")

    def wait_for_progress(self, work, delivered_before, rotated_at, written):
        """Before a copytruncate: waits until the daemon has counted the first delivery in the
        current mail.log and saved a checkpoint after that, when there is such a delivery.

        A file that was still empty at the saved position has no first bytes to recognise its
        copy by (a documented limit); past that, the copytruncate may race ahead of reading.
        """
        if delivered_before[written] == delivered_before[rotated_at]:
            return
        target = delivered_before[rotated_at] + 1
        work.wait_for_deliveries(
            target, 60, f"the daemon to count {target} deliveries before a copytruncate"
        )

    def finish(self, work, truth, senders, line_count):
        total = sum(truth.values())
        work.wait_for_deliveries(
            total, FINAL_TIMEOUT, f"the textfile to show all {total} deliveries"
        )
        work.daemon.terminate()
        self.compare(work.textfile, truth, senders, line_count, "after the last SIGTERM")
        # Nothing new to read: a start and a stop must leave every counter where it was.
        work.daemon.start()
        wait_for_new_write(work.textfile, work.daemon)
        work.daemon.terminate()
        self.compare(
            work.textfile, truth, senders, line_count, "after a restart with nothing new"
        )

    def compare(self, textfile, truth, senders, line_count, when):
        samples = textfile.samples()
        if samples is None:
            raise CheckFailed(f"no textfile at {textfile.path} {when}")
        seen = Counter()
        for name, labels, value in samples:
            if name == "bouncewatch_deliveries_total":
                seen[labels.get("status", "")] += int(value)
        if not same_counts(seen, truth):
            raise CheckFailed(
                f"deliveries {when}: textfile {describe(seen)}, ground truth {describe(truth)}"
            )
        read = lines_read(samples)
        if read != line_count:
            raise CheckFailed(f"bouncewatch_lines_total {when} is {read}, {line_count} written")
        print(f"crash: {when}: {describe(seen)}, {read} lines: exact")
        by_sender = crash_senders.check_textfile(samples, senders, when)
        print(f"crash: {when}: {crash_senders.describe(by_sender)}: exact"
              f" (other: {crash_senders.other_total(by_sender)})")


def main():
    parser = argument_parser(__doc__, "CRASH_SEED")
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument(
        "--logrotate-only", action="store_true",
        help="only the compressed-rotation variants with the real logrotate",
    )
    arguments = parser.parse_args()
    if arguments.kills > BURSTS - 2 or arguments.lines < BURSTS:
        parser.error(f"--kills must be at most {BURSTS - 2} and --lines at least {BURSTS}")
    return main_wrapper(Run(arguments).run)


if __name__ == "__main__":
    sys.exit(main())
