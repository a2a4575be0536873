"""Realistic Postfix log lines for the daemon checks, deterministic for a seed.

`generate(count, seed)` returns `count` lines (bytes, each ending in a newline). It uses the
shared workload generator ../shared/bench/gen-maillog.py (or $BOUNCEWATCH_SHARED/bench/...)
when it is there, and otherwise a smaller built-in one with the same kinds of lines:
deliveries sent, deferred, bounced and expired with provider-style replies, inbound
connections, rejects, SASL failures, queue manager noise, SASL-authenticated submissions
(smtpd `client=..., sasl_username=`) and bounce notifications from the null sender `<>`.

`generate(count, seed, few_senders=True)` folds the senders into a handful (`fold_senders`):
every envelope sender (`from=<...>`) has one of `SENDER_DOMAINS` (the null sender stays `<>`)
and every smtpd `client=` login is one of `SASL_USERS`: fewer than a textfile's top 20, so
that each can have a series of its own. Only the names change: the lines, their order and
every delivery's status stay as they were.
"""

import os
import random
import re
import subprocess
import sys
import zlib

_HERE = os.path.dirname(os.path.abspath(__file__))
_REPOSITORY = os.path.dirname(os.path.dirname(_HERE))


def shared_generator():
    """The path of gen-maillog.py, or None when the shared directory is not beside the clone."""
    base = os.environ.get("BOUNCEWATCH_SHARED") or os.path.join(
        os.path.dirname(_REPOSITORY), "shared"
    )
    path = os.path.join(base, "bench", "gen-maillog.py")
    return path if os.path.isfile(path) else None


def generate(count, seed, domains=None, few_senders=False):
    """`count` Postfix lines for `seed`; says on stderr which generator made them. With
    `few_senders`, the senders and SASL users are folded into a handful (`fold_senders`)."""
    generator = shared_generator()
    if generator:
        arguments = [sys.executable, generator, "--format", "postfix"]
        arguments += ["--lines", str(count), "--seed", str(seed)]
        if domains:
            arguments += ["--domains", str(domains)]
        output = subprocess.run(arguments, check=True, stdout=subprocess.PIPE).stdout
        lines = output.splitlines(keepends=True)
        source = "gen-maillog.py"
    else:
        lines = list(_BuiltIn(seed, domains or 2000).lines(count))
        source = "the built-in generator (no ../shared/bench/gen-maillog.py)"
    if len(lines) != count:
        raise SystemExit(f"maillog: asked for {count} lines, got {len(lines)}")
    if few_senders:
        lines = fold_senders(lines)
        source += ", senders folded into a handful"
    print(f"maillog: {count} lines, seed {seed}, from {source}", file=sys.stderr)
    return lines


# A handful of sender domains, one written in capitals (its series is lower-cased), and of
# SASL users: fewer than the textfile's default top 20 together with `<>`.
SENDER_DOMAINS = ("example.com", "shop.example", "news.example.org", "Lists.Example.NET",
                  "partner-mail.example")
SASL_USERS = ("anna@example.com", "bert@example.com", "chloe@shop.example", "dmitri",
              "eva.lang@partner-mail.example", "farid@lists.example.net")

_SENDER = re.compile(rb"(from=<)([^>]*)(>)")
_LOGIN = re.compile(rb"(: client=[^,\n]*, sasl_method=[^,\n]*, sasl_username=)([^,\n]*)")


def _pick(choices, name):
    """One of `choices` for `name`, the same every time (not Python's salted hash)."""
    return choices[zlib.crc32(name) % len(choices)]


def fold_senders(lines):
    """`lines` with each envelope sender's domain (`from=<...>`) replaced by one of
    `SENDER_DOMAINS` (the local part kept; `<>` and an address without a domain left alone)
    and each smtpd `client=` login by one of `SASL_USERS`, both chosen by the original name,
    so a message keeps one sender. The SASL failures keep their names: they are no message."""

    def sender(match):
        address = match.group(2)
        local, at, domain = address.rpartition(b"@")
        if not at or not domain:
            return match.group(0)
        folded = _pick(SENDER_DOMAINS, address).encode()
        return match.group(1) + local + b"@" + folded + match.group(3)

    def login(match):
        return match.group(1) + _pick(SASL_USERS, match.group(2)).encode()

    out = []
    for line in lines:
        if b"from=<" in line:
            line = _SENDER.sub(sender, line)
        if b": client=" in line and b"sasl_username=" in line:
            line = _LOGIN.sub(login, line, count=1)
        out.append(line)
    return out


_REPLIES = [
    ("sent", "2.0.0", "250 2.0.0 OK 1795737600 x12si4431 - gsmtp"),
    ("sent", "2.6.0", "250 2.6.0 <{mid}> [InternalId=6871] Queued mail for delivery"),
    ("deferred", "4.2.0", "host {mx}[{ip}] said: 450 4.2.0 <{rcpt}>: Recipient address "
     "rejected: Greylisted, see http://postgrey.schweikert.ch/help/{domain}.html "
     "(in reply to RCPT TO command)"),
    ("deferred", "4.4.1", "connect to {mx}[{ip}]:25: Connection timed out"),
    ("deferred", "4.7.0", "host {mx}[{ip}] said: 421 4.7.0 [TSS04] Messages from {ours} "
     "temporarily deferred due to unexpected volume or user complaints (in reply to MAIL "
     "FROM command)"),
    ("bounced", "5.1.1", "host {mx}[{ip}] said: 550-5.1.1 The email account that you tried "
     "to reach does not exist. Please try double-checking the recipient's email address for "
     "typos or unnecessary spaces. NoSuchUser (in reply to RCPT TO command)"),
    ("bounced", "5.7.1", "host {mx}[{ip}] said: 554 5.7.1 Service unavailable; Client host "
     "[{ours}] blocked using zen.spamhaus.org (in reply to RCPT TO command)"),
    ("bounced", "5.2.2", "host {mx}[{ip}] said: 552 5.2.2 <{rcpt}>: Mailbox full (in reply "
     "to RCPT TO command)"),
]
_WEIGHTS = (40, 30, 5, 6, 3, 6, 4, 3)
_USERS = ["anna", "bert", "chloe", "dmitri", "eva", "farid", "grace", "hugo", "ines", "jonas"]
_OURS = "203.0.113.10"


class _BuiltIn:
    def __init__(self, seed, domains):
        self.random = random.Random(seed)
        self.domains = [f"mail{n}.example" for n in range(domains)]
        self.second = 0
        self.queue = 0x1A2B3C

    def stamp(self):
        self.second += self.random.choice((0, 0, 1))
        hours, rest = divmod(self.second % 86400, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"Nov 26 {hours:02d}:{minutes:02d}:{seconds:02d} mx1"

    def lines(self, count):
        produced = 0
        while True:
            for text in self.message():
                yield (f"{self.stamp()} {text}\n").encode()
                produced += 1
                if produced == count:
                    return

    def message(self):
        pick = self.random.random()
        pid = self.random.randint(1000, 9999)
        client = f"198.51.100.{self.random.randint(1, 254)}"
        if pick < 0.15:
            yield f"postfix/postscreen[{pid}]: CONNECT from [{client}]:{pid + 30000} to [{_OURS}]:25"
            yield f"postfix/smtpd[{pid}]: NOQUEUE: reject: RCPT from unknown[{client}]: 550 " \
                f"5.1.1 <nobody@bouncewatch.test>: Recipient address rejected: User unknown " \
                f"in virtual mailbox table; from=<x@spam.example> to=<nobody@bouncewatch.test> " \
                f"proto=ESMTP helo=<spam.example>"
            return
        if pick < 0.25:
            yield f"postfix/smtpd[{pid}]: warning: unknown[{client}]: SASL LOGIN " \
                f"authentication failed: UGFzc3dvcmQ6, sasl_username=admin"
            yield f"postfix/smtpd[{pid}]: disconnect from unknown[{client}] ehlo=1 auth=0/1 " \
                f"commands=1/2"
            return
        self.queue += self.random.randint(1, 4097)
        queue = f"{self.queue:010X}"
        sender = f"{self.random.choice(_USERS)}@bouncewatch.test"
        if self.random.random() < 0.4:
            yield f"postfix/submission/smtpd[{pid}]: {queue}: client=unknown[{client}], " \
                f"sasl_method=PLAIN, sasl_username={sender}"
        else:
            yield f"postfix/pickup[{pid}]: {queue}: uid=1000 from=<{sender}>"
        yield f"postfix/cleanup[{pid + 1}]: {queue}: message-id=<{queue}@mx1.bouncewatch.test>"
        size = self.random.randint(900, 90000)
        yield f"postfix/qmgr[900]: {queue}: from=<{sender}>, size={size}, nrcpt=1 (queue active)"
        domain = self.domains[min(int(self.random.paretovariate(1.1)) - 1, len(self.domains) - 1)]
        rcpt = f"{self.random.choice(_USERS)}@{domain}"
        mx = f"mx.{domain}"
        ip = f"192.0.2.{self.random.randint(1, 254)}"
        if self.random.random() < 0.01:
            status = "expired"
            yield f"postfix/qmgr[900]: {queue}: from=<{sender}>, status=expired, returned " \
                f"to sender"
        else:
            status, dsn, reply = self.random.choices(_REPLIES, weights=_WEIGHTS)[0]
            text = reply.format(mid=f"{queue}@mx1", mx=mx, ip=ip, rcpt=rcpt, domain=domain,
                                ours=_OURS)
            yield f"postfix/smtp[{pid + 2}]: {queue}: to=<{rcpt}>, relay={mx}[{ip}]:25, " \
                f"delay=1.4, delays=0.1/0.01/0.6/0.7, dsn={dsn}, status={status} ({text})"
        if status in ("bounced", "expired"):
            yield from self.notification(queue, sender, pid)
        yield f"postfix/qmgr[900]: {queue}: removed"

    def notification(self, queue, sender, pid):
        """The bounce message back to `sender`: a message of its own from the null sender."""
        self.queue += self.random.randint(1, 4097)
        notice = f"{self.queue:010X}"
        yield f"postfix/cleanup[{pid + 1}]: {notice}: message-id=<{notice}@mx1.bouncewatch.test>"
        yield f"postfix/bounce[{pid + 3}]: {queue}: sender non-delivery notification: {notice}"
        yield f"postfix/qmgr[900]: {notice}: from=<>, size={self.random.randint(2500, 9000)}, " \
            f"nrcpt=1 (queue active)"
        yield f"postfix/local[{pid + 4}]: {notice}: to=<{sender}>, relay=local, delay=0.01, " \
            f"delays=0/0/0/0, dsn=2.0.0, status=sent (delivered to mailbox)"
        yield f"postfix/qmgr[900]: {notice}: removed"
