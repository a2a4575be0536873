#!/usr/bin/python3
"""The receiving end of bouncewatch's end-to-end tests (Debian's python3-aiosmtpd).

A loopback SMTP server that a real Postfix or Exim relays to. It answers each recipient by
the first part of its local part (up to `-`), so the test decides every outcome by the
address it sends to:

    unknown-3@example.com   550 5.1.1 at RCPT         (recipient unknown, bounced)
    full-1@example.net      452 4.2.2 at RCPT         (mailbox full, deferred every time)
    rbl-2@example.org       554 5.7.1 at RCPT, blocked using zen.spamhaus.org (bounced)
    grey-4@example.com      450 4.7.1 at RCPT the first time, 250 afterwards (greylisting)
    dmarc-1@example.net     550 5.7.26 at end of DATA (DMARC policy, bounced)
    big-2@example.org       552 5.3.4 at end of DATA (message size, bounced)
    anything else           250: the message is stored

except at one destination, busy.example, whose every recipient, whatever its local part, gets
451 4.7.1 at RCPT (too many connections: a whole domain deferring us, every time).

    mta_sink.py --port PORT --dir DIR [--host 127.0.0.1] [--ready-file FILE]

Every reply the server gives to RCPT or DATA is appended to DIR/answers.jsonl, one JSON
object a line: {"stage": "rcpt"|"data", "rcpt": ADDRESS, "kind": KIND, "code": 250}. Kind
is the local part's prefix for the failure kinds above, "busy" at busy.example, else "accepted". Accepted messages
go to DIR/mail/<n>.eml with DIR/mail/<n>.json (sender, recipients). The ready file is written
once the server accepts connections. Stops on SIGTERM or SIGINT.
"""

import argparse
import json
import os
import sys
import threading

from aiosmtpd.controller import Controller

from smtp_sink import serve

# Reply texts as real receivers word them; a test reads them from here.
RCPT_REPLIES = {
    "unknown": "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown",
    "full": "452 4.2.2 <{rcpt}>: Mailbox full, try again later",
    "rbl": "554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using"
    " zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.1",
}
GREYLIST_REPLY = "450 4.7.1 <{rcpt}>: Recipient address rejected: Greylisted, see" \
    " https://postgrey.schweikert.ch/help/example.com.html"
DATA_REPLIES = {
    "dmarc": "550 5.7.26 Unauthenticated email from sender.example is not accepted due to"
    " domain's DMARC policy",
    "big": "552 5.3.4 Message size exceeds fixed maximum message size",
}
# The destination that defers every recipient, and its answer (a kind of its own).
DEFERRING_DOMAIN = "busy.example"
DOMAIN_KIND = "busy"
DOMAIN_REPLY = "451 4.7.1 <{rcpt}>: Too many connections from your IP, slow down and try" \
    " again later"
FAILURE_KINDS = sorted(set(RCPT_REPLIES) | set(DATA_REPLIES) | {"grey"})


def kind_of(address):
    local, _, domain = address.lower().partition("@")
    if domain == DEFERRING_DOMAIN:
        return DOMAIN_KIND
    prefix = local.split("-", 1)[0]
    return prefix if prefix in FAILURE_KINDS else "accepted"


def rcpt_reply(kind):
    """The failure a recipient of `kind` gets at RCPT (a template with `{rcpt}`), or None."""
    return DOMAIN_REPLY if kind == DOMAIN_KIND else RCPT_REPLIES.get(kind)


class Sink:
    """Answers by local part, remembers greylisted recipients, journals every reply."""

    def __init__(self, directory):
        self.directory = directory
        self.mail = os.path.join(directory, "mail")
        os.makedirs(self.mail, exist_ok=True)
        self.journal = open(os.path.join(directory, "answers.jsonl"), "a", buffering=1)
        self.lock = threading.Lock()
        self.greylisted = set()
        self.stored = 0

    def note(self, stage, rcpt, reply):
        record = {"stage": stage, "rcpt": rcpt, "kind": kind_of(rcpt), "code": int(reply[:3])}
        with self.lock:
            self.journal.write(json.dumps(record) + "\n")
            self.journal.flush()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        kind = kind_of(address)
        reply = "250 2.1.5 Ok"
        if rcpt_reply(kind) is not None:
            reply = rcpt_reply(kind).format(rcpt=address)
        elif kind == "grey":
            with self.lock:
                seen = address.lower() in self.greylisted
                self.greylisted.add(address.lower())
            if not seen:
                reply = GREYLIST_REPLY.format(rcpt=address)
        self.note("rcpt", address, reply)
        if reply.startswith("250"):
            envelope.rcpt_tos.append(address)
        return reply

    async def handle_DATA(self, server, session, envelope):
        for rcpt in envelope.rcpt_tos:
            if kind_of(rcpt) in DATA_REPLIES:
                reply = DATA_REPLIES[kind_of(rcpt)]
                for each in envelope.rcpt_tos:
                    self.note("data", each, reply)
                return reply
        with self.lock:
            self.stored += 1
            stem = os.path.join(self.mail, str(self.stored))
        with open(stem + ".json", "w") as out:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, out)
        with open(stem + ".tmp", "wb") as out:
            out.write(envelope.original_content)
        os.rename(stem + ".tmp", stem + ".eml")
        reply = "250 2.0.0 Ok: queued as SINK" + str(self.stored)
        for rcpt in envelope.rcpt_tos:
            self.note("data", rcpt, reply)
        return reply


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--ready-file")
    args = parser.parse_args()

    os.makedirs(args.dir, exist_ok=True)
    # The greeting name must differ from the MTA's own, or Postfix sees a mail loop.
    return serve(
        Controller(
            Sink(args.dir), hostname=args.host, port=args.port,
            server_hostname="sink.bouncewatch.test"),
        args.ready_file)

if __name__ == "__main__":
    sys.exit(main())
