import Testing

@testable import BounceCore

/// One reply and the cause (and deciding rule) it must get.
struct ReplyCase: Sendable, CustomTestStringConvertible {
    var reply: String
    var cause: Cause
    var rule: String
    var mta: MTA = .postfix
    var stage: SMTPStage = .rcptTo
    var status: DeliveryStatus = .bounced
    var dsn: String? = nil
    var remote = true

    var testDescription: String { "\(cause.identifier): \(reply.prefix(60))" }
}

// Replies written from providers' published wording, not taken from the rule samples.
let replyCases: [ReplyCase] = [
    // Block lists: a list name wins even in a 4xx "try again later".
    ReplyCase(
        reply: "451 4.7.1 Service unavailable - try again later; client [198.51.100.7] listed "
            + "in zen.spamhaus.org", cause: .blacklisted, rule: "spamhaus.dnsbl",
        status: .deferred),
    ReplyCase(
        reply: "550 5.7.1 Mail from IP 198.51.100.7 was rejected due to listing in Spamhaus SBL. "
            + "For details please see http://www.spamhaus.org/query/bl?ip=198.51.100.7",
        cause: .blacklisted, rule: "spamhaus.dnsbl"),
    ReplyCase(
        reply: "rejected because 198.51.100.7 is in a black list at dnsbl.sorbs.net",
        cause: .blacklisted,
        rule: "dnsbl.named", mta: .exim),
    ReplyCase(
        reply: "554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using "
            + "dnsbl-1.uceprotect.net; IP listed in UCEPROTECT-Level 1",
        cause: .blacklisted, rule: "dnsbl.named"),
    ReplyCase(
        reply: "550 5.7.1 Service unavailable, Client host [198.51.100.7] blocked using "
            + "Spamhaus. To request removal from this list see "
            + "https://www.spamhaus.org/query/ip/198.51.100.7 (AS3130)",
        cause: .blacklisted, rule: "spamhaus.dnsbl"),
    ReplyCase(
        reply: "550 5.7.1 Unfortunately, messages from [198.51.100.7] weren't sent. Please contact "
            + "your Internet service provider since part of their network is on our block list "
            + "(S3150).", cause: .blacklisted, rule: "microsoft.s3150"),
    ReplyCase(
        reply: "553 5.7.1 [BL21] Connections will not be accepted from 198.51.100.7, because the "
            + "ip is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes",
        cause: .blacklisted, rule: "yahoo.bl21", stage: .mailFrom),
    ReplyCase(
        reply: "554 5.7.1 Your IP 198.51.100.7 is blacklisted. Contact postmaster.",
        cause: .blacklisted, rule: "dnsbl.generic"),
    // Greylisting never matches list texts, and list rules never match greylisting.
    ReplyCase(
        reply: "450 4.2.0 <x@y.example>: Recipient address rejected: Greylisted, see "
            + "http://postgrey.schweikert.ch/help/y.example.html",
        cause: .greylisted, rule: "greylist.phrase", status: .deferred),
    ReplyCase(
        reply: "451 4.7.1 Greylisted by sqlgrey-1.8.0, please try again in 5 minutes",
        cause: .greylisted, rule: "greylist.phrase", status: .deferred),
    ReplyCase(
        reply: "451 Grey listing in action, please come back later", cause: .greylisted,
        rule: "greylist.phrase", mta: .exim, status: .deferred),
    // Reputation versus spam at Gmail.
    ReplyCase(
        reply: "421-4.7.28 [198.51.100.7] Our system has detected an unusual rate of unsolicited "
            + "mail originating from your IP address. - gsmtp", cause: .reputation,
        rule: "gmail.4.7.28", stage: .endOfData, status: .deferred),
    ReplyCase(
        reply: "550-5.7.1 [198.51.100.7] Our system has detected that this message is likely "
            + "unsolicited mail. To reduce the amount of spam sent to Gmail, this message has "
            + "been blocked. - gsmtp", cause: .spam, rule: "gmail.5.7.1.unsolicited",
        stage: .endOfData),
    ReplyCase(
        reply: "421 4.7.0 [TSS04] Messages from 198.51.100.7 temporarily deferred due to "
            + "unexpected volume or user complaints - 4.16.55.1", cause: .reputation,
        rule: "yahoo.tss04", status: .deferred),
    ReplyCase(
        reply: "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.",
        cause: .reputation, rule: "microsoft.5.7.708", stage: .mailFrom),
    // Microsoft.
    ReplyCase(
        reply: "550 5.4.1 Recipient address rejected: Access denied. For more information see "
            + "https://aka.ms/EXOSmtpErrors", cause: .recipientUnknown, rule: "microsoft.dbeb"),
    ReplyCase(
        reply: "451 4.7.500 Server busy. Please try again later from [198.51.100.7]. (S77714)",
        cause: .rateLimited, rule: "microsoft.4.7.500", status: .deferred),
    ReplyCase(
        reply: "550 5.7.509 Access denied, sending domain example.org does not pass DMARC "
            + "verification and has a DMARC policy of reject.", cause: .senderAuthentication,
        rule: "auth.dmarc", stage: .endOfData),
    ReplyCase(
        reply: "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address "
            + "lookup", cause: .recipientUnknown, rule: "microsoft.5.1.10"),
    ReplyCase(
        reply: "554 5.2.0 STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoff"
            + "QuotaExceeded", cause: .mailboxFull, rule: "quota.phrase"),
    // Gmail, Yahoo, iCloud, mail.ru, Yandex, GMX, Comcast, Orange, Mimecast.
    ReplyCase(
        reply: "552-5.2.2 The email account that you tried to reach is over quota. - gsmtp",
        cause: .mailboxFull, rule: "quota.phrase"),
    ReplyCase(
        reply: "550-5.2.1 The email account that you tried to reach is disabled. - gsmtp",
        cause: .mailboxDisabled, rule: "disabled.phrase"),
    ReplyCase(
        reply: "550 5.7.26 Unauthenticated email from example.org is not accepted due to "
            + "domain's DMARC policy. - gsmtp", cause: .senderAuthentication, rule: "auth.dmarc",
        stage: .endOfData),
    ReplyCase(
        reply: "552 1 Requested mail action aborted, mailbox not found", cause: .recipientUnknown,
        rule: "recipient.phrase", mta: .exim),
    ReplyCase(
        reply: "552 5.2.2 <kim@icloud.com>: user is over quota", cause: .mailboxFull,
        rule: "quota.phrase"),
    ReplyCase(
        reply: "550 Message was not accepted -- invalid mailbox.  Local mailbox ivan@mail.ru is "
            + "unavailable: user not found", cause: .recipientUnknown, rule: "recipient.phrase"),
    ReplyCase(
        reply: "550 5.7.1 No such user!", cause: .recipientUnknown, rule: "recipient.phrase",
        mta: .exim),
    ReplyCase(
        reply: "550 Requested action not taken: mailbox unavailable", cause: .recipientUnknown,
        rule: "recipient.phrase"),
    ReplyCase(
        reply: "550 5.1.1 <old@comcast.net> Not our Customer", cause: .recipientUnknown,
        rule: "comcast.not-our-customer"),
    ReplyCase(
        reply: "421 mwinf5c79 ME Trop de connexions, veuillez verifier votre configuration. Too "
            + "many connections, slow down. OFR005_104 [104]", cause: .rateLimited,
        rule: "rate.phrase", status: .deferred, remote: true),
    ReplyCase(
        reply: "550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550",
        cause: .recipientUnknown, rule: "recipient.phrase"),
    // Generic wordings.
    ReplyCase(
        reply: "550 5.1.1 <x@y.example>: Recipient address rejected: User unknown in virtual "
            + "mailbox table", cause: .recipientUnknown, rule: "recipient.phrase"),
    ReplyCase(
        reply: "554 5.7.1 <x@y.example>: Relay access denied", cause: .relayDenied,
        rule: "relay.phrase"),
    ReplyCase(
        reply: "550 relay not permitted", cause: .relayDenied, rule: "relay.phrase", mta: .exim),
    ReplyCase(
        reply: "552 5.3.4 Message size exceeds fixed limit", cause: .messageTooLarge,
        rule: "size.phrase", stage: .endOfData),
    ReplyCase(
        reply: "550 5.7.0 Virus found: Win.Trojan.Agent-1234 (INFECTED)", cause: .contentRejected,
        rule: "content.phrase", stage: .endOfData),
    ReplyCase(
        reply: "450 4.7.1 Client host rejected: cannot find your hostname, [198.51.100.7]",
        cause: .reverseDNS, rule: "rdns.phrase", status: .deferred),
    ReplyCase(
        reply: "530 5.7.0 Must issue a STARTTLS command first", cause: .tls, rule: "tls.phrase",
        stage: .mailFrom),
    ReplyCase(
        reply: "550 5.7.1 Sender address rejected: not owned by user x@y.example",
        cause: .policy, rule: "policy.sender", stage: .rcptTo),
    ReplyCase(
        reply: "500 5.5.1 Command unrecognized: \"XYZ\"", cause: .protocolError,
        rule: "protocol.phrase", stage: .mailFrom),
    ReplyCase(
        reply: "451 4.3.0 Temporary local problem - please try later", cause: .remoteError,
        rule: "remote.phrase", stage: .endOfData, status: .deferred),
    ReplyCase(
        reply: "Rejected: hits=7.5 required=5.0 trigger=5.0", cause: .spam, rule: "spam.phrase",
        mta: .exim, stage: .endOfData, remote: false),
    ReplyCase(
        reply: "421 4.3.2 All server ports are busy", cause: .remoteError, rule: "remote.phrase",
        stage: .connect, status: .rejected),
    ReplyCase(
        reply: "SIZE value too big", cause: .messageTooLarge, rule: "size.phrase", mta: .exim,
        stage: .mailFrom, status: .rejected, remote: false),
    // Enhanced codes alone, from the reply and from dsn=.
    ReplyCase(reply: "550 5.1.1 Bad mailbox", cause: .recipientUnknown, rule: "esc.x.1.1"),
    ReplyCase(
        reply: "452 4.2.2 Insufficient space", cause: .mailboxFull, rule: "esc.x.2.2",
        status: .deferred),
    ReplyCase(
        reply: "550 Go away", cause: .mailboxDisabled, rule: "esc.x.2.1", stage: .data,
        dsn: "5.2.1"),
    ReplyCase(
        reply: "554 5.7.1 Go away", cause: .policy, rule: "esc.x.7.x", dsn: "5.1.1"),
    // Postfix's x.0.0 dsn carries no evidence: the reply code and stage decide.
    ReplyCase(
        reply: "550 Go away", cause: .recipientUnknown, rule: "reply.550.rcpt", dsn: "5.0.0"),
    ReplyCase(
        reply: "554 Go away", cause: .policy, rule: "reply.5xx", stage: .endOfData, dsn: "5.0.0"),
    ReplyCase(
        reply: "421 Go away", cause: .remoteError, rule: "reply.4xx", stage: .greeting,
        status: .deferred, dsn: "4.0.0"),
    // The MTAs' own wording.
    ReplyCase(
        reply: "defer (111): Connection refused", cause: .network,
        rule: "mta.connection-refused", mta: .exim, stage: .unknown, status: .deferred,
        remote: false),
    ReplyCase(
        reply: "connect to mx.y.example[192.0.2.1]:25: Connection timed out", cause: .network,
        rule: "esc.x.4.0", stage: .connect, status: .deferred, dsn: "4.4.1", remote: false),
    ReplyCase(
        reply: "Unrouteable address", cause: .domainNotFound, rule: "domain.phrase", mta: .exim,
        stage: .unknown, remote: false),
    ReplyCase(
        reply: "Host or domain name not found. Name service error for name=y.example type=MX: "
            + "Host not found, try again", cause: .domainNotFound, rule: "esc.x.4.3",
        stage: .unknown, status: .deferred, dsn: "4.4.3", remote: false),
    ReplyCase(
        reply: "Host or domain name not found. Name service error for name=y.example type=A: "
            + "Host not found", cause: .domainNotFound, rule: "mta.dns", stage: .unknown,
        dsn: "5.0.0", remote: false),
    ReplyCase(
        reply: "mailbox is full (MTA-imposed quota exceeded while writing to /var/mail/bob)",
        cause: .mailboxFull, rule: "quota.phrase", mta: .exim, stage: .unknown, remote: false),
    ReplyCase(
        reply: "Command died with status 75: \"/usr/bin/procmail\"", cause: .localDelivery,
        rule: "local.phrase", stage: .unknown, status: .deferred, dsn: "4.3.0", remote: false),
    // Postfix's "delivery temporarily suspended: <why>" classifies by <why>.
    ReplyCase(
        reply: "delivery temporarily suspended: host mta5.am0.yahoodns.net[67.195.204.73] "
            + "refused to talk to me: 421 4.7.0 [TSS04] Messages from 198.51.100.7 temporarily "
            + "deferred due to unexpected volume or user complaints", cause: .reputation,
        rule: "yahoo.tss04", stage: .unknown, status: .deferred, dsn: "4.7.0", remote: false),
    ReplyCase(
        reply: "delivery temporarily suspended: connect to mx.y.example[192.0.2.1]:25: "
            + "Connection refused", cause: .network, rule: "mta.connection-refused",
        stage: .unknown, status: .deferred, dsn: "4.0.0", remote: false),
    ReplyCase(
        reply: "delivery temporarily suspended: host mx.y.example[192.0.2.1] said: 554 Go away",
        cause: .policy, rule: "reply.5xx", stage: .unknown, status: .deferred, dsn: "4.0.0",
        remote: false),
]

@Test(arguments: replyCases)
func replyIsClassified(_ test: ReplyCase) {
    let result = ReplyEvent.classify(
        test.reply, mta: test.mta, status: test.status, stage: test.stage, dsn: test.dsn,
        remote: test.remote)
    #expect(result.classification.cause == test.cause)
    #expect(result.classification.ruleID == test.rule)
}

@Test func expiredStatusWinsOverText() {
    let result = ReplyEvent.classify("550 5.1.1 User unknown", status: .expired)
    #expect(result.classification.cause == .expired)
    #expect(result.classification.ruleID == "status.expired")
}

@Test func authFailureKindWinsOverText() {
    let result = ReplyEvent.classify(
        "535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6", kind: .authFailure,
        status: .rejected)
    #expect(result.classification.cause == .authFailure)
    #expect(result.classification.ruleID == "event.auth-failure")
}

@Test func emptyOrUnknownTextIsUnclassified() {
    for text in ["", "something odd happened", "299 fine"] {
        let result = ReplyEvent.classify(text, stage: .unknown, remote: false)
        #expect(result.classification.cause == .unclassified, "\(text)")
        #expect(result.classification.ruleID == "none")
        #expect(result.classification.blocklist == nil)
    }
}

@Test func replyCodeInTextBeatsRewrittenDSN() {
    // The reply says 5.2.2; Postfix's dsn= says 5.1.1: the reply's code wins.
    let result = ReplyEvent.classify("552 5.2.2 Nope", dsn: "5.1.1")
    #expect(result.classification.cause == .mailboxFull)
}
