import Testing

@testable import BounceCore

/// Evidence is weighed, not overridden (docs/classification.md, "How evidence is weighed"):
/// words inside URLs are not evidence unless a provider carries its code there, explicit text
/// beats the SMTP stage and the class-only codes, and the stage decides only when the text says
/// nothing.
let weighingCases: [ReplyCase] = [
    // NetEase links help_spam_16.htm from every reply: its own code decides, not the link.
    ReplyCase(
        reply: "451 RP:QRC Too many mails to the recipient in a short time "
            + "http://mail.163.com/help/help_spam_16.htm?ip=198.51.100.7&hostid=mx12&time=17",
        cause: .rateLimited, rule: "netease.rate", status: .deferred),
    ReplyCase(
        reply: "550 MI:SPF SPF check of the sender domain failed "
            + "http://mail.163.com/help/help_spam_16.htm?ip=198.51.100.7",
        cause: .senderAuthentication, rule: "netease.authentication", stage: .mailFrom),
    ReplyCase(
        reply: "553 RP:FRL Open relay is not allowed "
            + "http://mail.163.com/help/help_spam_16.htm?ip=198.51.100.7",
        cause: .relayDenied, rule: "netease.relay"),
    ReplyCase(
        reply: "421 HL:MEP Forged sender domains seen from this IP "
            + "http://mail.163.com/help/help_spam_16.htm?ip=198.51.100.7",
        cause: .reputation, rule: "netease.reputation", stage: .mailFrom, status: .deferred),
    // A link alone says nothing: the reply code decides, and says it is a guess.
    ReplyCase(
        reply: "451 Try again later http://mail.example.net/help/help_spam_16.htm",
        cause: .remoteError, rule: "reply.4xx", status: .deferred),
    ReplyCase(
        reply: "554 See https://help.example.net/spam-policy/blacklisted-virus.html",
        cause: .policy, rule: "reply.5xx", stage: .endOfData),
    // ... except a code the provider documents as carried in its link.
    ReplyCase(
        reply:
            "550 Mail content denied. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022"
            + "&&no=1000726", cause: .spam, rule: "qq.content-denied", stage: .endOfData),
    ReplyCase(
        reply: "554 For explanation visit https://postmaster.web.de/en/case?c=rdns&i=ip&v=1",
        cause: .reverseDNS, rule: "gmx.case-rdns", stage: .connect),
    ReplyCase(
        reply: "554 Rejected, see https://www.spamhaus.org/query/ip/198.51.100.7",
        cause: .blacklisted, rule: "spamhaus.dnsbl"),
    // Explicit text beats the stage.
    ReplyCase(
        reply: "550 User unknown", cause: .recipientUnknown, rule: "recipient.explicit",
        stage: .mailFrom),
    ReplyCase(
        reply: "550 Rejected", cause: .policy, rule: "reply.refused", stage: .rcptTo),
    ReplyCase(
        reply: "550 Access denied - Invalid HELO name", cause: .policy, rule: "policy.phrase"),
    // Explicit text beats the class-only codes x.0.0 and 5.5.0.
    ReplyCase(
        reply: "550 5.5.0 Requested action not taken: mailbox unavailable",
        cause: .recipientUnknown, rule: "recipient.phrase"),
    ReplyCase(
        reply: "550 5.5.0 Rejected", cause: .policy, rule: "reply.refused", stage: .rcptTo),
    ReplyCase(
        reply: "550 5.5.0 <someone@example.net>", cause: .recipientUnknown,
        rule: "reply.550.rcpt", stage: .rcptTo),
    ReplyCase(
        reply: "450 4.1.1 <a@b.example>: Recipient address rejected: too many messages per "
            + "connection", cause: .rateLimited, rule: "rate.phrase", status: .deferred),
    ReplyCase(
        reply: "550 5.0.0 Mailbox is full", cause: .mailboxFull, rule: "quota.phrase"),
    // 5.5.0 with a protocol reply code stays a protocol error, by the reply code.
    ReplyCase(
        reply: "500 5.5.0 Huh?", cause: .protocolError, rule: "reply.5xx.syntax",
        stage: .mailFrom),
    // Providers' meanings of standard codes.
    ReplyCase(
        reply: "550 5.1.10 RESOLVER.ADR.RecipientNotFound; not found by SMTP address lookup",
        cause: .recipientUnknown, rule: "microsoft.5.1.10"),
    ReplyCase(
        reply: "556 5.1.10 <a@b.example>: Recipient address rejected: Domain b.example does not "
            + "accept mail (nullMX)", cause: .domainNotFound, rule: "domain.phrase"),
    ReplyCase(
        reply: "550 5.7.28 Flood of mail detected from your IP", cause: .reputation,
        rule: "esc.x.7.28", stage: .mailFrom),
]

@Test(arguments: weighingCases)
func evidenceIsWeighed(_ test: ReplyCase) {
    let result = ReplyEvent.classify(
        test.reply, mta: test.mta, status: test.status, stage: test.stage, dsn: test.dsn,
        remote: test.remote)
    #expect(result.classification.cause == test.cause)
    #expect(result.classification.ruleID == test.rule)
}

@Test func wordsInsideAURLAreNotEvidence() {
    let matcher = PhraseMatcher(phrases: ["spam", "no=1000726", "virus"])
    func found(_ text: String) -> [Int] {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { matcher.matches(in: UnsafeBufferPointer($0)) }
            .members
    }
    #expect(found("see http://mail.163.com/help/help_spam_16.htm now") == [])
    #expect(found("see https://x.example/spam virus") == [2], "the URL ends at the space")
    #expect(found("spam http://x.example/") == [0], "words before the URL count")
    #expect(found("https://q.example/help?no=1000726") == [1], "URL pieces count in a URL")
    #expect(found("http://x.example/spam\\nspam") == [0], "Exim's \\n ends the URL")
    #expect(found("<http://x.example/virus>virus") == [2], "an angle bracket ends the URL")
}

@Test func anUnclassifiedEventNamesItsNearestRules() {
    let unclassified = ReplyEvent.classify(
        "invalid domain for this server", stage: .mailFrom, remote: false)
    #expect(unclassified.classification.cause == .unclassified)
    let nearest = unclassified.explanation.nearMisses
    #expect(nearest.first?.ruleID == "domain.phrase")
    #expect(nearest.first?.why.contains("stage mail_from is not") == true)
    #expect(nearest.count <= Classifier.nearMissLimit)

    let decided = ReplyEvent.classify("550 5.1.1 User unknown")
    #expect(decided.classification.cause == .recipientUnknown)
    #expect(decided.explanation.nearMisses.isEmpty, "only an unclassified event has near misses")
}
