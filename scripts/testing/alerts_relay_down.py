#!/usr/bin/env python3
"""The relay is down when an alert fires, and the daemon restarts before it comes back.

    alerts_relay_down.py --binary PATH

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
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from alerts_common import (  # noqa: E402
    CheckFailed,
    Scratch,
    Sink,
    append,
    blacklisted_rule,
    blacklisting_lines,
    check_alert_mail,
    free_port,
    message_id_of,
    metric,
    outbox_files,
    outbox_message,
    smtp_notifier,
    start_daemon,
    wait_until,
    write_config,
)
from crash_daemon import Textfile, main_wrapper, require_binary  # noqa: E402

TIMEOUT = 30
OPS = ["ops@example.net"]


def run(binary):
    scratch = Scratch("bouncewatch-alerts-relay-down-")
    sink = Sink(scratch, "sink", free_port())
    daemon = None
    try:
        log, textfile = scratch.join("mail.log"), Textfile(scratch.join("bouncewatch.prom"))
        state = scratch.join("state")
        open(log, "wb").close()
        config = scratch.join("bouncewatch.yml")
        write_config(config, log, state, textfile.path, blacklisted_rule(group_wait="1s"),
                     smtp_notifier(sink.port, OPS))

        # 1. The relay is down.
        daemon = start_daemon(binary, scratch, config)
        wait_until(lambda: textfile.samples() is not None, TIMEOUT,
                   "the daemon's first textfile", daemon)
        lines, quoted = blacklisting_lines(time.time())
        append(log, lines)
        wait_until(
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
        wait_until(sink.messages, 15, "the pending alert at the sink after the restart",
                   daemon)
        delay = time.monotonic() - started
        wait_until(lambda: not outbox_files(state, "smtp"), TIMEOUT,
                   "the outbox to empty after the delivery", daemon)
        wait_until(
            lambda: (metric(textfile, "bouncewatch_notifications_total", notifier="smtp",
                            result="sent") or 0) >= 1,
            TIMEOUT, 'bouncewatch_notifications_total{notifier="smtp",result="sent"} >= 1',
            daemon)
        wait_until(lambda: metric(textfile, "bouncewatch_alerts_firing", rule="blacklisted") == 1,
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
        daemon.terminate()
        print(f"alerts-relay-down: failed while the relay was down, kept across SIGTERM, "
              f"delivered {delay:.1f} s after the restart, once")
    finally:
        if daemon is not None:
            daemon.stop_quietly()
        sink.stop()
        scratch.cleanup()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.environ.get("BOUNCEWATCH_BIN"))
    args = parser.parse_args()
    return main_wrapper(lambda: run(require_binary(args.binary)))


if __name__ == "__main__":
    sys.exit(main())
