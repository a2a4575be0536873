#!/usr/bin/env bash
# `make demo`: the report over the bundled example logs (text, and an HTML page in out/; both with
# the Senders and Authenticated users sections), a few failures explained, one bounce with who
# sent the message, the digest of the examples' day, the queue by cause (a test's Exim spool), then
# the daemon following a copy of one of them: its textfile (sender series and delay histogram
# too) and an alert mail.
#
# Needs no root and no network: it only reads examples/ and Tests/Fixtures/queue/ with the binary
# in BOUNCEWATCH_BIN.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${BOUNCEWATCH_BIN:?set BOUNCEWATCH_BIN to the bouncewatch binary}"

heading() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

heading "bouncewatch scan --senders examples/mail.log examples/exim-mainlog"
"$bin" scan --senders examples/mail.log examples/exim-mainlog

# The same report as a page with charts, kept in out/ (ignored by git) for the user to open.
report="${DEMO_REPORT:-out/demo-report.html}"
mkdir -p "$(dirname "$report")"
heading "bouncewatch scan --senders --format html examples/mail.log examples/exim-mainlog > $report"
"$bin" scan --senders --format html examples/mail.log examples/exim-mainlog >"$report"
echo "HTML report written: open file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report") in a browser"

# One line each of: Microsoft's block list, Gmail's unknown user, Yahoo's complaint throttling,
# and Exim's own wording for a dead host.
explain() {
    local file="$1" pattern="$2"
    local line
    line="$(grep -m1 -e "$pattern" "$file")" || {
        echo "demo: no line matching '$pattern' in $file" >&2
        exit 1
    }
    heading "bouncewatch classify --explain   # $pattern in $file"
    printf '%s\n' "$line" | "$bin" classify --explain
}
explain examples/mail.log "S3150"
explain examples/mail.log "NoSuchUser"
explain examples/mail.log "TSS04"
explain examples/exim-mainlog "defer (110): Connection timed out"

# A delivery line names only its recipient; classify finds who sent the message on its earlier
# lines (smtpd client= with sasl_username=, qmgr from=). The first bounce of a logged-in user,
# then all the lines of its queue id through classify, a few keys of the bounce shown.
queue_id="$("$bin" classify examples/mail.log | python3 -c '
import json, sys
# Reads to the end: classify must not write into a closed pipe.
bounces = [event["queue_id"] for event in map(json.loads, sys.stdin)
           if event["status"] == "bounced" and event["sasl_username"]]
print(bounces[0] if bounces else "")
')"
[ -n "$queue_id" ] || {
    echo "demo: no bounce of a logged-in user in examples/mail.log" >&2
    exit 1
}
heading "grep $queue_id examples/mail.log | bouncewatch classify   # who sent the bounced mail"
grep -e "$queue_id" examples/mail.log | "$bin" classify | python3 -c '
import json, sys
keys = ("status", "cause", "recipient", "sender", "sender_domain", "sasl_username", "client_ip")
for line in sys.stdin:
    event = json.loads(line)
    print(json.dumps({key: event.get(key) for key in keys}))
'

# The digest of the examples' day against the day before (which the examples do not hold, so
# every count is new): the day is the one `scan` places the first event on.
day="$("$bin" scan --format json examples/mail.log | grep -o '"first":"[0-9-]*' | cut -d'"' -f4)"
next="$(date -d "$day + 1 day" +%F)"
heading "bouncewatch digest --period $day..$next examples/mail.log examples/exim-mainlog"
"$bin" digest --period "$day..$next" --hostname mx1 examples/mail.log examples/exim-mainlog

# The daemon: `bouncewatch run` follows a copy of examples/mail.log in a scratch directory,
# writes the Prometheus textfile, and mails (into an mbox file here) the blacklisting that is
# appended while it runs. The example log's own listings are days old: counted, never mailed.
# The queue by destination and cause, as `bouncewatch queue` reads a real Exim spool (the one the
# tests keep; on a server it reads /var/spool/exim4, or Postfix's through showq).
heading "bouncewatch queue --directory Tests/Fixtures/queue/exim-spool   # what waits, and why"
"$bin" queue --directory Tests/Fixtures/queue/exim-spool

scratch="$(mktemp -d)"
daemon=""
cleanup() {
    if [ -n "$daemon" ]; then kill "$daemon" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT
cp examples/mail.log "$scratch/mail.log"
cat >"$scratch/bouncewatch.yml" <<YAML
sources:
  - type: file
    path: $scratch/mail.log
    start_at: beginning
state_directory: $scratch/state
hostname: mx1
metrics:
  textfile: $scratch/bouncewatch.prom
  interval: 1s
  senders: {top: 5}
  sasl_users: {top: 5}
alerts:
  - name: blacklisted
    match: { cause: [blacklisted] }
    threshold: 1
    window: 15m
    group_by: [blocklist]
    group_wait: 0s
notifiers:
  - type: file
    path: $scratch/alerts.mbox
YAML
heading "bouncewatch run --config bouncewatch.yml   # following a copy of examples/mail.log"
"$bin" run --config "$scratch/bouncewatch.yml" 2>"$scratch/daemon.log" &
daemon=$!

# Waits up to 20 s for a file to hold a pattern.
wait_for() {
    local file="$1" pattern="$2"
    for _ in $(seq 1 100); do
        if grep -q -e "$pattern" "$file" 2>/dev/null; then return 0; fi
        sleep 0.2
    done
    echo "demo: $file never showed '$pattern'; the daemon said:" >&2
    cat "$scratch/daemon.log" >&2
    exit 1
}
wait_for "$scratch/bouncewatch.prom" '^bouncewatch_lines_total'
stamp="$(date '+%b %e %H:%M:%S')"
printf '%s mx1 postfix/smtp[4242]: 4F2A11C0D3: to=<bob@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.1.27]:25, delay=1.4, delays=0.1/0/0.7/0.6, dsn=5.7.1, status=bounced (host gmail-smtp-in.l.google.com[142.250.1.27] said: 550 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.5 (in reply to RCPT TO command))\n' \
    "$stamp" >>"$scratch/mail.log"
wait_for "$scratch/alerts.mbox" '^Subject:'
kill -TERM "$daemon"
wait "$daemon" || true
daemon=""

heading "the textfile for node_exporter: the largest failure series, then alerting"
grep -E '^bouncewatch_deliveries_total\{[^}]*status="(bounced|deferred|expired)"' \
    "$scratch/bouncewatch.prom" | sort -k2 -n -r | head -n 8
grep -E '^bouncewatch_(alerts_firing|notifications_total)' "$scratch/bouncewatch.prom"
heading "the textfile: failures by sender domain and SASL user, final outcomes timed (metrics.senders, sasl_users)"
grep -E '^bouncewatch_(sender|sasl_user)_deliveries_total\{[^}]*status="(bounced|deferred|expired)"' \
    "$scratch/bouncewatch.prom" | sort -k2 -n -r | head -n 6
grep -E '^bouncewatch_delivery_delay_seconds_count' "$scratch/bouncewatch.prom"
heading "the alert mail (decoded; the full one also says what to do and quotes sample lines)"
python3 - "$scratch/alerts.mbox" <<'PY'
import mailbox, sys
mail = next(iter(mailbox.mbox(sys.argv[1])))
for name in ("Date", "From", "To", "Subject", "Auto-Submitted"):
    print(f"{name}: {' '.join(str(mail[name]).split())}")
body = mail.get_payload(decode=True).decode("utf-8")
print()
print(body[: body.index("What to do")].rstrip())
PY
