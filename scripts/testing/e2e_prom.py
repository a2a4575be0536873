"""The textfile checks of the end-to-end tests (scripts/testing/e2e_mta.py).

- the daemon's series, read with the names and labels docs/metrics.md documents;
- `promtool check metrics` on the real textfile;
- a real node_exporter (textfile collector only, on a loopback port) serving it.
"""

import os
import re
import shutil
import subprocess
import time
import urllib.request
from collections import Counter

from crash_daemon import CheckFailed, free_port, parse_textfile, stop_process


def documented_labels(metrics_doc):
    """{metric: [label, ...]} from the table of docs/metrics.md."""
    labels = {}
    with open(metrics_doc, encoding="utf-8") as handle:
        for line in handle:
            match = re.match(r"^\| `(bouncewatch_[a-z0-9_]+)` \| \w+ \| ([^|]*) \|", line)
            if match:
                labels[match.group(1)] = re.findall(r"`([a-z_]+)`", match.group(2))
    if "bouncewatch_deliveries_total" not in labels:
        raise CheckFailed(f"{metrics_doc} does not document bouncewatch_deliveries_total")
    return labels


def deliveries(samples, labels, mta):
    """`bouncewatch_deliveries_total` of one MTA as {(status, cause, destination): count}.

    Every series must carry exactly the documented labels (`sent` has no `cause`)."""
    wanted = set(labels["bouncewatch_deliveries_total"])
    out = Counter()
    for name, series, value in samples:
        if name != "bouncewatch_deliveries_total":
            continue
        expected = wanted - {"cause"} if series.get("status") == "sent" else wanted
        if set(series) != expected:
            raise CheckFailed(f"bouncewatch_deliveries_total series {series} does not have the"
                              f" labels docs/metrics.md lists: {sorted(expected)}")
        if series["mta"] != mta:
            raise CheckFailed(f"a series of another MTA: {series}")
        out[(series["status"], series.get("cause", ""), series["destination"])] += int(value)
    return out


def blocklist_hits(samples):
    out = Counter()
    for name, series, value in samples:
        if name == "bouncewatch_blocklist_hits_total":
            out[(series.get("blocklist"), series.get("destination"))] += int(value)
    return out


def gauge(samples, name, **match):
    values = [value for sample_name, series, value in samples
              if sample_name == name and all(series.get(k) == v for k, v in match.items())]
    return values[0] if len(values) == 1 else None


def difference(seen, expected):
    """Lines naming every count that disagrees with the plan; empty when they agree.

    Keys end in the destination. Summed over destinations, every count must be exact. Per
    destination, a count may fall short by what `other` holds: the daemon gives a domain a
    series of its own at a textfile write, and a new domain's deliveries before that count
    under `other` (the series only ever grow, so they stay there)."""
    problems = []
    totals_seen, totals_expected = Counter(), Counter()
    for key, value in seen.items():
        totals_seen[key[:-1]] += value
    for key, value in expected.items():
        totals_expected[key[:-1]] += value
    for key in sorted(set(totals_seen) | set(totals_expected)):
        if totals_seen[key] != totals_expected[key]:
            problems.append(f"  {key} over all destinations: textfile {totals_seen[key]},"
                            f" expected {totals_expected[key]}")
    for key in sorted(seen):
        if key[-1] != "other" and seen[key] > expected.get(key, 0):
            problems.append(f"  {key}: textfile {seen[key]}, expected at most"
                            f" {expected.get(key, 0)}")
    return problems


def exceeds(seen, expected):
    """Counts above the plan: a total over destinations, or one labelled destination."""
    totals_seen, totals_expected = Counter(), Counter()
    for key, value in seen.items():
        totals_seen[key[:-1]] += value
    for key, value in expected.items():
        totals_expected[key[:-1]] += value
    return [key for key in totals_seen if totals_seen[key] > totals_expected[key]] + [
        key for key in seen if key[-1] != "other" and seen[key] > expected.get(key, 0)]


def promtool_check(textfile):
    """`promtool check metrics` must accept the daemon's file without a word."""
    if shutil.which("promtool") is None:
        raise CheckFailed("promtool is missing (Debian package prometheus)")
    with open(textfile, "rb") as source:
        done = subprocess.run(["promtool", "check", "metrics"], stdin=source,
                              capture_output=True, timeout=60)
    output = (done.stdout + done.stderr).decode(errors="replace").strip()
    if done.returncode != 0 or output:
        raise CheckFailed(f"promtool check metrics: status {done.returncode}: {output}")


def node_exporter_scrape(directory, log_path):
    """Starts node_exporter on `directory` (textfile collector only), scrapes it once."""
    binary = shutil.which("prometheus-node-exporter")
    if binary is None:
        raise CheckFailed("prometheus-node-exporter is missing (Debian package of that name)")
    port = free_port()
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [binary, f"--web.listen-address=127.0.0.1:{port}", "--collector.disable-defaults",
             "--collector.textfile", f"--collector.textfile.directory={directory}"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                raise CheckFailed(f"node_exporter exited with status {process.returncode}:\n"
                                  + open(log_path, errors="replace").read()[-2000:])
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as r:
                    return parse_textfile(r.read().decode("utf-8"))
            except OSError:
                if time.monotonic() > deadline:
                    raise CheckFailed("node_exporter did not answer within 20 s")
                time.sleep(0.2)
    finally:
        stop_process(process)


def check_node_exporter(textfile, log_path, labels, mta):
    """The scrape has the file's bouncewatch series with the same values, and no error."""
    with open(textfile, encoding="utf-8") as handle:
        in_file = parse_textfile(handle.read())
    scraped = node_exporter_scrape(os.path.dirname(textfile), log_path)
    error = gauge(scraped, "node_textfile_scrape_error")
    if error != 0:
        raise CheckFailed(f"node_exporter: node_textfile_scrape_error is {error}, not 0:\n"
                          + open(log_path, errors="replace").read()[-2000:])
    # node_exporter gives every series of a family the same label names, filling in ""
    # (`sent` gets cause=""): in Prometheus an empty label is no label.
    def key(name, series):
        return (name, tuple(sorted((k, v) for k, v in series.items() if v != "")))

    file_series = {key(n, s): v for n, s, v in in_file}
    served = {key(n, s): v for n, s, v in scraped if n.startswith("bouncewatch_")}
    if set(file_series) != set(served):
        missing = sorted(set(file_series) - set(served))[:5]
        extra = sorted(set(served) - set(file_series))[:5]
        raise CheckFailed(f"node_exporter serves other bouncewatch series than the file has:"
                          f" missing {missing}, extra {extra}")
    # Counters are final by now; gauges such as the checkpoint time move with every write.
    changed = [key for key, value in file_series.items()
               if key[0].endswith("_total") and served[key] != value]
    if changed:
        raise CheckFailed(f"node_exporter serves other counts than the file has: {changed[:5]}")
    served_deliveries = deliveries(
        [(n, {k: v for k, v in s.items() if v != ""}, v) for n, s, v in scraped], labels, mta)
    if not served_deliveries:
        raise CheckFailed("node_exporter serves no bouncewatch_deliveries_total")
    return len(served)
