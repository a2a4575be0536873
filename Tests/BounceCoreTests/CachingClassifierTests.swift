import Testing

@testable import BounceCore

/// `CachingClassifier` remembers verdicts; whatever it remembers, every verdict must be the one
/// `Classifier.classify` gives, field for field.
@Suite struct CachingClassifierTests {
    /// Every failure line of the fixtures, with its recipient domain also moved to the rules'
    /// destination domains (and near misses of them), and shifted right in the line so that a
    /// remembered listed IP must move with its reply.
    static func lines() -> [String] {
        let fixtures = ["causes.fixture", "postfix.fixture", "exim.fixture"]
            .flatMap { FixtureFile.load($0) }.map(\.line)
        var lines: [String] = []
        for line in fixtures {
            lines.append(line)
            // The same line on a longer host name: the reply sits further right.
            if line.hasPrefix("Nov ") {
                lines.append(line.replacingFirst(" mx1 ", with: " mx1.relay.example.net "))
            }
            for domain in ["qq.com", "MX.QQ.COM", "xqq.com", "docomo.ne.jp", "i.softbank.jp"] {
                guard let at = line.firstIndex(of: "@") else { continue }
                let rest = line[line.index(after: at)...]
                guard let end = rest.firstIndex(where: { $0 == ">" || $0 == " " || $0 == "," })
                else { continue }
                lines.append(String(line[...at]) + domain + String(rest[end...]))
            }
        }
        return lines
    }

    @Test func answersAsTheClassifierDoesWhateverItRemembers() {
        let classifier = Classifier.standard
        var cache = CachingClassifier(classifier)
        let lines = Self.lines()
        var compared = 0
        var listedIPHits = 0
        // Three passes: first sight, hits, and ways taken by other replies in between.
        for pass in 0..<3 {
            for offset in lines.indices {
                let line = pass == 1 ? lines[(offset * 7919) % lines.count] : lines[offset]
                Self.forEachFailure(line) { event, buffer in
                    let hitsBefore = cache.hits
                    let cached = cache.classify(event, in: buffer)
                    let fresh = classifier.classify(event, in: buffer)
                    Self.expectSame(cached, fresh, line)
                    if cache.hits > hitsBefore, !fresh.listedIP.isEmpty { listedIPHits += 1 }
                    compared += 1
                }
            }
        }
        #expect(compared > 3000)
        #expect(cache.hits > compared / 3, "the cache answered \(cache.hits) of \(compared)")
        #expect(cache.misses > lines.count / 2)
        #expect(listedIPHits > 0, "a remembered verdict with a listed IP was replayed")
    }

    /// Each field the verdict depends on besides the reply is part of the key: the same line
    /// with one field changed is classified afresh, not answered with the first verdict.
    @Test func everyInputOfTheVerdictIsInTheKey() {
        let classifier = Classifier.standard
        let variants: [(String, (inout RawEvent) -> Void)] = [
            ("status", { $0.status = $0.status == .bounced ? .deferred : .bounced }),
            ("kind", { $0.kind = $0.kind == .delivery ? .reject : .delivery }),
            ("mta", { $0.mta = $0.mta == .postfix ? .exim : .postfix }),
            ("stage", { $0.stage = $0.stage == .rcptTo ? .data : .rcptTo }),
            ("reply code", { $0.replyCode = $0.replyCode == 550 ? 421 : 550 }),
            ("reply dsn", { $0.replyDSN = EnhancedStatusCode(5, 1, 1) }),
            ("mta dsn", { $0.mtaDSN = EnhancedStatusCode(4, 7, 1) }),
        ]
        let lines = FixtureFile.load("causes.fixture").map(\.line)
        for (name, change) in variants {
            var cache = CachingClassifier(classifier)
            var differing = 0
            for line in lines {
                Self.forEachFailure(line) { event, buffer in
                    var changed = event
                    change(&changed)
                    // The original first, so that a key without the field would replay it.
                    Self.expectSame(
                        cache.classify(event, in: buffer), classifier.classify(event, in: buffer),
                        line)
                    let fresh = classifier.classify(changed, in: buffer)
                    Self.expectSame(cache.classify(changed, in: buffer), fresh, "\(name): \(line)")
                    let original = classifier.classify(event, in: buffer)
                    if original.ruleID != fresh.ruleID || original.temporary != fresh.temporary {
                        differing += 1
                    }
                }
            }
            // The check could fail: changing the field changes some verdicts.
            #expect(differing > 0, "changing the \(name) changed no verdict")
        }
    }

    @Test func aDestinationRuleSeesTheDomainThroughTheCache() {
        let reply = "550 5.1.1 <user@example.net>: Recipient address rejected: User unknown"
        let lines = ["user@docomo.ne.jp", "user@example.net", "user@mail.docomo.ne.jp"].map {
            SampleLine.postfix(
                $0, relay: "mfsmax.docomo.ne.jp[203.138.181.240]:25", dsn: "5.0.0", said: reply)
        }
        var cache = CachingClassifier(.standard)
        for _ in 0..<2 {
            for line in lines {
                Self.forEachFailure(line) { event, buffer in
                    Self.expectSame(
                        cache.classify(event, in: buffer),
                        Classifier.standard.classify(event, in: buffer), line)
                }
            }
        }
        // The first and third domains match the same destination: one key.
        #expect(cache.hits == 4)
    }

    /// A SASL failure names a different user (and client) on every line; the event decides it
    /// whatever the reply says, so it is answered without a lookup, never a miss per user, and
    /// with the verdict `classify` gives. A delivery failure still goes through the memory.
    @Test func anEventDecidedByItsFieldsNeedsNoLookup() {
        var lines: [String] = []
        for user in 0..<40 {
            lines.append(
                "2026-11-26 05:12:40 dovecot_plain authenticator failed for (laptop\(user)) "
                    + "[192.0.2.\(user + 1)]: 535 Incorrect authentication data "
                    + "(set_id=user\(user)@example.net)")
            lines.append(
                "Nov 26 10:14:03 mx1 postfix/smtpd[4300]: warning: unknown[203.0.113.\(user + 1)]: "
                    + "SASL LOGIN authentication failed: authentication failure, "
                    + "sasl_username=user\(user)@example.org")
        }
        lines.append(
            "Nov 26 10:14:03 mx1 postfix/qmgr[812]: 1912951C8EE: from=<alerts@example.org>, "
                + "status=expired, returned to sender")
        var cache = CachingClassifier(.standard)
        var compared = 0
        for line in lines {
            Self.forEachFailure(line) { event, buffer in
                let cached = cache.classify(event, in: buffer)
                Self.expectSame(cached, Classifier.standard.classify(event, in: buffer), line)
                compared += 1
            }
        }
        #expect(compared == lines.count)
        #expect(cache.eventDecided == lines.count)
        #expect(cache.misses == 0)
        #expect(cache.hits == 0)
        let delivery = SampleLine.postfix(
            "user@example.net", relay: "mx.example.net[192.0.2.1]:25", dsn: "5.1.1",
            said: "550 5.1.1 User unknown")
        Self.forEachFailure(delivery) { event, buffer in _ = cache.classify(event, in: buffer) }
        #expect(cache.misses == 1)
        #expect(cache.eventDecided == lines.count)
    }

    /// Replies that say the same with a per-line value inside (a recipient address, the
    /// client's IP, which is also the listed IP and moves with its length): an address misses
    /// the verdict memory and the rule that decided is taken from `RuleDecisions`; an IP is
    /// left out of the key, and the listed IP read from the line. Every verdict is the one
    /// `classify` gives.
    @Test func aReplyThatSaysTheSameAgainIsDecidedFromMemory() {
        var lines: [String] = []
        for number in 0..<60 {
            let ip = "198.\(18 + number % 2).\(number * 3).\(number + 1)"
            lines.append(
                SampleLine.postfixReject(
                    reply: "550 5.1.1 <user\(number)@example.org>: Recipient address rejected: "
                        + "User unknown in virtual mailbox table"))
            lines.append(
                "2026-11-26 00:00:35 H=(helo\(number)) [\(ip)] F=<a@example.net> rejected RCPT "
                    + "<w@example.com>: \(ip) is listed at zen.spamhaus.org (127.0.0.4: "
                    + "https://www.spamhaus.org/query/ip/\(ip))")
            lines.append(
                SampleLine.postfixReject(
                    client: "unknown[\(ip)]",
                    reply: "554 5.7.1 Service unavailable; Client host [\(ip)] blocked using "
                        + "bl.spamcop.net"))
        }
        var cache = CachingClassifier(.standard)
        var listed = 0
        for line in lines {
            Self.forEachFailure(line) { event, buffer in
                let fresh = Classifier.standard.classify(event, in: buffer)
                Self.expectSame(cache.classify(event, in: buffer), fresh, line)
                if !fresh.listedIP.isEmpty { listed += 1 }
            }
        }
        // The recipient address is kept in the key; the client's IP is left out of it
        // (`ReplyAddressMask`), so the block-list replies miss once each.
        #expect(cache.misses == 60 + 2)
        #expect(cache.decisionHits == 60 - 1, "one decision per kind of reply")
        #expect(cache.maskedHits == 2 * 60 - 2)
        #expect(listed >= 100)
    }

    /// Gmail's and Outlook's replies end in a value of their own (a session id, a server and a
    /// time): each misses the verdict memory, and its phrase scan resumes near the end
    /// (`PhraseScanMemory`). Every verdict is the one `classify` gives.
    @Test func aReplyWithItsOwnEndingResumesItsPhraseScan() {
        var lines: [String] = []
        for number in 0..<40 {
            lines.append(
                SampleLine.exim(
                    "user\(number)@gmail.com", host: "gmail-smtp-in.l.google.com [142.251.1.2]",
                    after: "end of data",
                    reply: "550-5.7.1 [203.0.113.10      12] Gmail has detected that this message "
                        + "is likely\\n550-5.7.1 unsolicited mail. To reduce the amount of spam "
                        + "sent to Gmail,\\n550-5.7.1 this message has been blocked. For more "
                        + "information, go to\\n550 5.7.1  https://support.google.com/mail/"
                        + "?p=UnsolicitedMessageError d7246e9b5eed5-\(number * 7919)"
                        + "si39630.395 - gsmtp"
                ))
            lines.append(
                SampleLine.exim(
                    "info\(number)@live.com",
                    host: "live-com.olc.protection.outlook.com [52.101.1.2]",
                    reply: "550 5.7.1 Unfortunately, messages from [203.0.113.10] weren't sent. "
                        + "Please contact your Internet service provider since part of their "
                        + "network is on our block list (S3150). [SN5PR07MB\(9000 + number)."
                        + "eurprd04.prod.outlook.com 2026-11-26T00:00:\(10 + number).029Z]"))
        }
        var cache = CachingClassifier(.standard)
        for line in lines {
            Self.forEachFailure(line) { event, buffer in
                Self.expectSame(
                    cache.classify(event, in: buffer),
                    Classifier.standard.classify(event, in: buffer), line)
            }
        }
        #expect(cache.misses == lines.count)
        #expect(cache.resumedScans == lines.count - 2)
    }

    @Test func aReplyLongerThanTheKeyLimitIsClassifiedEachTime() {
        let reply = "550 5.7.1 Message rejected as spam " + String(repeating: "x", count: 900)
        let line = SampleLine.postfix(
            "user@example.net", relay: "mx.example.net[192.0.2.1]:25", dsn: "5.7.1", said: reply)
        var cache = CachingClassifier(.standard)
        for _ in 0..<3 {
            Self.forEachFailure(line) { event, buffer in
                Self.expectSame(
                    cache.classify(event, in: buffer),
                    Classifier.standard.classify(event, in: buffer), line)
            }
        }
        #expect(cache.hits == 0)
        #expect(cache.misses == 0)
    }

    static func forEachFailure(
        _ line: String, _ body: (RawEvent, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        let bytes = Array(line.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var event = RawEvent.unparsed()
            guard LineParser(format: .auto).parse(buffer, into: &event) == .event,
                !event.isSuccessfulDelivery
            else { return }
            body(event, buffer)
        }
    }

    static func expectSame(_ cached: Classification, _ fresh: Classification, _ line: String) {
        #expect(cached.cause == fresh.cause, "\(line)")
        #expect(cached.ruleID == fresh.ruleID, "\(line)")
        #expect(cached.tier == fresh.tier, "\(line)")
        #expect(cached.blocklist == fresh.blocklist, "\(line)")
        #expect(cached.listedIP == fresh.listedIP, "\(line)")
        #expect(cached.temporary == fresh.temporary, "\(line)")
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        let parts = split(separator: target, maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 2 ? parts[0] + replacement + parts[1] : self
    }
}
