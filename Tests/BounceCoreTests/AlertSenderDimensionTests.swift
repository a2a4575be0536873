import Testing

@testable import BounceCore

/// `sender_domain` and `sasl_username` in a rule's `match` and `group_by`: values the message
/// state hands the engine with each delivery, not read from the line.
@Suite struct AlertSenderDimensionTests {
    static let start: Int64 = 1_765_000_800

    static func bounces(
        _ rule: AlertRule, senders: [MessageSender?], each: Int = 3
    ) -> [AlertNotice] {
        var engine = AlertEngine(rules: [rule])
        var time = start
        for sender in senders {
            for index in 0..<each {
                time += 1
                AccountFixture.observe(
                    AccountFixture.line(
                        to: "u\(index)@dest.example", bounced: AccountFixture.unknownUser),
                    time: time, sender: sender, into: &engine)
            }
        }
        return engine.evaluate(now: time + 1)
    }

    static func rule(
        _ match: EventMatch = EventMatch(status: [.bounced]), groupBy: [AlertDimension]
    )
        -> AlertRule
    {
        AlertRule(
            name: "per-sender", match: match, threshold: 3, windowSeconds: 900, groupBy: groupBy,
            groupWaitSeconds: 0)
    }

    @Test func groupingBySASLUserGivesOneGroupPerUser() {
        let notices = Self.bounces(
            Self.rule(groupBy: [.saslUsername]),
            senders: [
                AccountFixture.user("alice"), AccountFixture.user("bob"),
                AccountFixture.user("alice"), nil,
                MessageSender(domain: "example.com"),  // no SASL user: not counted
            ])
        #expect(
            notices.map(\.group) == [
                [AlertLabel("sasl_username", "alice")], [AlertLabel("sasl_username", "bob")],
            ])
        #expect(notices.first?.count == 6)
        // Alertmanager and the mail show the label as it is named in the configuration.
        #expect(
            notices.first.map { AlertMail.subject($0, hostname: "mx1") }?.contains(
                "sasl_username=alice") == true)
    }

    @Test func groupingBySenderDomainAndMatchingOne() {
        let senders: [MessageSender?] = [
            MessageSender(domain: "shop.example"), MessageSender(domain: "news.shop.example"),
            MessageSender(domain: "other.example"), nil,
        ]
        let all = Self.bounces(Self.rule(groupBy: [.senderDomain]), senders: senders)
        #expect(
            all.map { $0.group.map(\.value) } == [
                ["news.shop.example"], ["other.example"], ["shop.example"],
            ])
        let shop = Self.bounces(
            Self.rule(
                EventMatch(status: [.bounced], senderDomain: ["*.shop.example"]), groupBy: []),
            senders: senders)
        #expect(shop.map(\.count) == [6])
        let bob = Self.bounces(
            Self.rule(EventMatch(saslUsername: ["bob"]), groupBy: []),
            senders: [AccountFixture.user("alice"), AccountFixture.user("bob")])
        #expect(bob.map(\.count) == [3])
    }

    @Test func theDecodedPathGroupsTheSameWay() {
        var engine = AlertEngine(rules: [Self.rule(groupBy: [.saslUsername, .senderDomain])])
        for (index, user) in ["carol", "carol", "carol", "dave", "dave", "dave"].enumerated() {
            var event = AlertFixture.event(
                Self.start + Int64(index), status: .bounced, cause: .recipientUnknown)
            event.saslUsername = user
            event.senderDomain = "example.com"
            engine.observe(event)
        }
        let notices = engine.evaluate(now: Self.start + 10)
        #expect(
            notices.map(\.group) == [
                [AlertLabel("sasl_username", "carol"), AlertLabel("sender_domain", "example.com")],
                [AlertLabel("sasl_username", "dave"), AlertLabel("sender_domain", "example.com")],
            ])
        // The checkpoint keeps such groups.
        let restored = try? AlertEngine(
            rules: engine.rules, checkpointLines: engine.checkpointLines())
        #expect(restored?.checkpointLines() == engine.checkpointLines())
    }
}
