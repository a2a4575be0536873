#!/usr/bin/env bash
# The Prometheus rules and the Grafana dashboard:
# - `promtool check rules` and `promtool test rules` on packaging/prometheus;
# - the dashboard is valid JSON with sound panels, and every dashboard expression is valid
#   PromQL (promtool checks them as recording rules, Grafana's variables replaced);
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
cat >"$sample_log" <<'LOG'
Nov 26 09:14:04 mx1 postfix/smtp[2101]: 4BQ1aB2C3D: to=<m.schmidt@hotmail.com>, relay=hotmail-com.olc.protection.outlook.com[52.101.68.13]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=5.7.1, status=bounced (host hotmail-com.olc.protection.outlook.com[52.101.68.13] said: 550 5.7.1 Unfortunately, messages from [203.0.113.25] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). (in reply to MAIL FROM command))
Nov 26 09:14:05 mx1 postfix/smtp[2102]: 5CR2bC3D4E: to=<anna@example.com>, relay=mx.example.com[198.51.100.7]:25, delay=0.4, delays=0.1/0/0.1/0.2, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1234)
Nov 26 09:14:06 mx1 postfix/smtpd[2103]: warning: unknown[192.0.2.9]: SASL LOGIN authentication failed: authentication failure
LOG
# True when the binary lists SUBCOMMAND in its --help (an unknown subcommand's --help prints the
# top-level help with status 0, so asking the subcommand proves nothing).
has_subcommand() { "$bin" --help | sed -n '/^SUBCOMMANDS:/,$p' | grep -q "^  $1 "; }
families_from() { sed -n 's/^# TYPE \([a-zA-Z_:][a-zA-Z0-9_:]*\) .*/\1/p' "$1" | sort -u; }

"$bin" scan --format prometheus "$sample_log" >"$work/scan.prom" || fail "bouncewatch scan failed"
families_from "$work/scan.prom" >"$work/names"
[ -s "$work/names" ] || fail "scan --format prometheus printed no metric family"

if has_subcommand run; then
    mkdir -p "$work/state" "$work/textfile"
    cat >"$work/bouncewatch.yml" <<YAML
sources:
  - type: file
    path: $sample_log
    start_at: beginning
state_directory: $work/state
metrics:
  textfile: $work/textfile/bouncewatch.prom
  interval: 1s
notifiers:
  - type: file
    path: $work/alerts.mbox
# No queue there: the queue families are written all the same, with bouncewatch_queue_up 0.
queue:
  mta: postfix
  directory: $work/no-queue
YAML
    "$bin" run --config "$work/bouncewatch.yml" >"$work/daemon.log" 2>&1 &
    daemon_pid=$!
    for _ in $(seq 1 300); do
        grep -q '^bouncewatch_queue_up' "$work/textfile/bouncewatch.prom" 2>/dev/null && break
        kill -0 "$daemon_pid" 2>/dev/null || fail "the daemon exited:"$'\n'"$(cat "$work/daemon.log")"
        sleep 0.1
    done
    [ -s "$work/textfile/bouncewatch.prom" ] ||
        fail "the daemon wrote no textfile in 30 s:"$'\n'"$(cat "$work/daemon.log")"
    kill -TERM "$daemon_pid"
    wait "$daemon_pid" || fail "the daemon did not exit 0 on SIGTERM"
    daemon_pid=""
    families_from "$work/textfile/bouncewatch.prom" >"$work/names"
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
    echo "packaging-prometheus: NOTE: this build has no 'bouncewatch run'; names come from" \
        "'scan --format prometheus' and $renderer, not from a daemon's textfile"
fi

python3 - "$work" <<'PY' || fail "dashboard and names check"
import json
import re
import sys

work = sys.argv[1]
written = set(open(f"{work}/names").read().split())
node_exporter = {"node_textfile_mtime_seconds", "up"}
# Not after a colon: `provider:bouncewatch_x:ratio1d` is a recording rule's name, no family.
metric = re.compile(r"(?<![:\w])((?:bouncewatch|node)_[a-zA-Z0-9_]+)\b")
problems = []

with open("packaging/grafana/bouncewatch.json") as f:
    dashboard = json.load(f)
panels = dashboard.get("panels", [])
if not panels:
    problems.append("the dashboard has no panels")
ids = [panel.get("id") for panel in panels]
if len(ids) != len(set(ids)):
    problems.append(f"panel ids repeat: {ids}")
expressions = []
for panel in panels:
    title = panel.get("title", "?")
    grid = panel.get("gridPos", {})
    if grid.get("x", 0) + grid.get("w", 0) > 24:
        problems.append(f"panel {title!r} is wider than the 24-column grid")
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
        used.add(name)
        if name not in written:
            problems.append(f"dashboard panel {title!r} uses {name}, which the textfile lacks")
for wanted in ["bouncewatch_deliveries_total", "bouncewatch_blocklist_hits_total",
               "bouncewatch_sasl_auth_failures_total", "bouncewatch_source_up"]:
    if wanted not in used:
        problems.append(f"the dashboard shows no {wanted}")

# Every dashboard expression as a recording rule, for promtool to parse.
substitutions = {"$__rate_interval": "5m", "$__range": "1d", "$instance": ".*",
                 "$provider": ".*", "$host": ".*"}
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
        out.write(f"      - record: dashboard:expression_{number}\n")
        out.write(f"        expr: {json.dumps(expr)}\n")

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
    if name not in written and name not in node_exporter:
        problems.append(f"the Prometheus rules use {name}, which the textfile lacks")

with open("docs/metrics.md") as f:
    documented = set(re.findall(r"^\| `(bouncewatch_[a-z0-9_]+)` \|", f.read(), re.M))
for name in sorted(written - documented):
    problems.append(f"docs/metrics.md does not describe {name}")
for name in sorted(documented - written):
    problems.append(f"docs/metrics.md describes {name}, which the textfile lacks")

for problem in problems:
    print(f"packaging-prometheus: {problem}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"packaging-prometheus: dashboard: {len(expressions)} expressions, "
      f"{len(used)} metric names, all written by the binary")
PY
output="$(promtool check rules "$work/dashboard.rules.yml" 2>&1)" ||
    fail "a dashboard expression is not valid PromQL:"$'\n'"$output"
echo "packaging-prometheus: rules checked and tested; dashboard expressions are valid PromQL"
