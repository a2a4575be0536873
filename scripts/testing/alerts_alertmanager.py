#!/usr/bin/env python3
"""Alerts from the real `bouncewatch run` daemon in a real Alertmanager, fired and resolved.

    alerts_alertmanager.py --binary PATH

Starts Debian's prometheus-alertmanager on a free loopback port (no clustering, storage in a
scratch directory) with a webhook receiver served by this script, and the daemon with one
`alertmanager` notifier and a `blacklisted` rule with a 20 s window and no group wait, so
the incident ends 20 s after its last event.

1. A Spamhaus ZEN listing is appended to the daemon's log (lines stamped now).
   `/api/v2/alerts` must show the alert active with labels alertname=blacklisted,
   blocklist=zen.spamhaus.org, instance=mx1 and a severity, annotations naming the listed IP
   and the delisting page, and an `endsAt` minutes ahead (it is re-posted while it fires).
   Alertmanager's webhook receives it firing.
2. SIGTERM and a new start while the alert fires: the daemon must remember it (checkpoint)
   to resolve it later.
3. Nothing more is logged: once the window has passed the daemon posts the alert resolved
   (`endsAt` now), so it leaves the active alerts long before that `endsAt` minutes ahead
   would have expired it, and the webhook receives it resolved. The textfile shows the
   alert no longer firing and a notification sent since the restart.
"""

import calendar
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from alerts_common import (  # noqa: E402
    run_script,
    BLOCKLIST,
    BLOCKLIST_SHOWN,
    DELIST_URL,
    HOSTNAME,
    LISTED_IP,
    CheckFailed,
    Scratch,
    alert_config,
    append,
    blacklisted_rule,
    blacklisting_lines,
    free_port,
    metric,
    require_tool,
    start_daemon,
    wait_for,
)
from crash_daemon import Textfile, stop_process  # noqa: E402

TIMEOUT = 30
WINDOW_SECONDS = 20
# The daemon sends a firing alert with endsAt this far ahead (DeliveryTiming's default).
FIRING_VALIDITY_SECONDS = 600


class Webhook:
    """An HTTP server on loopback that keeps every JSON body Alertmanager posts to it."""

    def __init__(self):
        self.bodies = []
        self.lock = threading.Lock()
        webhook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                with webhook.lock:
                    webhook.bodies.append(json.loads(body))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *_):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def notification(self, status):
        """The first webhook body with `status` about the blacklisted alert, or None."""
        with self.lock:
            for body in self.bodies:
                if body.get("status") == status and any(
                        alert["labels"].get("alertname") == "blacklisted"
                        for alert in body.get("alerts", [])):
                    return body
        return None

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class Alertmanager:
    """prometheus-alertmanager on 127.0.0.1, gossip off, storage in the scratch directory."""

    def __init__(self, scratch, webhook_port):
        self.binary = require_tool("prometheus-alertmanager")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = scratch.join("alertmanager.yml")
        self.log_path = scratch.join("alertmanager.log")
        self.storage = scratch.join("alertmanager-data")
        with open(self.config, "w") as handle:
            handle.write(
                "route:\n"
                "  receiver: hook\n"
                "  group_by: [alertname]\n"
                "  group_wait: 1s\n"
                "  group_interval: 1s\n"
                "  repeat_interval: 1h\n"
                "receivers:\n"
                "  - name: hook\n"
                "    webhook_configs:\n"
                f"      - url: http://127.0.0.1:{webhook_port}/\n"
                "        send_resolved: true\n")
        self.process = None

    def start(self):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [self.binary, f"--config.file={self.config}", f"--storage.path={self.storage}",
                 f"--web.listen-address=127.0.0.1:{self.port}", "--cluster.listen-address="],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        wait_for(self.ready, TIMEOUT, "Alertmanager to be ready")

    def ready(self):
        if self.process.poll() is not None:
            raise CheckFailed("prometheus-alertmanager exited\n" + self.log_tail())
        try:
            with urllib.request.urlopen(self.url + "/-/ready", timeout=2) as answer:
                return answer.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def alerts(self):
        """The alerts of `GET /api/v2/alerts` named `blacklisted`."""
        with urllib.request.urlopen(self.url + "/api/v2/alerts", timeout=5) as answer:
            alerts = json.load(answer)
        return [alert for alert in alerts if alert["labels"].get("alertname") == "blacklisted"]

    def log_tail(self):
        try:
            with open(self.log_path, "rb") as handle:
                return "alertmanager log:\n" + handle.read()[-3000:].decode("utf-8", "replace")
        except FileNotFoundError:
            return "(no alertmanager log)"

    def stop(self):
        stop_process(self.process)


def epoch(rfc3339):
    """Seconds since the epoch of Alertmanager's `2026-11-27T08:00:00.000Z` stamps."""
    stamp = rfc3339.rstrip("Z").split(".")[0]
    return calendar.timegm(time.strptime(stamp, "%Y-%m-%dT%H:%M:%S"))


def check_active(alert):
    problems = []
    labels = alert["labels"]
    expected = {"alertname": "blacklisted", "blocklist": BLOCKLIST, "instance": HOSTNAME}
    for name, value in expected.items():
        if labels.get(name) != value:
            problems.append(f"label {name}={labels.get(name)!r}, expected {value!r}")
    if not labels.get("severity"):
        problems.append("no severity label")
    if alert["status"]["state"] != "active":
        problems.append(f"state {alert['status']['state']!r}, expected active")
    description = alert["annotations"].get("description", "")
    summary = alert["annotations"].get("summary", "")
    for needed in (LISTED_IP, DELIST_URL):
        if needed not in description:
            problems.append(f"description {description!r} does not name {needed}")
    if f"blacklisted by {BLOCKLIST_SHOWN} ({LISTED_IP})" not in summary:
        problems.append(f"summary {summary!r} does not name the list and the IP")
    ahead = epoch(alert["endsAt"]) - time.time()
    if ahead < FIRING_VALIDITY_SECONDS / 2:
        problems.append(f"endsAt {alert['endsAt']} only {ahead:.0f} s ahead")
    if problems:
        raise CheckFailed("Alertmanager alert: " + "; ".join(problems) + f"\n{alert}")


def run(binary):
    scratch = Scratch("bouncewatch-alerts-am-")
    webhook = Webhook()
    alertmanager = Alertmanager(scratch, webhook.port)
    daemon = None
    try:
        alertmanager.start()
        log, textfile = scratch.join("mail.log"), Textfile(scratch.join("bouncewatch.prom"))
        open(log, "wb").close()
        config = scratch.join("bouncewatch.yml")
        notifiers = f"  - type: alertmanager\n    url: {alertmanager.url}\n    timeout: 5s\n"
        alert_config(config, log, scratch.join("state"), textfile.path,
                     blacklisted_rule(window=f"{WINDOW_SECONDS}s", group_wait="0s"), notifiers)
        daemon = start_daemon(binary, scratch, config)
        wait_for(lambda: textfile.samples() is not None, TIMEOUT,
                 "the daemon's first textfile", daemon)

        # 1. Fired.
        lines, _ = blacklisting_lines(time.time())
        logged = time.time()
        append(log, lines)
        active = wait_for(alertmanager.alerts, TIMEOUT,
                          "the alert in Alertmanager's /api/v2/alerts", daemon)
        fired = time.time() - logged
        if len(active) != 1:
            raise CheckFailed(f"{len(active)} blacklisted alerts in Alertmanager: {active}")
        check_active(active[0])
        wait_for(lambda: webhook.notification("firing"), TIMEOUT,
                 "Alertmanager's firing notification at the webhook", daemon)

        # 2. A restart while it fires: the alert state comes back from the checkpoint, or the
        # daemon would never know to resolve it.
        daemon.terminate()
        daemon.start()

        # 3. Resolved once the window has passed.
        wait_for(lambda: not alertmanager.alerts(), WINDOW_SECONDS + TIMEOUT,
                 "the alert to leave Alertmanager's active alerts (resolved)", daemon)
        resolved = time.time() - logged
        if resolved > FIRING_VALIDITY_SECONDS / 2:
            raise CheckFailed(f"the alert ended only after {resolved:.0f} s: it expired, it "
                              "was not resolved")
        body = wait_for(lambda: webhook.notification("resolved"), TIMEOUT,
                        "Alertmanager's resolved notification at the webhook", daemon)
        ended = [alert for alert in body["alerts"]
                 if alert["labels"].get("alertname") == "blacklisted"]
        if not ended or ended[0]["status"] != "resolved" or epoch(ended[0]["endsAt"]) > time.time():
            raise CheckFailed(f"the resolved notification does not end the alert: {body}")
        wait_for(lambda: metric(textfile, "bouncewatch_alerts_firing", rule="blacklisted") == 0,
                 TIMEOUT, 'bouncewatch_alerts_firing{rule="blacklisted"} 0', daemon)
        # The resolved post is counted once it returns, and shows at the next textfile write:
        # wait for it rather than read the file once.
        wait_for(lambda: (metric(textfile, "bouncewatch_notifications_total",
                                 notifier="alertmanager", result="sent") or 0) >= 1,
                 TIMEOUT, "a notification sent to Alertmanager since the restart (the resolved "
                 "one) in the textfile", daemon)
        daemon.terminate()
        daemon = None
        print(f"alerts-alertmanager: active in Alertmanager {fired:.1f} s after the log line, "
              f"resolved {resolved:.1f} s after it (window {WINDOW_SECONDS} s)")
    finally:
        if daemon is not None:
            daemon.stop_quietly()
        alertmanager.stop()
        webhook.stop()
        scratch.cleanup()


def main():
    return run_script(__doc__.splitlines()[0], run)


if __name__ == "__main__":
    sys.exit(main())
