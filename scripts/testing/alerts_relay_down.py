#!/usr/bin/env python3
"""The relay is down when an alert fires, and the daemon restarts before it comes back.

    alerts_relay_down.py --binary PATH

0. The relay accepts connections but never answers, next to a `file` notifier: the mbox gets
   the alert at once, SIGTERM ends the daemon within the drain time, the smtp alert stays in
   the outbox and is delivered once the relay works and the daemon is started again; the
   mbox still holds one mail.
1. `bouncewatch run` with one `smtp` notifier to a loopback port where nothing listens; a
   Spamhaus ZEN listing is appended to its log (lines stamped now). The alert fires: the
   textfile counts a failed notification, shows the alert firing, and the composed mail sits
   in <state_directory>/outbox/smtp/.
2. SIGTERM: the daemon exits 0 and the alert stays in the outbox.
3. The SMTP sink (scripts/testing/smtp_sink.py) starts on that port, then the daemon again:
   the pending alert is delivered at once (a restart does not wait out the 30 s backoff) with
   the Message-ID stored in the outbox, the outbox empties, and the alert is still firing.
4. More lines of the same listing while it fires, and a few seconds more: still exactly one
   mail (the alert state came back from the checkpoint; a firing alert is not mailed again).
5. The relay goes down again while the daemon runs, and a SpamCop listing (a new incident)
   fails; the relay comes back, and the retry after the 30 s backoff (DeliveryTiming; no
   shorter setting exists outside unit tests) delivers it, with the Message-ID it was stored
   with. This step takes about half a minute.
"""

import mailbox
import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from alerts_common import (  # noqa: E402
    run_script,
    HOSTNAME,
    CheckFailed,
    Scratch,
    Sink,
    alert_config,
    append,
    blacklisted_rule,
    blacklisting_lines,
    check_alert_mail,
    free_port,
    message_id_of,
    metric,
    outbox_files,
    outbox_message,
    parse_mail,
    smtp_notifier,
    start_daemon,
    syslog_stamp,
    wait_for,
)
from crash_daemon import Textfile  # noqa: E402

TIMEOUT = 30
OPS = ["ops@example.net"]
# The first retry of a failed delivery (DeliveryTiming.firstRetrySeconds).
RETRY_SECONDS = 30


def spamcop_line(moment):
    """A deferral because SpamCop lists 198.51.100.7: a second incident (another list)."""
    return (f"{syslog_stamp(moment)} mx1 postfix/smtp[4250]: 5E6F7A8B01: to=<erin@isp.example>, "
            "relay=mx.isp.example[192.0.2.40]:25, delay=0.5, delays=0.1/0/0.2/0.2, dsn=4.7.1, "
            "status=deferred (host mx.isp.example[192.0.2.40] said: 450 4.7.1 Client host "
            "[198.51.100.7] blocked using bl.spamcop.net (in reply to RCPT TO command))\n"
            ).encode()


def run(binary):
    scratch = Scratch("bouncewatch-alerts-relay-down-")
    sink = Sink(scratch, "sink", free_port())
    daemon = None
    try:
        log, textfile = scratch.join("mail.log"), Textfile(scratch.join("bouncewatch.prom"))
        state = scratch.join("state")
        open(log, "wb").close()
        config = scratch.join("bouncewatch.yml")
        alert_config(config, log, state, textfile.path, blacklisted_rule(group_wait="1s"),
                     smtp_notifier(sink.port, OPS))

        # 1. The relay is down.
        daemon = start_daemon(binary, scratch, config)
        wait_for(lambda: textfile.samples() is not None, TIMEOUT,
                 "the daemon's first textfile", daemon)
        lines, quoted = blacklisting_lines(time.time())
        append(log, lines)
        wait_for(
            lambda: (metric(textfile, "bouncewatch_notifications_total", notifier="smtp",
                            result="failed") or 0) >= 1,
            TIMEOUT, 'bouncewatch_notifications_total{notifier="smtp",result="failed"} >= 1',
            daemon)
        if metric(textfile, "bouncewatch_alerts_firing", rule="blacklisted") != 1:
            raise CheckFailed('bouncewatch_alerts_firing{rule="blacklisted"} is not 1\n'
                              + daemon.log_tail())
        pending = outbox_files(state, "smtp")
        if len(pending) != 1:
            raise CheckFailed(f"{len(pending)} files in the smtp outbox, expected 1: {pending}")
        stored, record = outbox_message(pending[0])
        if record["notice"]["state"] != "firing" or record["notice"]["rule"] != "blacklisted":
            raise CheckFailed(f"the outbox holds {record['notice']}, not the firing alert")
        check_alert_mail(stored, OPS, samples=quoted)
        stored_id = message_id_of(stored)

        # 2. Stopped while the alert is pending.
        daemon.terminate()
        if outbox_files(state, "smtp") != pending:
            raise CheckFailed(f"after SIGTERM the outbox holds {outbox_files(state, 'smtp')}, "
                              f"expected {pending}")

        # 3. The relay comes back, then the daemon.
        sink.start()
        started = time.monotonic()
        daemon.start()
        wait_for(sink.messages, 15, "the pending alert at the sink after the restart",
                 daemon)
        delay = time.monotonic() - started
        wait_for(lambda: not outbox_files(state, "smtp"), TIMEOUT,
                 "the outbox to empty after the delivery", daemon)
        wait_for(
            lambda: (metric(textfile, "bouncewatch_notifications_total", notifier="smtp",
                            result="sent") or 0) >= 1,
            TIMEOUT, 'bouncewatch_notifications_total{notifier="smtp",result="sent"} >= 1',
            daemon)
        wait_for(lambda: metric(textfile, "bouncewatch_alerts_firing", rule="blacklisted") == 1,
                 TIMEOUT, "the alert still firing after the restart", daemon)

        # 4. Still firing, more of the same: nothing new.
        more, _ = blacklisting_lines(time.time())
        append(log, more)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            daemon.check_alive()
            time.sleep(0.2)
        messages = sink.messages()
        if len(messages) != 1:
            ids = [message_id_of(raw) for raw, _ in messages]
            raise CheckFailed(f"{len(messages)} mails at the sink ({ids}), expected exactly one")
        raw, meta = messages[0]
        if message_id_of(raw) != stored_id:
            raise CheckFailed(f"delivered Message-ID {message_id_of(raw)}, the outbox held "
                              f"{stored_id}")
        if raw.replace(b"\r\n", b"\n") != stored.replace(b"\r\n", b"\n"):
            raise CheckFailed("the delivered mail differs from the one stored in the outbox")
        if meta["rcpt_tos"] != OPS:
            raise CheckFailed(f"RCPT TO {meta['rcpt_tos']}, expected {OPS}")
        check_alert_mail(raw, OPS, samples=quoted)

        # 5. Down again while the daemon runs: a new incident is retried after the backoff.
        sink.stop()
        append(log, spamcop_line(time.time()))
        wait_for(
            lambda: (metric(textfile, "bouncewatch_notifications_total", notifier="smtp",
                            result="failed") or 0) >= 1,
            TIMEOUT, "the second alert to fail while the relay is down", daemon)
        failed_at = time.monotonic()
        pending = outbox_files(state, "smtp")
        if len(pending) != 1:
            raise CheckFailed(f"{len(pending)} files in the smtp outbox, expected 1: {pending}")
        stored, record = outbox_message(pending[0])
        if record["notice"]["blocklist"] != "bl.spamcop.net":
            raise CheckFailed(f"the outbox holds {record['notice']}, not the SpamCop alert")
        sink.start()
        wait_for(lambda: len(sink.messages()) >= 2, RETRY_SECONDS + TIMEOUT,
                 "the retry of the second alert once the relay is back", daemon)
        retried = time.monotonic() - failed_at
        wait_for(lambda: not outbox_files(state, "smtp"), TIMEOUT,
                 "the outbox to empty after the retry", daemon)
        messages = sink.messages()
        if len(messages) != 2 or message_id_of(messages[1][0]) != message_id_of(stored):
            ids = [message_id_of(raw) for raw, _ in messages]
            raise CheckFailed(f"mails {ids} at the sink, expected the first one and "
                              f"{message_id_of(stored)}")
        subject = str(parse_mail(messages[1][0])["Subject"])
        if "blacklisted by SpamCop (198.51.100.7)" not in subject:
            raise CheckFailed(f"the second alert's Subject is {subject!r}")
        if retried < RETRY_SECONDS - 2:
            raise CheckFailed(f"retried after {retried:.1f} s, before the {RETRY_SECONDS} s "
                              "backoff")
        daemon.terminate()
        print(f"alerts-relay-down: failed while the relay was down, kept across SIGTERM, "
              f"delivered {delay:.1f} s after the restart, once; a later alert retried "
              f"{retried:.1f} s after its failure")
    finally:
        if daemon is not None:
            daemon.stop_quietly()
        sink.stop()
        scratch.cleanup()


def relay_hangs(binary):
    """The relay accepts connections and never answers: the `file` notifier next to it is not
    held up, SIGTERM still ends the daemon within the drain time (5 s, plus 3 s for the
    cancelled attempt), and the alert waits in the outbox for the next start."""
    scratch = Scratch("bouncewatch-alerts-relay-hangs-")
    tarpit = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tarpit.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tarpit.bind(("127.0.0.1", 0))
    tarpit.listen(8)
    port = tarpit.getsockname()[1]
    sink = Sink(scratch, "sink", port)
    daemon = None
    try:
        log, textfile = scratch.join("mail.log"), Textfile(scratch.join("bouncewatch.prom"))
        state, mbox = scratch.join("state"), scratch.join("alerts.mbox")
        open(log, "wb").close()
        config = scratch.join("bouncewatch.yml")
        notifiers = (smtp_notifier(port, OPS).replace("timeout: 10s", "timeout: 60s")
                     + f"  - type: file\n    path: {mbox}\n")
        alert_config(config, log, state, textfile.path, blacklisted_rule(group_wait="0s"),
                     notifiers)
        daemon = start_daemon(binary, scratch, config)
        wait_for(lambda: textfile.samples() is not None, TIMEOUT,
                 "the daemon's first textfile", daemon)
        lines, quoted = blacklisting_lines(time.time())
        append(log, lines)
        wait_for(lambda: os.path.exists(mbox), 20,
                 "the mbox alert while the SMTP relay hangs (notifiers must not wait on "
                 "each other)", daemon)
        wait_for(lambda: outbox_files(state, "smtp"), TIMEOUT, "the smtp alert in the outbox",
                 daemon)
        time.sleep(1)
        stopping = time.monotonic()
        daemon.terminate(timeout=15)
        took = time.monotonic() - stopping
        if len(outbox_files(state, "smtp")) != 1:
            raise CheckFailed(f"after SIGTERM the smtp outbox holds {outbox_files(state, 'smtp')}"
                              ", expected the hung alert")
        tarpit.close()
        sink.start()
        daemon.start()
        wait_for(sink.messages, 15, "the hung alert at the sink after the restart", daemon)
        wait_for(lambda: not outbox_files(state, "smtp"), TIMEOUT,
                 "the outbox to empty after the delivery", daemon)
        time.sleep(2)
        daemon.terminate()
        if len(sink.messages()) != 1:
            raise CheckFailed(f"{len(sink.messages())} mails at the sink, expected one")
        check_alert_mail(sink.messages()[0][0], OPS, samples=quoted)
        box = mailbox.mbox(mbox)
        if len(box) != 1:
            raise CheckFailed(f"{len(box)} mails in the mbox, expected one (not sent again)")
        check_alert_mail(box.get_bytes(box.keys()[0]), [f"postmaster@{HOSTNAME}"],
                         samples=quoted, sender=f"bouncewatch@{HOSTNAME}")
        print(f"alerts-relay-down: a hanging relay held up neither the file notifier nor the "
              f"stop ({took:.1f} s after SIGTERM); delivered after the restart")
    finally:
        if daemon is not None:
            daemon.stop_quietly()
        tarpit.close()
        sink.stop()
        scratch.cleanup()


def main():
    return run_script(__doc__.splitlines()[0], relay_hangs, run)


if __name__ == "__main__":
    sys.exit(main())
