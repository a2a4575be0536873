"""What the end-to-end tests send, and what must come of it (scripts/testing/e2e_mta.py).

The plan names how many messages of each kind go out in each phase. A small model of an
MTA's queue turns it into the expected results without looking at any log: every delivery
attempt (a submission, or a queue flush for what is still queued) gets the sink's answer for
its recipient (scripts/testing/mta_sink.py decides by local part), and that answer decides
the outcome. From those attempts come:

- the records the sink must have journaled (`sink_records`), and
- the daemon's `bouncewatch_deliveries_total` per (status, cause, destination) and its
  `bouncewatch_blocklist_hits_total` per (blocklist, destination).

Each bounce returns a non-delivery notification to the sender, which the sink accepts: one
more `sent` to the sender's domain. Each alert mail goes through the MTA to
postmaster@localhost (the packaged configuration's route): one more `sent` to `localhost`.
"""

from collections import Counter

import mta_sink

SENDER = "shop@sender.example"
# The test's SASL user, the same for Postfix (sasldb) and Exim (a plaintext authenticator);
# both log the login as given.
SASL_USER = "alice@bouncewatch.test"
SASL_PASSWORD = "e2e-only-secret"
ALERT_RECIPIENT = "postmaster@localhost"
DOMAINS = ("example.com", "example.net", "example.org")

# What the daemon must make of each failure the sink is told to give: (status, cause).
# These are the test's claims about bouncewatch's classification (docs/classification.md).
OUTCOMES = {
    "unknown": ("bounced", "recipient_unknown"),
    "full": ("deferred", "mailbox_full"),
    "rbl": ("bounced", "blacklisted"),
    "grey": ("deferred", "greylisted"),
    "dmarc": ("bounced", "sender_authentication"),
    "big": ("bounced", "message_too_large"),
}
BLOCKLIST = {"rbl": "zen.spamhaus.org"}

# Messages per kind and phase. Phase "a" goes out while the daemon runs; phase "b" while it
# is stopped. Kept below every default alert rule's threshold except `blacklisted` (one
# event fires it): sender-authentication needs 5 per destination within 30 minutes, and the
# deferral storm 50 deliveries per destination.
PHASES = {
    "a": {"unknown": 2, "full": 1, "rbl": 2, "grey": 2, "dmarc": 1, "big": 1, "ok": 3},
    "b": {"unknown": 1, "full": 2, "rbl": 1, "grey": 1, "dmarc": 2, "big": 2, "ok": 2},
}
# The alert mails the plan expects: the default `blacklisted` rule, one per block list.
# The block list as the subject names it (docs/alerts.md: "Block list names").
EXPECTED_ALERTS = [("blacklisted", "firing", "Spamhaus ZEN")]


def _code(reply):
    return int(reply[:3])


class Model:
    """The queue of an MTA that tries each message when submitted and at every flush."""

    def __init__(self):
        self.queue = []
        self.greylisted = set()
        self.records = Counter()
        self.deliveries = Counter()
        self.blocklist_hits = Counter()
        self.alerts = 0
        self.sent_messages = Counter()
        self._domain = 0

    def messages(self, phase):
        """The recipients of one phase, in the order they are sent."""
        out = []
        for kind, count in PHASES[phase].items():
            for number in range(1, count + 1):
                domain = DOMAINS[self._domain % len(DOMAINS)]
                self._domain += 1
                out.append(f"{kind}-{phase}{number}@{domain}")
        return out

    def submit(self, recipient):
        self.sent_messages[mta_sink.kind_of(recipient)] += 1
        if not self._attempt(recipient):
            self.queue.append(recipient)

    def flush(self):
        queued, self.queue = self.queue, []
        for recipient in queued:
            if not self._attempt(recipient):
                self.queue.append(recipient)

    def alert_mailed(self):
        """An alert mail went through the MTA to the sink."""
        self.alerts += 1
        self._accepted(ALERT_RECIPIENT)

    def _accepted(self, recipient):
        self.records[("rcpt", recipient, 250)] += 1
        self.records[("data", recipient, 250)] += 1
        self.deliveries[("sent", "", recipient.split("@")[1])] += 1

    def _attempt(self, recipient):
        """One delivery attempt; True when the message leaves the queue."""
        kind = mta_sink.kind_of(recipient)
        domain = recipient.split("@")[1]
        if kind == "grey" and recipient not in self.greylisted:
            self.greylisted.add(recipient)
            kind_reply = mta_sink.GREYLIST_REPLY
            self.records[("rcpt", recipient, _code(kind_reply))] += 1
            self.deliveries[(*OUTCOMES["grey"], domain)] += 1
            return False
        if kind in mta_sink.RCPT_REPLIES:
            self.records[("rcpt", recipient, _code(mta_sink.RCPT_REPLIES[kind]))] += 1
        elif kind in mta_sink.DATA_REPLIES:
            self.records[("rcpt", recipient, 250)] += 1
            self.records[("data", recipient, _code(mta_sink.DATA_REPLIES[kind]))] += 1
        else:
            self._accepted(recipient)
            return True
        status, cause = OUTCOMES[kind]
        self.deliveries[(status, cause, domain)] += 1
        if kind in BLOCKLIST:
            self.blocklist_hits[(BLOCKLIST[kind], domain)] += 1
        if status == "deferred":
            return False
        # The bounce goes back to the sender, and the sink accepts it.
        self._accepted(SENDER)
        return True

    def expected_records(self):
        return Counter({key: value for key, value in self.records.items() if value})
