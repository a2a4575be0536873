#!/usr/bin/env bash
# The Prometheus rules and the Grafana dashboard:
# - `promtool check rules` and `promtool test rules` on packaging/prometheus;
# - the dashboard is valid JSON with sound panels, and every dashboard expression is valid
#   PromQL (promtool checks them as recording rules, Grafana's variables replaced), and gives
#   a result when promtool evaluates it on the series of the daemon's textfile (those whose
#   families have samples there: the block-list families need a DNS server); the daemon reads
#   the examples and a test fixture's Exim spool for its queue;
# - every label an expression of the dashboard or the rules selects or groups by is one that
#   docs/metrics.md gives the metrics it reads (or instance, job);
# - the metric names used by the dashboard and the rules, and those listed in docs/metrics.md,
#   are names the real binary writes: the families of the daemon's textfile when this build
#   has `bouncewatch run` (the daemon runs briefly on a sample log), else those of
#   `bouncewatch scan --format prometheus` plus the daemon renderer's (said loudly).
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() {
    echo "packaging-prometheus: FAIL: $*" >&2
    exit 1
}
bin="${BOUNCEWATCH_BIN:?BOUNCEWATCH_BIN must name the built binary}"
[ -x "$bin" ] || fail "BOUNCEWATCH_BIN=$bin is not executable"
command -v promtool >/dev/null || fail "promtool is missing (Debian package prometheus)"
command -v python3 >/dev/null || fail "python3 is missing"

work="$(mktemp -d "${TMPDIR:-/tmp}/bouncewatch-prom.XXXXXX")"
daemon_pid=""
cleanup() {
    if [ -n "$daemon_pid" ]; then kill "$daemon_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

(cd packaging/prometheus && promtool check rules bouncewatch.rules.yml) ||
    fail "promtool check rules"
(cd packaging/prometheus && promtool test rules bouncewatch.rules.test.yml) ||
    fail "promtool test rules"

# The metric families the binary writes, one name per line in $work/names.
sample_log="$work/mail.log"
# Queue ids are Postfix's short ones (hex): the message state follows the first message from its
# SASL submission to two deliveries, so the sender, SASL user and delay families get series.
cat >"$sample_log" <<'LOG'
Nov 26 09:14:01 mx1 postfix/smtpd[2100]: 3F2A1B4C5D: client=laptop.example.net[198.51.100.20], sasl_method=PLAIN, sasl_username=anna@example.net
Nov 26 09:14:02 mx1 postfix/qmgr[2099]: 3F2A1B4C5D: from=<anna@example.net>, size=1200, nrcpt=2 (queue active)
Nov 26 09:14:04 mx1 postfix/smtp[2101]: 3F2A1B4C5D: to=<m.schmidt@hotmail.com>, relay=hotmail-com.olc.protection.outlook.com[52.101.68.13]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=5.7.1, status=bounced (host hotmail-com.olc.protection.outlook.com[52.101.68.13] said: 550 5.7.1 Unfortunately, messages from [203.0.113.25] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). (in reply to MAIL FROM command))
Nov 26 09:14:05 mx1 postfix/smtp[2102]: 3F2A1B4C5D: to=<anna@example.com>, relay=mx.example.com[198.51.100.7]:25, delay=0.4, delays=0.1/0/0.1/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1234)
Nov 26 09:14:06 mx1 postfix/smtpd[2103]: warning: unknown[192.0.2.9]: SASL LOGIN authentication failed: authentication failure
Nov 26 09:14:07 mx1 postfix/qmgr[2099]: 4A7B9C2D1E: from=<news@shop.example.org>, size=900, nrcpt=1 (queue active)
Nov 26 09:14:08 mx1 postfix/smtp[2104]: 4A7B9C2D1E: to=<nobody@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.26]:25, delay=3700, delays=3699/0/0.3/0.2, dsn=5.1.1, status=bounced (host gmail-smtp-in.l.google.com[142.250.1.26] said: 550-5.1.1 The email account that you tried to reach does not exist. (in reply to RCPT TO command))
LOG
# True when the binary lists SUBCOMMAND in its --help (an unknown subcommand's --help prints the
# top-level help with status 0, so asking the subcommand proves nothing).
has_subcommand() { "$bin" --help | sed -n '/^SUBCOMMANDS:/,$p' | grep -q "^  $1 "; }
families_from() { sed -n 's/^# TYPE \([a-zA-Z_:][a-zA-Z0-9_:]*\) .*/\1/p' "$1" | sort -u; }
# Histogram families, whose samples are NAME_bucket, NAME_sum and NAME_count.
histograms_from() { sed -n 's/^# TYPE \([a-zA-Z_:][a-zA-Z0-9_:]*\) histogram$/\1/p' "$1" | sort -u; }

"$bin" scan --format prometheus "$sample_log" examples/mail.log examples/exim-mainlog \
    >"$work/scan.prom" || fail "bouncewatch scan failed"
families_from "$work/scan.prom" >"$work/names"
histograms_from "$work/scan.prom" >"$work/histograms"
[ -s "$work/names" ] || fail "scan --format prometheus printed no metric family"

if has_subcommand run; then
    mkdir -p "$work/state" "$work/textfile"
    cat >"$work/bouncewatch.yml" <<YAML
sources:
  - type: file
    path: $sample_log
    start_at: beginning
  # The bundled examples: every status and most causes, so the dashboard's queries find data.
  - type: file
    path: $PWD/examples/mail.log
    start_at: beginning
  - type: file
    path: $PWD/examples/exim-mainlog
    start_at: beginning
state_directory: $work/state
metrics:
  textfile: $work/textfile/bouncewatch.prom
  interval: 1s
  senders: {}
  sasl_users: {}
compromised_account: {}
notifiers:
  - type: file
    path: $work/alerts.mbox
# The test fixture's Exim spool: deferred and frozen messages, deferrals with causes.
queue:
  mta: exim
  directory: $PWD/Tests/Fixtures/queue/exim-spool
YAML
    "$bin" run --config "$work/bouncewatch.yml" >"$work/daemon.log" 2>&1 &
    daemon_pid=$!
    for _ in $(seq 1 300); do
        grep -q '^bouncewatch_queue_deferred_recipients' "$work/textfile/bouncewatch.prom" 2>/dev/null &&
            grep -q '^bouncewatch_sasl_user_deliveries_total' "$work/textfile/bouncewatch.prom" &&
            break
        kill -0 "$daemon_pid" 2>/dev/null || fail "the daemon exited:"$'\n'"$(cat "$work/daemon.log")"
        sleep 0.1
    done
    [ -s "$work/textfile/bouncewatch.prom" ] ||
        fail "the daemon wrote no textfile in 30 s:"$'\n'"$(cat "$work/daemon.log")"
    kill -TERM "$daemon_pid"
    wait "$daemon_pid" || fail "the daemon did not exit 0 on SIGTERM"
    daemon_pid=""
    families_from "$work/textfile/bouncewatch.prom" >"$work/names"
    histograms_from "$work/textfile/bouncewatch.prom" >"$work/histograms"
    cp "$work/textfile/bouncewatch.prom" "$work/series.prom"
    echo "packaging-prometheus: names from the daemon's textfile ($(wc -l <"$work/names") families)"
    # The block-list families need a DNS server to answer; dnsbl-dnsmasq.sh proves that the
    # daemon writes every one of them, so here they come from their renderer.
    grep -o '"bouncewatch_dnsbl_[a-z_]*"' Sources/BounceOutput/ListingMetricsRenderer.swift |
        tr -d '"' >>"$work/names"
    sort -u -o "$work/names" "$work/names"
else
    renderer=Sources/BounceOutput/DaemonPrometheusRenderer.swift
    [ -f "$renderer" ] || fail "this build has no 'run' command and there is no $renderer"
    grep -o '"bouncewatch_[a-z_]*"' "$renderer" | tr -d '"' >>"$work/names"
    sort -u -o "$work/names" "$work/names"
    cp "$work/scan.prom" "$work/series.prom"
    echo "packaging-prometheus: NOTE: this build has no 'bouncewatch run'; names come from" \
        "'scan --format prometheus' and $renderer, not from a daemon's textfile"
fi

python3 - "$work" <<'PY' || fail "dashboard and names check"
import json
import re
import sys

work = sys.argv[1]
written = set(open(f"{work}/names").read().split())
histograms = set(open(f"{work}/histograms").read().split())
histogram_suffixes = ("_bucket", "_sum", "_count")
# The names a query may use: every family, and a histogram's three sample names.
queryable = written | {h + suffix for h in histograms for suffix in histogram_suffixes}
node_exporter = {"node_textfile_mtime_seconds": {"file"}, "up": set()}
# Labels that every series has once scraped: node_exporter's instance and job.
scrape_labels = {"instance", "job"}
# Not after a colon: `provider:bouncewatch_x:ratio1d` is a recording rule's name, no family.
metric = re.compile(r"(?<![:\w])((?:bouncewatch|node)_[a-zA-Z0-9_]+)\b")
selector = re.compile(r"(?<![:\w])((?:bouncewatch|node)_[a-zA-Z0-9_]+)\s*\{([^}]*)\}")
matcher_label = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)")
grouping = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)")
problems = []


def family_of(name):
    """The family a sample name belongs to: NAME_bucket of a histogram is NAME."""
    for suffix in histogram_suffixes:
        if name.endswith(suffix) and name[: -len(suffix)] in histograms:
            return name[: -len(suffix)]
    return name


# docs/metrics.md: each family's labels, the backquoted names of its table row's labels column.
with open("docs/metrics.md") as f:
    rows = re.findall(r"^\| `(bouncewatch_[a-z0-9_]+)` \| [a-z]+ \|([^|]*)\|", f.read(), re.M)
documented_labels = {name: set(re.findall(r"`([a-z][a-z_]*)`", labels)) for name, labels in rows}
documented = set(documented_labels)


def labels_of(name):
    name = family_of(name)
    return documented_labels.get(name, node_exporter.get(name, set())) | scrape_labels


def label_problems(where, expr):
    """Labels the expression names that docs/metrics.md does not give the metrics it reads."""
    found = []
    for name, matchers in selector.findall(expr):
        for label in matcher_label.findall(matchers):
            if label not in labels_of(name):
                found.append(f"{where} selects {label}= on {name}, which has no such label")
    names = set(metric.findall(expr))
    if names:
        allowed = set().union(*(labels_of(name) for name in names))
        for labels in grouping.findall(expr):
            for label in filter(None, (item.strip() for item in labels.split(","))):
                if label not in allowed:
                    found.append(f"{where} groups by {label}, a label of none of {sorted(names)}")
    return found


with open("packaging/grafana/bouncewatch.json") as f:
    dashboard = json.load(f)
panels = dashboard.get("panels", [])
if not panels:
    problems.append("the dashboard has no panels")
ids = [panel.get("id") for panel in panels]
if len(ids) != len(set(ids)):
    problems.append(f"panel ids repeat: {ids}")
expressions = []
taken = {}
for panel in panels:
    title = panel.get("title", "?")
    grid = panel.get("gridPos", {})
    if grid.get("x", 0) + grid.get("w", 0) > 24:
        problems.append(f"panel {title!r} is wider than the 24-column grid")
    for x in range(grid.get("x", 0), grid.get("x", 0) + grid.get("w", 0)):
        for y in range(grid.get("y", 0), grid.get("y", 0) + grid.get("h", 0)):
            if (x, y) in taken:
                problems.append(f"panel {title!r} overlaps {taken[(x, y)]!r} at x={x}, y={y}")
                break
            taken[(x, y)] = title
        else:
            continue
        break
    if panel.get("type") == "row":
        continue
    targets = panel.get("targets", [])
    if not targets:
        problems.append(f"panel {title!r} has no query")
    for target in targets:
        expr = target.get("expr", "")
        if not expr:
            problems.append(f"panel {title!r} has a target without expr")
        expressions.append((title, expr))
for variable in dashboard.get("templating", {}).get("list", []):
    query = variable.get("query")
    if isinstance(query, dict):
        expressions.append((f"variable {variable['name']}", query.get("query", "")))

used = set()
for title, expr in expressions:
    for name in metric.findall(expr):
        used.add(family_of(name))
        if name not in queryable:
            problems.append(f"dashboard panel {title!r} uses {name}, which the textfile lacks")
    problems += label_problems(f"dashboard panel {title!r}", expr)
    values_of = re.fullmatch(r"label_values\((.*),\s*([a-zA-Z_][a-zA-Z0-9_]*)\)", expr)
    if values_of:
        for name in metric.findall(values_of.group(1)):
            if values_of.group(2) not in labels_of(name):
                problems.append(f"{title} lists values of {values_of.group(2)}, no label of {name}")
for wanted in ["bouncewatch_deliveries_total", "bouncewatch_blocklist_hits_total",
               "bouncewatch_sasl_auth_failures_total", "bouncewatch_source_up"]:
    if wanted not in used:
        problems.append(f"the dashboard shows no {wanted}")

# Every dashboard expression as a recording rule, for promtool to parse.
substitutions = {"$__rate_interval": "5m", "$__range": "1d", "$instance": ".*",
                 "$provider": ".*", "$host": ".*"}
promql = []
with open(f"{work}/dashboard.rules.yml", "w") as out:
    out.write("groups:\n  - name: dashboard\n    rules:\n")
    for number, (title, expr) in enumerate(expressions):
        if expr.startswith("label_values("):
            inner = expr[len("label_values("):].rsplit(",", 1)[0]
            expr = inner
        for variable, value in substitutions.items():
            expr = expr.replace(variable, value)
        if "$" in expr:
            problems.append(f"panel {title!r} uses an unknown variable: {expr}")
        promql.append((title, expr))
        out.write(f"      - record: dashboard:expression_{number}\n")
        out.write(f"        expr: {json.dumps(expr)}\n")

# Every dashboard expression evaluated by promtool on the textfile the binary wrote: its samples
# become an hour of series scraped from instance mx1, counters and histograms growing (by their
# value a minute, at least 1, so each bucket still holds at least the one below it), gauges
# constant. An expression over families that have samples there must give a result: a label
# value or a filter that matches nothing (status="snet", a cause that does not exist) fails.
sample_line = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)$")
types = {}
series = []
with open(f"{work}/series.prom") as f:
    for line in f:
        line = line.rstrip("\n")
        declared = re.match(r"^# TYPE (\S+) (\S+)$", line)
        if declared:
            types[declared.group(1)] = declared.group(2)
        if not line or line.startswith("#"):
            continue
        sample = sample_line.match(line)
        if not sample:
            problems.append(f"the textfile has a line that is no sample: {line!r}")
            continue
        name, labels, value = sample.groups()
        labels = labels[1:-1] if labels else ""
        labels = ",".join(filter(None, ['instance="mx1"', 'job="node"', labels]))
        kind = types.get(family_of(name), "untyped")
        number = float(value)
        if kind in ("counter", "histogram"):
            values = f"{value}+{max(number, 1):g}x60"
        else:
            values = f"{value}x60"
        series.append((f"{name}{{{labels}}}", values, family_of(name)))
with_samples = {family for _, _, family in series}
evaluated, skipped = [], []
for title, expr in promql:
    families = {family_of(name) for name in metric.findall(expr)}
    if families and families <= with_samples:
        evaluated.append((title, expr))
    else:
        skipped.append(title)
with open(f"{work}/dashboard.test.yml", "w") as out:
    out.write("evaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n")
    for name, values, _ in series:
        out.write(f"      - series: {json.dumps(name)}\n        values: {json.dumps(values)}\n")
    out.write("    promql_expr_test:\n")
    for title, expr in evaluated:
        out.write(f"      # {title}\n")
        out.write(f"      - expr: {json.dumps(f'absent({expr})')}\n")
        out.write("        eval_time: 59m\n        exp_samples: []\n")
if len(evaluated) < len(promql) // 2:
    problems.append(f"only {len(evaluated)} of {len(promql)} dashboard expressions read "
                    "families with samples in the textfile")

# The rules' expressions: `expr: |` blocks (the lines indented deeper than `expr:`).
rule_exprs = []
lines = open("packaging/prometheus/bouncewatch.rules.yml").read().splitlines()
for number, line in enumerate(lines):
    stripped = line.lstrip()
    if not stripped.startswith("expr:"):
        continue
    indent = len(line) - len(stripped)
    block = [stripped[len("expr:"):].strip(" |")]
    for following in lines[number + 1:]:
        if following.strip() and len(following) - len(following.lstrip()) <= indent:
            break
        block.append(following)
    rule_exprs.append("\n".join(block))
if len(rule_exprs) < 10:
    problems.append(f"found only {len(rule_exprs)} expressions in the rules file")
for name in sorted(set(metric.findall("\n".join(rule_exprs)))):
    if name not in queryable and name not in node_exporter:
        problems.append(f"the Prometheus rules use {name}, which the textfile lacks")
for number, expr in enumerate(rule_exprs):
    problems += label_problems(f"rule expression {number + 1}", expr)

for name in sorted(written - documented):
    problems.append(f"docs/metrics.md does not describe {name}")
for name in sorted(documented - written):
    problems.append(f"docs/metrics.md describes {name}, which the textfile lacks")

for problem in problems:
    print(f"packaging-prometheus: {problem}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"packaging-prometheus: dashboard: {len(expressions)} expressions, "
      f"{len(used)} metric names, all written by the binary, labels as docs/metrics.md says")
print(f"packaging-prometheus: {len(evaluated)} expressions to evaluate on the textfile; "
      f"not evaluated (no samples of their families here): {', '.join(skipped) or 'none'}")
PY
output="$(promtool check rules "$work/dashboard.rules.yml" 2>&1)" ||
    fail "a dashboard expression is not valid PromQL:"$'\n'"$output"
output="$(cd "$work" && promtool test rules dashboard.test.yml 2>&1)" ||
    fail "a dashboard expression gives no result on the textfile:"$'\n'"$output"
echo "packaging-prometheus: rules checked and tested; dashboard expressions are valid PromQL" \
    "and give results on the textfile"
