import Testing

@testable import BounceCore

/// Group values are reply text from strangers: however many groups fire, a rule sends notices
/// for at most `AlertNoticeCeiling.groupsPerRule` of them, plus one summary.
@Suite struct AlertEngineCeilingTests {
    static let rule = AlertFixture.countRule(
        "blacklisted", cause: .blacklisted, threshold: 1, window: 900, groupBy: [.blocklist])

    /// One event per list `bl0.example.net` ... and `heavy` extra events on the first lists.
    static func flood(_ lists: Int, at time: Int64, heavy: Int = 0) -> [AlertEvent] {
        (0..<lists).flatMap { index in
            let list = Blocklist(name: "bl\(index).example.net", delistURL: nil)
            let repeats = index < 3 ? 1 + heavy * (3 - index) : 1
            return (0..<repeats).map { _ in AlertFixture.blacklisted(time, list: list) }
        }
    }

    @Test func fiveThousandListsSendTheCeilingAndOneSummary() throws {
        var engine = AlertFixture.engine([Self.rule], Self.flood(5000, at: 100, heavy: 5))
        let notices = engine.evaluate(now: 110)
        let sent = notices.filter { !$0.isSuppressed }
        let suppressed = notices.filter(\.isSuppressed)
        let firing = try #require(engine.firing["blacklisted"])
        // The rule tracks at most AlertLimits.groupsPerRule groups (making room as the flood
        // comes in); every group it kept fires.
        #expect(firing > 1000 && firing <= AlertLimits.groupsPerRule)
        #expect(sent.count == AlertNoticeCeiling.groupsPerRule + 1)
        #expect(suppressed.count == firing - AlertNoticeCeiling.groupsPerRule)
        let summary = try #require(sent.last)
        let overflow = try #require(summary.overflow)
        #expect(sent.dropLast().allSatisfy { $0.overflow == nil && $0.group.count == 1 })
        #expect(overflow.firingGroups == firing)
        #expect(overflow.groupsWithoutNotice == suppressed.count)
        #expect(overflow.largest.count == AlertNoticeCeiling.largestListed)
        #expect(summary.count == suppressed.reduce(0) { $0 + $1.count })
        #expect(summary.state == .firing && summary.group.isEmpty)
        // Nothing more at the next evaluations: the held groups stay quiet, and the summary
        // waits for the repeat interval.
        #expect(engine.evaluate(now: 111).isEmpty)
        // When the window has passed, only the announced groups send an end.
        let ends = engine.evaluate(now: 100 + 900 + 60)
        #expect(ends.filter { !$0.isSuppressed }.count == AlertNoticeCeiling.groupsPerRule)
        #expect(ends.filter { !$0.isSuppressed }.allSatisfy { $0.state == .resolved })
        #expect(ends.filter(\.isSuppressed).count == suppressed.count)
    }

    /// The summary lists the groups with the most events first.
    @Test func theSummaryListsTheLargestHeldGroups() throws {
        // Announce 20 groups first, then a flood where bl0..bl2 are the heaviest.
        var engine = AlertEngine(rules: [Self.rule])
        for index in 0..<AlertNoticeCeiling.groupsPerRule {
            engine.observe(
                AlertFixture.blacklisted(
                    50, list: Blocklist(name: "early\(index).example", delistURL: nil)))
        }
        #expect(engine.evaluate(now: 60).count == AlertNoticeCeiling.groupsPerRule)
        for event in Self.flood(30, at: 100, heavy: 4) { engine.observe(event) }
        let notices = engine.evaluate(now: 110)
        #expect(notices.filter { !$0.isSuppressed }.count == 1)
        let overflow = try #require(notices.last?.overflow)
        #expect(overflow.groupsWithoutNotice == 30)
        #expect(overflow.firingGroups == 50)
        #expect(
            overflow.largest.prefix(4).map(\.name) == [
                "blocklist=bl0.example.net", "blocklist=bl1.example.net",
                "blocklist=bl2.example.net", "blocklist=bl10.example.net",
            ])
        #expect(overflow.largest.prefix(3).map(\.count) == [13, 9, 5])
        let mail = String(
            decoding: AlertMail.compose(
                notices.last!,
                envelope: AlertMailEnvelope(
                    hostname: "mx1", from: "bouncewatch@mx1", to: ["ops@example.org"],
                    messageID: "", date: 110)), as: UTF8.self)
        #expect(mail.contains("50 groups firing, 30 without a mail of their own"))
        #expect(mail.contains("bl0.example.net"))
    }

    /// After a restart the engine does not know which groups were mailed about: the first
    /// groups of the checkpoint up to the ceiling may send an end, the others not.
    @Test func aRestartKeepsTheCeiling() throws {
        var engine = AlertFixture.engine([Self.rule], Self.flood(100, at: 100))
        _ = engine.evaluate(now: 110)
        var restored = try AlertEngine(
            rules: [Self.rule], checkpointLines: engine.checkpointLines())
        let ends = restored.evaluate(now: 100 + 900 + 60)
        #expect(ends.count == 100)
        #expect(ends.filter { !$0.isSuppressed }.count == AlertNoticeCeiling.groupsPerRule)
    }
}

/// The wall clock stepping back does not move the clock windows are judged at.
@Suite struct AlertEngineClockTests {
    @Test func aClockSteppedBackChangesNothing() {
        let rule = AlertFixture.countRule(threshold: 2, window: 600)
        var engine = AlertFixture.engine(
            [rule], [AlertFixture.event(990), AlertFixture.event(995)])
        // Fires at 1000; two minutes back, then an hour back; resolves when the window ends
        // on the clock that never went back.
        #expect(
            AlertFixture.timeline(&engine, at: [1000, 880, 965, 1010, 1010 - 3600, 1500, 1600])
                == ["firing", "-", "-", "-", "-", "-", "resolved"])
        #expect(engine.evaluationClock == 1600)
    }

    @Test func aForwardJumpIsTakenAtOnce() {
        let rule = AlertFixture.countRule(threshold: 2, window: 600)
        var engine = AlertFixture.engine(
            [rule], [AlertFixture.event(990), AlertFixture.event(995)])
        // A jump of a day resolves at once; stepping back afterwards does not bring it back.
        #expect(
            AlertFixture.timeline(&engine, at: [1000, 1000 + 86_400, 1001])
                == ["firing", "resolved", "-"])
    }
}
