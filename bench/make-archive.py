#!/usr/bin/env python3
"""A rotated mail-log archive for the scan benchmarks: mail.log, mail.log.1, mail.log.2.gz ...

Reads one generated Postfix log (BSD stamps, as gen-maillog.py writes them, starting on
Nov 26) and writes FILES copies of it into DIR, copy i moved back by i days, so that the
newest file is the log's own day and each older one the day before. Files from .2 on are
gzip, as logrotate's `delaycompress` leaves them. Each file's modification time is set just
after its last line, as rotation leaves it, so year-less stamps resolve to the right year.
"""
import argparse
import calendar
import datetime
import gzip
import os

MONTHS = [calendar.month_abbr[m] for m in range(1, 13)]


def shifted(line, days, cache):
    key = line[:6]
    if key not in cache:
        month = MONTHS.index(key[:3]) + 1
        date = datetime.date(2026, month, int(key[4:6])) - datetime.timedelta(days=days)
        cache[key] = "%s %2d" % (MONTHS[date.month - 1], date.day)
    return cache[key] + line[6:]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="a generated Postfix log with BSD stamps")
    parser.add_argument("directory")
    parser.add_argument("--files", type=int, default=30)
    args = parser.parse_args()
    os.makedirs(args.directory, exist_ok=True)
    with open(args.source, encoding="utf-8") as handle:
        lines = handle.readlines()
    last = lines[-1][:15]
    for index in range(args.files):
        cache = {}
        name = "mail.log" if index == 0 else "mail.log.%d" % index
        path = os.path.join(args.directory, name + (".gz" if index >= 2 else ""))
        text = "".join(shifted(line, index, cache) for line in lines).encode()
        if index >= 2:
            with gzip.open(path, "wb", compresslevel=6) as out:
                out.write(text)
        else:
            with open(path, "wb") as out:
                out.write(text)
        stamp = datetime.datetime.strptime("2026 " + shifted(last, index, {}), "%Y %b %d %H:%M:%S")
        mtime = calendar.timegm(stamp.timetuple()) + 60
        os.utime(path, (mtime, mtime))


if __name__ == "__main__":
    main()
