"""Compressed rotations by the real logrotate (`compress` + `delaycompress`, as Debian rotates
mail logs) while the daemon is stopped or frozen: every line is counted exactly once.

Three variants share one scratch directory and one set of generated lines:

- `stopped-once`: a rotation while the daemon runs, then SIGTERM with 1,000 lines unread and
  one rotation (the older copy is compressed to mail.log.2.gz, the unread file becomes
  mail.log.1), lines in the new file, a start.
- `stopped-twice`: SIGTERM with 1,000 lines unread, two rotations with lines in between (the
  unread file ends up as mail.log.2.gz, the one after it as mail.log.1), a start.
- `frozen-twice`: the same two rotations while the daemon is stopped with SIGSTOP, holding the
  file it reads open, then SIGCONT.

Each ends with SIGTERM (exit 0); the textfile's deliveries by status and lines read must
equal the ground truth exactly, and `bouncewatch_lost_files_total` must be 0. With the sender
series on (the workspace's `sender_top`), their totals must be exact too
(scripts/testing/crash_senders.py).
"""

import os
import shutil
import signal
import subprocess
import time
from collections import Counter

import crash_senders
from crash_daemon import (
    CheckFailed,
    count_statuses,
    describe,
    file_source,
    lines_read,
    same_counts,
    wait_for_new_write,
)

CHUNK = 1000
FINAL_TIMEOUT = 60
LOGROTATE = shutil.which("logrotate") or "/usr/sbin/logrotate"

CONFIG = """{path} {{
    rotate 4
    compress
    delaycompress
    create 0640
    missingok
    notifempty
    nodateext
}}
"""


class RotatedLog:
    """mail.log in its own directory, written by path (as syslog does after a reopen) and
    rotated by logrotate with its own configuration and state file."""

    def __init__(self, directory):
        self.directory = directory
        os.makedirs(directory)
        self.path = os.path.join(directory, "mail.log")
        self.config = os.path.join(directory, "..", os.path.basename(directory) + ".conf")
        self.state = self.config + ".state"
        with open(self.config, "w", encoding="utf-8") as handle:
            handle.write(CONFIG.format(path=self.path))
        os.chmod(self.config, 0o644)
        open(self.path, "ab").close()

    def append(self, lines):
        with open(self.path, "ab") as handle:
            handle.write(b"".join(lines))

    def rotate(self):
        result = subprocess.run(
            [LOGROTATE, "--force", "--state", self.state, self.config],
            check=False, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        if result.returncode != 0:
            raise CheckFailed(f"logrotate exited {result.returncode}: {result.stdout!r}")

    def names(self):
        return sorted(os.listdir(self.directory))


def require_logrotate():
    if not os.access(LOGROTATE, os.X_OK):
        raise CheckFailed(
            "logrotate is not installed (Debian package `logrotate`; scripts/install-deps.sh"
            " --test installs it)"
        )


def reset(work):
    """Between variants: no checkpoint, no textfile, so each variant starts from nothing."""
    for name in os.listdir(work.state):
        os.remove(os.path.join(work.state, name))
    if os.path.exists(work.textfile.path):
        os.remove(work.textfile.path)


def wait_for_lines(work, count):
    """Waits until the textfile shows `count` lines read, then for one more write."""
    deadline = time.monotonic() + FINAL_TIMEOUT
    while True:
        work.daemon.check_alive()
        samples = work.textfile.samples()
        if samples is not None and lines_read(samples) >= count:
            break
        if time.monotonic() >= deadline:
            raise CheckFailed(
                f"timed out waiting for {count} lines read\n" + work.daemon.log_tail(40)
            )
        time.sleep(0.05)
    wait_for_new_write(work.textfile, work.daemon)


def compare(work, lines, variant, files):
    samples = work.textfile.samples() or []
    seen = Counter()
    lost = 0
    for name, labels, value in samples:
        if name == "bouncewatch_deliveries_total":
            seen[labels.get("status", "")] += int(value)
        if name == "bouncewatch_lost_files_total":
            lost += int(value)
    truth = count_statuses(lines)
    read = lines_read(samples)
    if not same_counts(seen, truth) or read != len(lines) or lost != 0:
        raise CheckFailed(
            f"logrotate {variant} (files {files}): textfile {describe(seen)}, {read} lines,"
            f" {lost} lost files; ground truth {describe(truth)}, {len(lines)} lines\n"
            + work.daemon.log_tail(40)
        )
    senders = ""
    if work.sender_top is not None:
        by_sender = crash_senders.check_textfile(
            samples, crash_senders.ground_truth(lines), f"logrotate {variant}")
        senders = f"; senders exact ({crash_senders.describe(by_sender)})"
    print(f"crash: logrotate {variant}: {describe(seen)}, {read} lines: exact"
          f" ({' '.join(files)}){senders}")


def run_variant(work, lines, variant):
    """One variant on 4 chunks of CHUNK lines: the first read, the second unread at the
    stop (or freeze), the third between the rotations, the fourth in the newest file."""
    reset(work)
    log = RotatedLog(work.path(f"logrotate-{variant}"))
    work.configure(file_source(log.path, "beginning"))
    chunks = [lines[index * CHUNK : (index + 1) * CHUNK] for index in range(4)]
    daemon = work.daemon
    daemon.start()
    log.append(chunks[0])
    if variant == "stopped-once":
        # A rotation while running, so the stopped one has an older copy to compress.
        wait_for_lines(work, CHUNK)
        log.rotate()
    log.append(chunks[1][:1])
    wait_for_lines(work, CHUNK + 1)
    if variant == "frozen-twice":
        daemon.process.send_signal(signal.SIGSTOP)
    else:
        daemon.terminate()
    log.append(chunks[1][1:])
    log.rotate()
    log.append(chunks[2])
    if variant != "stopped-once":
        log.rotate()
    log.append(chunks[3])
    files = log.names()
    if variant == "frozen-twice":
        daemon.process.send_signal(signal.SIGCONT)
    else:
        daemon.start()
    wait_for_lines(work, 4 * CHUNK)
    daemon.terminate()
    compare(work, lines[: 4 * CHUNK], variant, files)
    with open(daemon.log_path, "rb") as handle:
        last_start = handle.read().decode("utf-8", "replace").rsplit("--- start", 1)[-1]
    if variant != "frozen-twice" and "recovered" not in last_start:
        raise CheckFailed(f"logrotate {variant}: the daemon did not log what it recovered")


def run(work, lines):
    """Runs the three variants in `work` on the first 4 x CHUNK of `lines`."""
    require_logrotate()
    if len(lines) < 4 * CHUNK:
        raise CheckFailed(f"the logrotate variants need {4 * CHUNK} lines")
    for variant in ("stopped-once", "stopped-twice", "frozen-twice"):
        run_variant(work, lines, variant)
