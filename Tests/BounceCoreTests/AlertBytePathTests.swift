import Testing

@testable import BounceCore

/// The engine counts most deliveries from the line's bytes (`AlertProbe`) and decodes only the
/// events some rule's `match` takes: both ways must reach the same groups, the same counts and
/// the same notices as counting every event decoded, whatever the case, length or encoding of
/// the values.
@Suite struct AlertBytePathTests {
    static let start: Int64 = 1_700_000_000

    /// Rules that group by every value the byte path reads, and one whose `match` lists need
    /// the decoded text.
    static let rules =
        AlertRule.defaults + [
            AlertRule(
                name: "host-and-destination", match: EventMatch(status: [.deferred]),
                ratioOf: EventMatch(status: [.sent, .deferred, .bounced]), threshold: 0.2,
                minEvents: 3, windowSeconds: 600, groupBy: [.host, .destination]),
            AlertRule(
                name: "by-provider-and-status", match: EventMatch(status: [.bounced]),
                ratioOf: EventMatch(status: [.sent, .bounced]), threshold: 0.1, minEvents: 2,
                windowSeconds: 600, groupBy: [.provider, .status, .mta, .kind]),
            AlertRule(
                name: "one-domain", match: EventMatch(status: [.deferred], destination: ["*.test"]),
                ratioOf: EventMatch(destination: ["*.test"]), threshold: 0.2, minEvents: 2,
                windowSeconds: 600, groupBy: [.destination]),
        ]

    static let googleRelay = "gmail-smtp-in.l.google.com[142.250.1.26]:25"

    static func line(_ host: String, _ recipient: String, relay: String, status: String) -> [UInt8]
    {
        let reply =
            switch status {
            case "sent": "250 2.0.0 OK 1700000000 a1si123456"
            case "bounced": "550 5.1.1 The email account that you tried to reach does not exist"
            default: "421 4.7.0 Try again later, closing connection"
            }
        return Array(
            "Nov 26 10:14:03 \(host) postfix/smtp[4242]: 4F2A11C0D3: to=<\(recipient)>, relay=\(relay), delay=1.4, delays=0.1/0/0.7/0.6, dsn=2.0.0, status=\(status) (\(reply))"
                .utf8)
    }

    /// Deliveries whose destination and host come in mixed case, longer than the engine keeps,
    /// in UTF-8 and in bytes that are not UTF-8, to providers and to plain domains.
    static var lines: [[UInt8]] {
        let long = String(repeating: "sub.", count: 70) + "example.org"
        let recipients = [
            "a@Example.ORG", "b@example.org", "c@x.test", "d@X.TEST", "e@\(long)",
            "f@\(long.uppercased())", "g@bücher.example", "h@BÜCHER.example", "i@gmail.com",
        ]
        var lines: [[UInt8]] = []
        for round in 0..<6 {
            for (index, recipient) in recipients.enumerated() {
                let host = index % 2 == 0 ? "MX1" : "mx1"
                let relay =
                    recipient.hasSuffix("gmail.com") ? googleRelay : "mx.example[192.0.2.1]:25"
                let status =
                    (round + index) % 3 == 0 ? "deferred" : (round == 4 ? "bounced" : "sent")
                lines.append(line(host, recipient, relay: relay, status: status))
            }
        }
        // A destination whose bytes are not UTF-8 (Latin-1 ü), sent and deferred.
        for status in ["sent", "deferred", "sent", "deferred"] {
            var bytes = line(
                "mx1", "j@b\u{7F}cher.example", relay: "mx.example[192.0.2.1]:25", status: status)
            bytes = bytes.map { $0 == 0x7F ? 0xFC : $0 }
            lines.append(bytes)
        }
        // Matching events the byte path counts too (SASL failures, deferrals in mixed case),
        // and bounces naming a block list and the listed address, which are decoded.
        for round in 0..<3 {
            lines.append(
                Array(
                    "Nov 26 10:14:03 MX1 postfix/smtpd[4243]: warning: unknown[198.51.100.84]: SASL LOGIN authentication failed: UGFzc3dvcmQ6"
                        .utf8))
            lines.append(
                Array(
                    "Nov 26 10:14:03 mx1 postfix/smtp[4242]: 5A1B2C3D4E: to=<k\(round)@Blocked.Example>, relay=mx.blocked.example[192.0.2.9]:25, delay=1.4, delays=0.1/0/0.7/0.6, dsn=5.7.1, status=bounced (host mx.blocked.example[192.0.2.9] said: 554 5.7.1 Service unavailable; Client host [203.0.113.10] blocked using zen.spamhaus.org (in reply to RCPT TO command))"
                        .utf8))
            lines.append(
                line(
                    "mx1", "l@Deferred.EXAMPLE", relay: "mx.example[192.0.2.1]:25",
                    status: "deferred"))
        }
        return lines
    }

    /// Feeds `lines` from `offset` on, one second apart; `decoded` hands the engine decoded
    /// events instead of the parsed bytes.
    static func feed(
        _ lines: ArraySlice<[UInt8]>, to engine: inout AlertEngine, decoded: Bool
    ) {
        let parser = LineParser(format: .auto)
        let providers = ProviderTable.standard
        for (offset, line) in zip(lines.indices, lines) {
            line.withUnsafeBufferPointer { buffer in
                var event = RawEvent.unparsed()
                guard parser.parse(buffer, into: &event) == .event else {
                    Issue.record("not an event: \(String(decoding: line, as: UTF8.self))")
                    return
                }
                let classification =
                    event.isSuccessfulDelivery
                    ? nil : Classifier.standard.classify(event, in: buffer)
                let provider =
                    providers.decide(event, in: buffer).map { providers.providers[$0.index].name }
                    ?? ""
                let time = start + Int64(offset)
                if decoded {
                    engine.observe(
                        AlertEvent(
                            event, classification, in: buffer, time: time, provider: provider))
                } else {
                    engine.observe(
                        event, classification, in: buffer, time: time, provider: provider)
                }
            }
        }
    }

    static func notices(_ engine: inout AlertEngine) -> [AlertNotice] {
        engine.evaluate(now: start + 100) + engine.evaluate(now: start + 200)
    }

    @Test func countingFromBytesReachesWhatCountingDecodedEventsReaches() {
        let lines = Self.lines[...]
        var fromBytes = AlertEngine(rules: Self.rules)
        var fromEvents = AlertEngine(rules: Self.rules)
        Self.feed(lines, to: &fromBytes, decoded: false)
        Self.feed(lines, to: &fromEvents, decoded: true)
        #expect(fromBytes.checkpointLines() == fromEvents.checkpointLines())
        let notices = Self.notices(&fromBytes)
        #expect(notices == Self.notices(&fromEvents))
        // The lines made groups of every kind, and some fired.
        #expect(Set(notices.map(\.rule)).isSuperset(of: ["host-and-destination", "one-domain"]))
        let groups = fromBytes.checkpointLines().filter { $0.hasPrefix("group ") }
        #expect(groups.contains { $0.hasSuffix(" =mx1 =example.org") })
        #expect(!groups.contains { $0.contains("Example.ORG") || $0.contains("=MX1 ") })
        #expect(groups.contains { $0.contains("=b%C3%BCcher.example") })
        #expect(groups.contains { $0.contains("=provider:google") })
        // The block list group, and what the groups remember of matching events.
        let checkpoint = fromBytes.checkpointLines()
        #expect(groups.contains { $0.contains("zen.spamhaus.org") })
        #expect(checkpoint.contains { $0.hasPrefix("match ") && $0.contains("deferred.example") })
        #expect(
            checkpoint.contains {
                $0.hasPrefix("match ") && $0.contains("zen.spamhaus.org")
                    && $0.contains("203.0.113.10")
            })
        #expect(checkpoint.contains { $0.hasPrefix("sample ") && $0.contains("SASL") })
    }

    @Test func groupsRestoredFromACheckpointAreFoundByEventsCountedFromBytes() throws {
        let lines = Self.lines
        let half = lines.count / 2
        var straight = AlertEngine(rules: Self.rules)
        Self.feed(lines[...], to: &straight, decoded: false)
        var first = AlertEngine(rules: Self.rules)
        Self.feed(lines[..<half], to: &first, decoded: false)
        var restored = try AlertEngine(rules: Self.rules, checkpointLines: first.checkpointLines())
        Self.feed(lines[half...], to: &restored, decoded: false)
        #expect(restored.checkpointLines() == straight.checkpointLines())
        #expect(Self.notices(&restored) == Self.notices(&straight))
    }
}
