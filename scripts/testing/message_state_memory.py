#!/usr/bin/env python3
"""The message state stays bounded: `bouncewatch scan` reads a log of 5,000,000 messages whose
queue ids are never completed (a qmgr `from=` line each, no `removed`), streamed into its
standard input, in under 64 MB of peak RSS, and counts every message it had to drop.

    message_state_memory.py [--binary PATH] [--messages N] [--limit-mb N]

At the end of the log, deliveries of the first 1,000 messages (long dropped) must count as
deliveries whose sender the log does not say, and deliveries of the last 1,000 (within the
newest half the bound keeps) under their sender domain; `evicted_messages` must lie between
N - 131,072 (the book's bound) and N - 1,000.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time

BOUND = 1 << 17
PROBE = 1000


def line(index, text):
    second = index // 100
    return (
        f"Nov 26 {second // 3600 % 24:02d}:{second // 60 % 60:02d}:{second % 60:02d} mx1 "
        f"postfix/{text}\n"
    )


def queue_id(index):
    return f"{0x10000000000 + index:011X}"


def stream(handle, messages):
    chunk = []
    for index in range(messages):
        chunk.append(line(index, f"qmgr[2]: {queue_id(index)}: from=<s{index % 1000}@d{index % 1000}.example>, size=1, nrcpt=1 (queue active)"))
        if len(chunk) == 20000:
            handle.write("".join(chunk).encode())
            chunk = []
    probes = list(range(PROBE)) + list(range(messages - PROBE, messages))
    for index in probes:
        chunk.append(line(messages, f"smtp[3]: {queue_id(index)}: to=<r@x.example>, relay=none, delay=1, dsn=4.4.1, status=deferred (connect to x.example[192.0.2.1]:25: Connection refused)"))
    handle.write("".join(chunk).encode())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.environ.get("BOUNCEWATCH_BIN"))
    parser.add_argument("--messages", type=int, default=5_000_000)
    parser.add_argument("--limit-mb", type=int, default=64)
    arguments = parser.parse_args()
    if not arguments.binary:
        parser.error("--binary or BOUNCEWATCH_BIN is required")
    started = time.monotonic()
    scan = subprocess.Popen(
        [arguments.binary, "scan", "--senders", "--format", "json", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=dict(os.environ, TZ="UTC"),
    )
    stream(scan.stdin, arguments.messages)
    scan.stdin.close()
    output = scan.stdout.read()
    if scan.wait() != 0:
        sys.exit(f"message state: scan exited {scan.returncode}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    senders = json.loads(output)["senders"]
    evicted = senders["evicted_messages"]
    counted = sum(row["deferred"] for row in senders["domains"])
    other = senders["other_domains"]
    counted += other["deferred"] if other else 0
    failures = []
    if peak_mb >= arguments.limit_mb:
        failures.append(f"peak RSS {peak_mb:.1f} MB, not under {arguments.limit_mb} MB")
    if not arguments.messages - BOUND <= evicted <= arguments.messages - PROBE:
        failures.append(f"evicted_messages {evicted} is outside the bound's range")
    if senders["deliveries_without_sender"] != PROBE:
        failures.append(
            f"deliveries without sender {senders['deliveries_without_sender']}, not {PROBE}")
    if counted != PROBE:
        failures.append(f"deliveries by sender domain {counted}, not {PROBE}")
    print(
        f"message state: {arguments.messages} messages, peak RSS {peak_mb:.1f} MB,"
        f" {evicted} evicted, {time.monotonic() - started:.1f} s"
    )
    if failures:
        sys.exit("message state: " + "; ".join(failures))
    print("message state: passed")


if __name__ == "__main__":
    main()
