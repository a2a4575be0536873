"""What the end-to-end tests send, and what must come of it (scripts/testing/e2e_mta.py).

The plan names how many messages of each kind go out in each phase. A small model of an
MTA's queue turns it into the expected results without looking at any log: every delivery
attempt (a submission, or a queue flush for what is still queued) gets the sink's answer for
its recipient (scripts/testing/mta_sink.py decides by local part, and defers one whole
destination), and that answer decides the outcome. From those attempts come:

- the records the sink must have journaled (`sink_records`), and
- the daemon's `bouncewatch_deliveries_total` per (status, cause, destination) and its
  `bouncewatch_blocklist_hits_total` per (blocklist, destination);
- the deliveries per (sender domain, status, cause) and per (SASL user, status, cause), and
  the final outcomes per status (the delay histogram's `_count`s): see e2e_senders.py.

Messages go out from two sender domains, by turns; every third one is submitted with SMTP
AUTH as the test's SASL user (the rest without), so each phase has authenticated and
unauthenticated mail from both domains. Each bounce returns a non-delivery notification to
the message's sender, which the sink accepts: one more `sent` to that sender's domain, from
the null sender (bouncewatch's sender domain `<>`). Each alert mail goes through the MTA to
postmaster@localhost (the packaged configuration's route): one more `sent` to `localhost`,
from the packaged notifier's `from:` address.
"""

from collections import Counter, namedtuple

import mta_sink

SENDERS = ("shop@sender.example", "news@letters.example")
# The test's SASL user, the same for Postfix (sasldb) and Exim (a plaintext authenticator);
# both log the login as given.
SASL_USER = "alice@bouncewatch.test"
SASL_PASSWORD = "e2e-only-secret"
# How bouncewatch names the sender domain of a mail from the null sender `<>`.
NULL_SENDER_DOMAIN = "<>"
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
    mta_sink.DOMAIN_KIND: ("deferred", "rate_limited"),
}
BLOCKLIST = {"rbl": "zen.spamhaus.org"}

# Messages per kind and phase. Phase "a" goes out while the daemon runs; phase "b" while it
# is stopped. Kept below every default alert rule's threshold except `blacklisted` (one
# event fires it): sender-authentication needs 5 per destination within 30 minutes, and the
# deferral storm 50 deliveries per destination.
# `busy` messages go to the destination that defers everything (mta_sink.DEFERRING_DOMAIN),
# with ordinary local parts: the domain alone decides.
PHASES = {
    "a": {"unknown": 2, "full": 1, "rbl": 2, "grey": 2, "dmarc": 1, "big": 1, "ok": 3,
          "busy": 2},
    "b": {"unknown": 1, "full": 2, "rbl": 1, "grey": 1, "dmarc": 2, "big": 2, "ok": 2,
          "busy": 1},
}
# The alert mails the plan expects: the default `blacklisted` rule, one per block list.
# The block list as the subject names it (docs/alerts.md: "Block list names").
EXPECTED_ALERTS = [("blacklisted", "firing", "Spamhaus ZEN")]


# One message of the plan: its recipient, envelope sender, and SASL login (None: no AUTH).
Message = namedtuple("Message", "recipient sender sasl_user")


def _code(reply):
    return int(reply[:3])


def _domain(address):
    return address.rsplit("@", 1)[1]


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
        # {(sender domain, status, cause): deliveries}, {(SASL user, status, cause): ...};
        # the cause of a `sent` is "".
        self.by_sender_domain = Counter()
        self.by_sasl_user = Counter()
        # The queued recipients' messages (recipients are unique in the plan).
        self._messages = {}
        self._next_destination = 0
        self._next_message = 0

    def messages(self, phase):
        """The messages of one phase, in the order they are sent."""
        out = []
        for kind, count in PHASES[phase].items():
            for number in range(1, count + 1):
                local = f"{kind}-{phase}{number}"
                if kind == mta_sink.DOMAIN_KIND:
                    domain, local = mta_sink.DEFERRING_DOMAIN, f"order-{phase}{number}"
                else:
                    domain = DOMAINS[self._next_destination % len(DOMAINS)]
                    self._next_destination += 1
                sender = SENDERS[self._next_message % len(SENDERS)]
                sasl_user = SASL_USER if self._next_message % 3 == 2 else None
                self._next_message += 1
                out.append(Message(f"{local}@{domain}", sender, sasl_user))
        return out

    def submit(self, message):
        self.sent_messages[mta_sink.kind_of(message.recipient)] += 1
        self._messages[message.recipient] = message
        if not self._attempt(message):
            self.queue.append(message.recipient)

    def flush(self):
        queued, self.queue = self.queue, []
        for recipient in queued:
            if not self._attempt(self._messages[recipient]):
                self.queue.append(recipient)

    def alert_mailed(self, sender):
        """An alert mail from `sender` went through the MTA to the sink."""
        self.alerts += 1
        self._accepted(Message(ALERT_RECIPIENT, sender, None))

    def final_outcomes(self):
        """{status: deliveries} of the final outcomes so far (sent, bounced, expired): what
        the delay histogram `bouncewatch_delivery_delay_seconds` must have counted."""
        out = Counter()
        for (status, _, _), count in self.deliveries.items():
            if status != "deferred":
                out[status] += count
        return out

    def _delivered(self, message, status, cause):
        """One delivery attempt's outcome, by destination, sender domain and SASL user."""
        self.deliveries[(status, cause, _domain(message.recipient))] += 1
        sender_domain = _domain(message.sender) if message.sender else NULL_SENDER_DOMAIN
        self.by_sender_domain[(sender_domain, status, cause)] += 1
        if message.sasl_user is not None:
            self.by_sasl_user[(message.sasl_user, status, cause)] += 1

    def _accepted(self, message):
        recipient = message.recipient
        self.records[("rcpt", recipient, 250)] += 1
        self.records[("data", recipient, 250)] += 1
        self._delivered(message, "sent", "")

    def _attempt(self, message):
        """One delivery attempt; True when the message leaves the queue."""
        recipient = message.recipient
        kind = mta_sink.kind_of(recipient)
        if kind == "grey" and recipient not in self.greylisted:
            self.greylisted.add(recipient)
            kind_reply = mta_sink.GREYLIST_REPLY
            self.records[("rcpt", recipient, _code(kind_reply))] += 1
            self._delivered(message, *OUTCOMES["grey"])
            return False
        if mta_sink.rcpt_reply(kind) is not None:
            self.records[("rcpt", recipient, _code(mta_sink.rcpt_reply(kind)))] += 1
        elif kind in mta_sink.DATA_REPLIES:
            self.records[("rcpt", recipient, 250)] += 1
            self.records[("data", recipient, _code(mta_sink.DATA_REPLIES[kind]))] += 1
        else:
            self._accepted(message)
            return True
        status, cause = OUTCOMES[kind]
        self._delivered(message, status, cause)
        if kind in BLOCKLIST:
            self.blocklist_hits[(BLOCKLIST[kind], _domain(recipient))] += 1
        if status == "deferred":
            return False
        # The bounce goes back to the sender from the null sender, and the sink accepts it.
        self._accepted(Message(message.sender, "", None))
        return True

    def expected_records(self):
        return Counter({key: value for key, value in self.records.items() if value})
