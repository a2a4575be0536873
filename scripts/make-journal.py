#!/usr/bin/env python3
"""Writes journal entries in the systemd journal export format, for tests.

    scripts/make-journal.py [--first N] [--start-usec U] [--host NAME] [--field NAME=VALUE ...]
                            [--output ABS.journal] < SPEC

SPEC has one entry per line: IDENTIFIER <TAB> PID <TAB> MESSAGE. An empty PID leaves `_PID` out.
In MESSAGE, `\\n` stands for a newline and `\\\\` for a backslash; a value with a newline is
written in the export format's binary form (name, newline, 64-bit little-endian length, bytes).

Each --field is added to every entry of the run, e.g. `--field CONTAINER_NAME=postfix-1` for the
entries Docker's journald log driver writes (run the script once per set of fields, with --first
continuing the numbering, to mix them in one file).

Entry number k of the input (counting from --first) gets __REALTIME_TIMESTAMP
start-usec + k * 1000123 and __MONOTONIC_TIMESTAMP 1000000 + k * 1000, so runs that continue
with --first keep time moving forward. Without --output the export goes to standard output;
with it, the script feeds it to systemd-journal-remote, which creates or appends to the file.
The output path must be absolute (libsystemd cannot follow a journal opened by a relative name)
and end in `.journal`. JOURNAL_REMOTE overrides where systemd-journal-remote is.
"""

import argparse
import os
import struct
import subprocess
import sys

BOOT_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
MACHINE_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
DEFAULT_REMOTE = "/lib/systemd/systemd-journal-remote"


def decode(text):
    """Turns the `\\n` and `\\\\` escapes of a SPEC message into bytes."""
    out = bytearray()
    raw = text.encode("utf-8", "surrogateescape")
    i = 0
    while i < len(raw):
        byte = raw[i]
        if byte == 0x5C and i + 1 < len(raw):
            following = raw[i + 1]
            if following == ord("n"):
                out.append(0x0A)
                i += 2
                continue
            if following == 0x5C:
                out.append(0x5C)
                i += 2
                continue
        out.append(byte)
        i += 1
    return bytes(out)


def field(name, value):
    """One field of an entry; the binary form when the value holds a newline."""
    if b"\n" in value:
        return name + b"\n" + struct.pack("<Q", len(value)) + value + b"\n"
    return name + b"=" + value + b"\n"


def export(spec_lines, first, start_usec, host, extra=()):
    """The export-format bytes for every SPEC line."""
    out = bytearray()
    for offset, line in enumerate(spec_lines):
        line = line.rstrip("\n")
        if not line:
            continue
        parts = line.split("\t", 2)
        if len(parts) != 3:
            raise SystemExit(f"make-journal: bad SPEC line {offset + 1}: {line!r}")
        identifier, pid, message = parts
        index = first + offset
        out += field(b"__REALTIME_TIMESTAMP", str(start_usec + index * 1000123).encode())
        out += field(b"__MONOTONIC_TIMESTAMP", str(1000000 + index * 1000).encode())
        out += field(b"_BOOT_ID", BOOT_ID.encode())
        out += field(b"_MACHINE_ID", MACHINE_ID.encode())
        out += field(b"_HOSTNAME", host.encode())
        out += field(b"_TRANSPORT", b"syslog")
        out += field(b"SYSLOG_FACILITY", b"2")
        out += field(b"PRIORITY", b"6")
        out += field(b"SYSLOG_IDENTIFIER", identifier.encode())
        if pid:
            out += field(b"_PID", pid.encode())
        for name, value in extra:
            out += field(name.encode(), value.encode())
        out += field(b"MESSAGE", decode(message))
        out += b"\n"
    return bytes(out)


def main():
    parser = argparse.ArgumentParser(description="Write journal export format for tests.")
    parser.add_argument("--first", type=int, default=0, help="number of the first entry")
    parser.add_argument(
        "--start-usec", type=int, default=1795820400000000, help="realtime of entry 0"
    )
    parser.add_argument("--host", default="mx1", help="the _HOSTNAME of every entry")
    parser.add_argument(
        "--field", action="append", default=[], help="NAME=VALUE added to every entry"
    )
    parser.add_argument("--output", help="absolute path of a .journal file to create or extend")
    args = parser.parse_args()

    extra = []
    for item in args.field:
        name, sep, value = item.partition("=")
        if not sep or not name or not name.replace("_", "A").isalnum() or not name.isupper():
            raise SystemExit(f"make-journal: --field needs NAME=VALUE, got {item!r}")
        extra.append((name, value))
    data = export(sys.stdin.readlines(), args.first, args.start_usec, args.host, extra)
    if args.output is None:
        sys.stdout.buffer.write(data)
        return 0
    if not os.path.isabs(args.output) or not args.output.endswith(".journal"):
        raise SystemExit("make-journal: --output must be an absolute path ending in .journal")
    remote = os.environ.get("JOURNAL_REMOTE", DEFAULT_REMOTE)
    if not os.access(remote, os.X_OK):
        raise SystemExit(
            f"make-journal: {remote} not found (install Debian's systemd-journal-remote)"
        )
    result = subprocess.run(
        [remote, "-o", args.output, "-"], input=data, capture_output=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.buffer.write(result.stderr)
        raise SystemExit(f"make-journal: systemd-journal-remote exited {result.returncode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
