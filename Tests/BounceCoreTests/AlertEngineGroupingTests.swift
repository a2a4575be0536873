import Testing

@testable import BounceCore

@Suite struct AlertEngineGroupingTests {
    struct GroupCase: Sendable, CustomTestStringConvertible {
        var dimension: AlertDimension
        var expected: [String]
        var testDescription: String { dimension.rawValue }
    }

    static let mixed: [AlertEvent] = [
        AlertFixture.blacklisted(100, to: "gmail.com"),
        AlertFixture.blacklisted(101, to: "yahoo.com", status: .bounced),
        AlertFixture.blacklisted(
            102, to: "", list: Blocklist(name: "bl.spamcop.net", delistURL: nil)),
        AlertFixture.event(103, status: .rejected, cause: .blacklisted, mta: .exim),
        AlertFixture.event(104, status: .deferred, cause: nil, kind: .authFailure),
    ]

    @Test(arguments: [
        GroupCase(dimension: .destination, expected: ["example.org", "gmail.com", "yahoo.com"]),
        GroupCase(dimension: .blocklist, expected: ["bl.spamcop.net", "zen.spamhaus.org"]),
        GroupCase(dimension: .mta, expected: ["exim", "postfix"]),
        GroupCase(dimension: .status, expected: ["bounced", "deferred", "rejected"]),
        GroupCase(dimension: .cause, expected: ["blacklisted"]),
        GroupCase(dimension: .kind, expected: ["auth_failure", "delivery"]),
    ])
    func groupByEachDimension(_ test: GroupCase) {
        // Match everything; events without a value for the dimension do not count.
        let rule = AlertRule(
            name: "all", match: EventMatch(), threshold: 1, windowSeconds: 600,
            groupBy: [test.dimension], groupWaitSeconds: 0)
        let notices = AlertFixture.firing(rule, Self.mixed, now: 110)
        #expect(notices.map { $0.group.map(\.value) } == test.expected.map { [$0] })
        #expect(notices.allSatisfy { $0.group.first?.name == test.dimension.rawValue })
    }

    @Test func twoDimensionsMakeOneGroupPerPair() {
        let rule = AlertRule(
            name: "pairs", match: EventMatch(cause: [.blacklisted]), threshold: 1,
            windowSeconds: 600, groupBy: [.blocklist, .destination], groupWaitSeconds: 0)
        let notices = AlertFixture.firing(rule, Self.mixed, now: 110)
        #expect(
            notices.map(\.group) == [
                [
                    AlertLabel("blocklist", "zen.spamhaus.org"),
                    AlertLabel("destination", "gmail.com"),
                ],
                [
                    AlertLabel("blocklist", "zen.spamhaus.org"),
                    AlertLabel("destination", "yahoo.com"),
                ],
            ])
        #expect(Set(notices.map(\.fingerprint)).count == 2)
    }

    @Test func groupsCountSeparately() {
        let rule = AlertFixture.countRule(threshold: 3, window: 600, groupBy: [.destination])
        var events = (0..<3).map { AlertFixture.event(100 + Int64($0), to: "a.example") }
        events += (0..<2).map { AlertFixture.event(100 + Int64($0), to: "b.example") }
        let notices = AlertFixture.firing(rule, events, now: 110)
        #expect(notices.map(\.group) == [[AlertLabel("destination", "a.example")]])
    }

    struct MatchCase: Sendable, CustomTestStringConvertible {
        var match: EventMatch
        var event: AlertEvent
        var matches: Bool
        var testDescription: String { "\(match) vs \(event.destination)" }
    }

    @Test(arguments: [
        MatchCase(
            match: EventMatch(destination: ["*.example.com"]),
            event: AlertFixture.event(1, to: "mx.example.com"), matches: true),
        MatchCase(
            match: EventMatch(destination: ["*.example.com"]),
            event: AlertFixture.event(1, to: "example.com"), matches: true),
        MatchCase(
            match: EventMatch(destination: ["*.example.com"]),
            event: AlertFixture.event(1, to: "badexample.com"), matches: false),
        MatchCase(
            match: EventMatch(destination: ["example.com"]),
            event: AlertFixture.event(1, to: "mx.example.com"), matches: false),
        MatchCase(
            match: EventMatch(destination: ["Example.COM"]),
            event: AlertFixture.event(1, to: "example.com"), matches: true),
        MatchCase(
            match: EventMatch(destination: ["example.com"]),
            event: AlertFixture.event(1, to: ""), matches: false),
        MatchCase(
            match: EventMatch(blocklist: ["ZEN.spamhaus.org"]),
            event: AlertFixture.blacklisted(1), matches: true),
        MatchCase(
            match: EventMatch(blocklist: ["bl.spamcop.net"]),
            event: AlertFixture.blacklisted(1), matches: false),
        MatchCase(
            match: EventMatch(direction: [.inbound]),
            event: AlertFixture.event(1, direction: .outbound), matches: false),
        MatchCase(
            match: EventMatch(mta: [.exim], status: [.deferred]),
            event: AlertFixture.event(1, mta: .exim), matches: true),
        MatchCase(
            match: EventMatch(cause: [.network]),
            event: AlertFixture.event(1, status: .sent, cause: nil), matches: false),
    ])
    func eventMatchLists(_ test: MatchCase) {
        #expect(AlertEventFilter(test.match).matches(test.event) == test.matches)
    }

    @Test func wantsAgreesWithTheRulesForEveryCombination() {
        var rules = AlertRule.defaults
        rules.append(
            AlertRule(
                name: "by-cause", match: EventMatch(mta: [.exim]), threshold: 1,
                windowSeconds: 60, groupBy: [.cause]))
        let engine = AlertEngine(rules: rules)
        let filters = rules.map {
            ($0, AlertEventFilter($0.match), $0.ratioOf.map(AlertEventFilter.init))
        }
        var wanted = 0
        for mta in MTA.allCases {
            for kind in EventKind.allCases {
                for status in DeliveryStatus.allCases {
                    for cause in [nil] + Cause.allCases.map({ Optional($0) }) {
                        let expected = filters.contains { rule, match, ratio in
                            if cause == nil, rule.groupBy.contains(.cause) { return false }
                            return match.couldMatch(
                                mta: mta, kind: kind, status: status, cause: cause)
                                || (ratio?.couldMatch(
                                    mta: mta, kind: kind, status: status, cause: cause) ?? false)
                        }
                        let got = engine.wants(mta: mta, kind: kind, status: status, cause: cause)
                        #expect(got == expected)
                        if got { wanted += 1 }
                    }
                }
            }
        }
        // The defaults want some events but not all: greylisting alone is never wanted.
        #expect(wanted > 0)
        #expect(!engine.wants(mta: .postfix, kind: .reject, status: .rejected, cause: .greylisted))
        #expect(engine.wants(mta: .postfix, kind: .delivery, status: .sent, cause: nil))
        #expect(
            !AlertEngine(rules: []).wants(mta: .exim, kind: .delivery, status: .sent, cause: nil))
        // A sent delivery only counts towards the deferral storm's denominator: its line can
        // never be a sample. A deferral can.
        #expect(!engine.keepsLine(mta: .postfix, kind: .delivery, status: .sent, cause: nil))
        #expect(
            engine.keepsLine(mta: .postfix, kind: .delivery, status: .deferred, cause: .network))
    }

    @Test func defaultCauseRulesIgnoreThisServersOwnRejects() {
        var engine = AlertEngine(rules: AlertRule.defaults)
        // A busy hour of this server's own checks: clients on Spamhaus, forged senders failing
        // SPF, a client refusing TLS, a low-reputation client. None of it is about us.
        for (index, cause) in [Cause.blacklisted, .senderAuthentication, .tls, .reputation]
            .enumerated()
        {
            for second in 0..<50 {
                engine.observe(
                    AlertFixture.event(
                        Int64(1000 + index * 100 + second), status: .rejected, cause: cause,
                        kind: .reject, direction: .inbound,
                        blocklist: cause == .blacklisted ? AlertFixture.zen : nil,
                        listedIP: cause == .blacklisted ? "198.51.100.\(second)" : nil))
            }
        }
        #expect(engine.evaluate(now: 1500).isEmpty)
        #expect(engine.evaluate(now: 1600).isEmpty)

        // One failed delivery saying that Spamhaus lists us is an alert.
        engine.observe(AlertFixture.blacklisted(1601))
        _ = engine.evaluate(now: 1601)
        let notices = engine.evaluate(now: 1700)
        #expect(notices.map(\.rule) == ["blacklisted"])
    }

    @Test func tooManyGroupsMakeRoomByDroppingTheSmallestQuietOne() {
        let limit = AlertLimits.groupsPerRule
        let rule = AlertFixture.countRule(threshold: 3, window: 600, groupBy: [.destination])
        var engine = AlertEngine(rules: [rule])
        // "heavy" has two events and must survive the flood of one-event groups.
        engine.observe(AlertFixture.event(1000, to: "heavy.example"))
        engine.observe(AlertFixture.event(1001, to: "heavy.example"))
        for index in 0..<(limit * 2) {
            engine.observe(AlertFixture.event(1002, to: "d\(index).example"))
        }
        engine.observe(AlertFixture.event(1003, to: "heavy.example"))
        #expect(engine.states[0].groups.count <= limit)
        #expect(engine.states[0].groups[["heavy.example"]]?.weight == 3)
        #expect(engine.droppedEvents == 0)
        let notices = engine.evaluate(now: 1010)
        #expect(notices.map(\.group) == [[AlertLabel("destination", "heavy.example")]])
    }

    @Test func whenEveryGroupFiresNewGroupsAreDroppedAndCounted() {
        let limit = AlertLimits.groupsPerRule
        let rule = AlertFixture.countRule(threshold: 1, window: 600, groupBy: [.destination])
        var engine = AlertEngine(rules: [rule])
        for index in 0..<limit { engine.observe(AlertFixture.event(1000, to: "d\(index).example")) }
        // One notice per group (most held back by the notice ceiling) and one summary.
        #expect(engine.evaluate(now: 1001).filter { $0.overflow == nil }.count == limit)
        engine.observe(AlertFixture.event(1002, to: "late.example"))
        #expect(engine.droppedEvents == 1)
        #expect(engine.firing["r"] == limit)
    }

    /// An event finds the group restored from a checkpoint (labels hashed one way, events the
    /// other), for every dimension at once: no second group, the counts add up.
    @Test func eventsFindTheirRestoredGroupByEveryDimension() throws {
        let rule = AlertFixture.countRule(
            threshold: 3, window: 600, groupBy: [.mta, .kind, .status, .cause, .destination])
        var engine = AlertEngine(rules: [rule])
        engine.observe(AlertFixture.event(1000, to: "a-rather-long-destination.example.org"))
        engine.observe(AlertFixture.event(1001, to: "b.example"))
        var restored = try AlertEngine(rules: [rule], checkpointLines: engine.checkpointLines())
        restored.observe(AlertFixture.event(1002, to: "a-rather-long-destination.example.org"))
        restored.observe(AlertFixture.event(1003, to: "a-rather-long-destination.example.org"))
        #expect(restored.states[0].groups.count == 2)
        let labels = [
            "postfix", "delivery", "deferred", "network", "a-rather-long-destination.example.org",
        ]
        #expect(restored.states[0].groups[labels]?.weight == 3)
        #expect(restored.evaluate(now: 1010).map(\.group.last?.value) == [labels.last])
    }

    /// Values that hash alike in another order are other groups: the hash folds in order.
    @Test func groupValuesInAnotherOrderAreAnotherGroup() {
        let rule = AlertRule(
            name: "r", match: EventMatch(), threshold: 1, windowSeconds: 600,
            groupBy: [.destination, .blocklist], groupWaitSeconds: 0)
        var engine = AlertEngine(rules: [rule])
        engine.observe(
            AlertFixture.event(
                1000, to: "x.example", blocklist: Blocklist(name: "y.example", delistURL: nil)))
        engine.observe(
            AlertFixture.event(
                1000, to: "y.example", blocklist: Blocklist(name: "x.example", delistURL: nil)))
        #expect(engine.states[0].groups.count == 2)
        #expect(engine.states[0].groups[["x.example", "y.example"]]?.weight == 1)
        #expect(engine.states[0].groups[["y.example", "x.example"]]?.weight == 1)
    }
}
