"""Runs the real `bouncewatch run` daemon: the one helper module of every daemon check.

Shared by scripts/testing/crash_consistency.py, journal_follow.py, the alert checks (through
alerts_common.py) and bench/follow.py: the configuration, the daemon process, scratch
directories, bounded waits and the textfile. Everything here talks to the daemon only the way an administrator would: a
YAML configuration, signals, and the Prometheus textfile it writes.

The ground truth is computed without bouncewatch: `count_statuses` counts `status=sent`,
`deferred`, `bounced` and `expired` in the lines themselves.

What the checks do around a run (command line, scratch directory, cross-check with `scan`,
waiting for a total) is in daemon_driver.py.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter

STATUSES = ("sent", "deferred", "bounced", "expired")

# Postfix's delivery status (`status=sent (...)`) and its expiry form (`status=expired,
# returned to sender`): one delivery attempt per match, at most one per line.
_STATUS = re.compile(rb"\bstatus=(sent|deferred|bounced|expired)\b")

_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+\S+)?$")
_LABEL = re.compile(r'\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?')


class CheckFailed(Exception):
    """A check that failed; the message says what was expected and what was seen."""


def count_statuses(lines):
    """Delivery attempts per status in `lines` (bytes, one log line each), by a plain regex."""
    counts = Counter({status: 0 for status in STATUSES})
    for line in lines:
        match = _STATUS.search(line)
        if match:
            counts[match.group(1).decode()] += 1
    return counts


def is_delivery(line):
    """Whether one log line (bytes) is a delivery attempt `count_statuses` counts."""
    return _STATUS.search(line) is not None


def _unescape(value):
    out = []
    index = 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            following = value[index + 1]
            out.append("\n" if following == "n" else following)
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def parse_textfile(text):
    """The samples of a Prometheus text exposition: a list of (name, labels, value)."""
    samples = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line or line.startswith("#"):
            continue
        match = _SAMPLE.match(line)
        if not match:
            raise CheckFailed(f"textfile line {number} is not a sample: {line[:200]!r}")
        name, label_text, value = match.groups()
        labels = {}
        if label_text:
            inner = label_text[1:-1]
            position = 0
            while position < len(inner):
                label = _LABEL.match(inner, position)
                if not label or label.end() == position:
                    raise CheckFailed(f"textfile line {number} has bad labels: {line[:200]!r}")
                labels[label.group(1)] = _unescape(label.group(2))
                position = label.end()
        samples.append((name, labels, float(value)))
    return samples


def deliveries_by_status(samples):
    """`bouncewatch_deliveries_total` summed by its `status` label."""
    counts = Counter({status: 0 for status in STATUSES})
    for name, labels, value in samples:
        if name == "bouncewatch_deliveries_total":
            counts[labels.get("status", "")] += int(value)
    return counts


def lines_read(samples):
    """`bouncewatch_lines_total` summed over every source and result."""
    return int(sum(value for name, _, value in samples if name == "bouncewatch_lines_total"))


def describe(counts):
    """`sent=1 deferred=2 ...` in a fixed order, then any unexpected status."""
    known = [f"{status}={counts.get(status, 0)}" for status in STATUSES]
    extra = [f"{key}={value}" for key, value in sorted(counts.items()) if key not in STATUSES]
    return " ".join(known + extra)


def same_counts(seen, expected):
    """Whether two per-status counters agree on every status either of them has."""
    keys = set(seen) | set(expected)
    return all(seen.get(key, 0) == expected.get(key, 0) for key in keys)


class Textfile:
    """The daemon's textfile; it is replaced by rename, so every read sees one whole write."""

    def __init__(self, path):
        self.path = path

    def samples(self):
        """The parsed samples, or None while the file does not exist yet."""
        try:
            with open(self.path, encoding="utf-8") as handle:
                return parse_textfile(handle.read())
        except FileNotFoundError:
            return None

    def generation(self):
        """Changes with every write (a new inode per rename, or a new mtime); None if absent."""
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (status.st_ino, status.st_mtime_ns)

    def deliveries(self):
        samples = self.samples()
        return deliveries_by_status(samples) if samples is not None else None


def write_config(path, sources_yaml, state_directory, textfile, interval="1s", top=50,
                 alerts_yaml=None, notifiers_yaml=None, hostname=None, sender_top=None):
    """Writes a daemon configuration; `sources_yaml` is the list under `sources:`, indented.

    Without `alerts_yaml` there are no alert rules at all; with it, only those rules (the
    default ones are off). Without `notifiers_yaml`, no notifiers. `top=None` leaves
    `top_destinations` at its default, `hostname=None` the machine's name. A `sender_top`
    turns on the sender-domain and SASL-user series (`metrics.senders`, `metrics.sasl_users`)
    with that top, and with them the message state; None leaves them off.
    """
    text = f"hostname: {hostname}\n" if hostname else ""
    text += (
        "sources:\n"
        f"{sources_yaml}"
        f"state_directory: {state_directory}\n"
        "metrics:\n"
        f"  textfile: {textfile}\n"
        f"  interval: {interval}\n"
    )
    if top is not None:
        text += f"  top_destinations: {top}\n"
    if sender_top is not None:
        text += f"  senders:\n    top: {sender_top}\n  sasl_users:\n    top: {sender_top}\n"
    if alerts_yaml is None:
        text += "alerts: []\n"
    else:
        text += f"default_alerts: false\nalerts:\n{alerts_yaml}"
    text += f"notifiers:\n{notifiers_yaml}" if notifiers_yaml is not None else "notifiers: []\n"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def file_source(path, start_at="beginning", fmt="postfix"):
    """The YAML of one `type: file` source."""
    return f"  - type: file\n    path: {path}\n    format: {fmt}\n    start_at: {start_at}\n"


def journal_source(directory, start_at="beginning"):
    """The YAML of one `type: journal` source over a directory."""
    return f"  - type: journal\n    directory: {directory}\n    start_at: {start_at}\n"


class Daemon:
    """One `bouncewatch run --config FILE` process at a time, its output appended to a log."""

    def __init__(self, binary, config, log_path, environment=None):
        self.binary = binary
        self.config = config
        self.log_path = log_path
        self.environment = dict(os.environ, TZ="UTC", **(environment or {}))
        self.process = None
        self.starts = 0

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def start(self):
        if self.running():
            raise CheckFailed("the daemon was started twice")
        self.starts += 1
        with open(self.log_path, "ab") as log:
            log.write(f"--- start {self.starts}\n".encode())
            log.flush()
            self.process = subprocess.Popen(
                [self.binary, "run", "--config", self.config],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                env=self.environment,
            )

    def running(self):
        return self.process is not None and self.process.poll() is None

    def check_alive(self):
        """Fails when the daemon exited on its own."""
        if self.process is not None and self.process.poll() is not None:
            raise CheckFailed(
                f"the daemon exited by itself with status {self.process.returncode}\n"
                + self.log_tail()
            )

    def kill(self):
        """SIGKILL, then reaps it."""
        self.check_alive()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.process = None

    def terminate(self, timeout=30):
        """SIGTERM; fails unless the daemon exits with status 0 within `timeout` seconds."""
        self.check_alive()
        self.process.send_signal(signal.SIGTERM)
        try:
            status = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            self.process = None
            raise CheckFailed(f"the daemon did not exit within {timeout} s of SIGTERM")
        self.process = None
        if status != 0:
            raise CheckFailed(
                f"the daemon exited with status {status} after SIGTERM\n" + self.log_tail()
            )

    def stop_quietly(self):
        """For cleanup: kills whatever still runs, without checks."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None

    def log_tail(self, lines=30):
        try:
            with open(self.log_path, "rb") as handle:
                tail = handle.read().splitlines()[-lines:]
        except FileNotFoundError:
            return "(no daemon log)"
        return "daemon log (last lines):\n" + "\n".join(
            "  " + line.decode("utf-8", "replace") for line in tail
        )



class Scratch:
    """A temporary directory, removed at the end unless `keep` or KEEP_SCRATCH is set (then
    its path is printed)."""

    def __init__(self, prefix, keep=False):
        self.path = tempfile.mkdtemp(prefix=prefix)
        self.keep = keep

    def join(self, *parts):
        return os.path.join(self.path, *parts)

    def cleanup(self):
        if self.keep or os.environ.get("KEEP_SCRATCH"):
            print(f"scratch kept: {self.path}", file=sys.stderr)
            return
        shutil.rmtree(self.path, ignore_errors=True)


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on at the moment."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop_process(process, timeout=10):
    """SIGTERM to a helper process (sink, MTA, exporter), SIGKILL if it has not ended within
    `timeout` seconds; nothing when it is None or already gone."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()

def wait_for(condition, timeout, what, daemon=None, poll=0.05):
    """Polls `condition` until it returns something true; fails after `timeout` seconds, with
    the daemon's log tail when a daemon is given."""
    deadline = time.monotonic() + timeout
    while True:
        if daemon is not None:
            daemon.check_alive()
        result = condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            tail = ("\n" + daemon.log_tail(60)) if daemon is not None else ""
            raise CheckFailed(f"timed out after {timeout} s waiting for {what}{tail}")
        time.sleep(poll)


def wait_for_new_write(textfile, daemon, timeout=15):
    """Waits until the daemon has rewritten its textfile at least twice from now on.

    Two writes, because a write that was already under way when we started looking may hold
    state older than what we have just done to the logs.
    """
    for _ in range(2):
        before = textfile.generation()
        wait_for(
            lambda before=before: textfile.generation() not in (None, before),
            timeout,
            "the daemon to rewrite its textfile",
            daemon,
            poll=0.02,
        )


def require_binary(path):
    """The daemon binary from BOUNCEWATCH_BIN or an argument; fails clearly when missing."""
    if not path:
        raise CheckFailed("BOUNCEWATCH_BIN is not set (the built bouncewatch binary)")
    if not os.access(path, os.X_OK):
        raise CheckFailed(f"no executable bouncewatch at {path}")
    return os.path.abspath(path)


def main_wrapper(run):
    """Runs `run()` and turns a CheckFailed into `FAIL: ...` and exit status 1."""
    try:
        run()
    except CheckFailed as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        return 1
    return 0
