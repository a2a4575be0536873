"""What a daemon check does around `bouncewatch run`, shared by crash_consistency.py and
journal_follow.py: the command line, a scratch directory with one daemon in it, the ground
truth checked against `bouncewatch scan`, and waiting until the textfile shows a total.

The daemon process, the textfile and the ground-truth regex themselves are in
crash_daemon.py, which bench/follow.py uses too.
"""

import argparse
import json
import os
import random
import subprocess
from collections import Counter

from crash_daemon import (
    STATUSES,
    CheckFailed,
    Daemon,
    Scratch,
    Textfile,
    describe,
    same_counts,
    wait_for,
    wait_for_new_write,
    write_config,
)


def argument_parser(doc, seed_variable):
    """--binary (default BOUNCEWATCH_BIN), --seed (default `seed_variable`, else a fresh one)
    and --keep; the description is the first line of `doc`."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--binary", default=os.environ.get("BOUNCEWATCH_BIN"))
    default_seed = os.environ.get(seed_variable) or random.SystemRandom().randrange(1, 10**9)
    parser.add_argument("--seed", type=int, default=int(default_seed))
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    return parser


class Workspace:
    """A scratch directory for one check, used as a context manager: state/, textfile/, the
    configuration and one daemon with its log. On leaving, the daemon is killed if it still
    runs and the directory is removed, unless `keep` (then its path is printed). A
    `sender_top` turns the sender series on in every configuration it writes."""

    def __init__(self, name, binary, keep, sender_top=None):
        self.sender_top = sender_top
        self.scratch = Scratch(f"bouncewatch-{name}-", keep=keep)
        self.root = self.scratch.path
        self.state = self.path("state")
        os.makedirs(self.state)
        os.makedirs(self.path("textfile"))
        self.textfile = Textfile(self.path("textfile", "bouncewatch.prom"))
        self.config = self.path("bouncewatch.yml")
        self.daemon = Daemon(binary, self.config, self.path("daemon.log"))

    def path(self, *names):
        return self.scratch.join(*names)

    def configure(self, sources_yaml):
        """Writes the configuration: these sources, this state directory and textfile."""
        write_config(self.config, sources_yaml, self.state, self.textfile.path,
                     sender_top=self.sender_top)

    def wait_for_deliveries(self, total, timeout, what):
        """Waits until the textfile counts at least `total` deliveries, then for one more
        write after that, so that a late double count would show too."""
        wait_for(
            lambda: sum((self.textfile.deliveries() or Counter()).values()) >= total,
            timeout, what, self.daemon,
        )
        wait_for_new_write(self.textfile, self.daemon)

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.daemon.stop_quietly()
        self.scratch.cleanup()


def check_against_scan(binary, log_path, truth):
    """Fails unless `bouncewatch scan` counts the deliveries of `log_path` as `truth` does:
    the regex count and the scanner must agree before the daemon is held to either."""
    result = subprocess.run(
        [binary, "scan", "--format", "json", log_path],
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
