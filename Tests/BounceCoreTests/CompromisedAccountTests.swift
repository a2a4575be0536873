import Testing

@testable import BounceCore

/// The built-in `compromised-account` alert: an account sending far above its own usual
/// level, or mostly into unknown recipients and spam filters.
@Suite struct CompromisedAccountTests {
    static let start: Int64 = 1_765_000_800  // a window boundary
    static let config = CompromisedAccountConfig()

    /// A user's ordinary day: `perHour` deliveries an hour spread over the hour, to a handful
    /// of colleagues and customers, one in twenty to an address that no longer exists.
    static func ordinaryHour(
        _ hour: Int, perHour: Int, user: String, into engine: inout AlertEngine,
        notices: inout [AlertNotice]
    ) {
        let sender = AccountFixture.user(user)
        for index in 0..<perHour {
            let time = start + Int64(hour * 3600 + index * 3600 / perHour)
            let recipient = "contact\(index % 7)@customer\(index % 3).example"
            let reply = index % 20 == 19 ? AccountFixture.unknownUser : nil
            AccountFixture.observe(
                AccountFixture.line(to: recipient, bounced: reply), time: time, sender: sender,
                into: &engine)
            if index % 4 == 0 { notices += engine.evaluate(now: time) }
        }
    }

    @Test func aQuietUserNeverFiresOverADay() {
        var engine = AlertEngine(rules: [], accounts: Self.config)
        var notices: [AlertNotice] = []
        for hour in 0..<24 {
            // Busier in office hours, a mailing of 90 at 14:00 (below the floor in a window).
            let perHour = (8..<18).contains(hour) ? 60 : 4
            Self.ordinaryHour(
                hour, perHour: hour == 14 ? 150 : perHour, user: "alice", into: &engine,
                notices: &notices)
        }
        notices += engine.evaluate(now: Self.start + 25 * 3600)
        #expect(notices.isEmpty, "\(notices.map(\.summary))")
        // The account was tracked all along: its level is what it usually sends.
        let level = engine.accounts?.tallies.first?.window.usual ?? 0
        #expect(level > 0)
    }

    /// The stolen account: quiet for four hours, then 600 messages in ten minutes from a new
    /// address, most to harvested addresses that do not exist.
    static func stolen(into engine: inout AlertEngine, notices: inout [AlertNotice]) {
        for hour in 0..<4 {
            ordinaryHour(hour, perHour: 12, user: "bob", into: &engine, notices: &notices)
        }
        let burst = start + 4 * 3600 + 60
        let thief = AccountFixture.user("bob", ip: "203.0.113.66")
        for index in 0..<600 {
            let time = burst + Int64(index)
            let reply =
                index % 3 == 0
                ? nil : (index % 3 == 1 ? AccountFixture.unknownUser : AccountFixture.spam)
            AccountFixture.observe(
                AccountFixture.line(to: "x\(index)@victim\(index % 40).example", bounced: reply),
                time: time, sender: thief, into: &engine)
            if index % 10 == 0 { notices += engine.evaluate(now: time) }
        }
    }

    @Test func aStolenAccountFiresOnceAndResolves() throws {
        var engine = AlertEngine(rules: AlertRule.defaults, accounts: Self.config)
        var notices: [AlertNotice] = []
        Self.stolen(into: &engine, notices: &notices)
        // Two more quiet hours, evaluated every half minute.
        for step in 0..<240 {
            notices += engine.evaluate(now: Self.start + 4 * 3600 + 660 + Int64(step * 30))
        }
        let own = notices.filter { $0.rule == CompromisedAccountConfig.ruleName }
        let fired = own.filter { $0.state == .firing }
        try #require(fired.count == 1, "\(own.map(\.state))")
        #expect(own.filter { $0.state == .resolved }.count == 1)
        let notice = fired[0]
        #expect(notice.group == [AlertLabel("sasl_username", "bob")])
        // It fires on the failures before the volume reaches the floor.
        #expect(notice.count >= Self.config.minFailures)
        let rows = Dictionary(uniqueKeysWithValues: notice.details.map { ($0.name, $0.value) })
        #expect(rows["Client IPs"]?.hasPrefix("203.0.113.66") == true)
        #expect(rows["Failed as"]?.contains("recipient_unknown") == true)
        #expect(rows["Failed as"]?.contains("spam") == true)
        #expect(notice.destinationCount >= 30)
        #expect(notice.samples.count == 3)
        let mail = String(
            decoding: AlertMail.compose(
                notice,
                envelope: AlertMailEnvelope(
                    hostname: "mx1", from: "bouncewatch@mx1", to: ["postmaster@mx1"],
                    messageID: "<1@mx1>", date: notice.decidedAt, utcOffsetSeconds: 0)),
            as: UTF8.self)
        #expect(mail.contains("postsuper -d"))
        #expect(mail.contains("exim -bp"))
        #expect(engine.firing[CompromisedAccountConfig.ruleName] == 0)
    }

    @Test func theVolumeAloneFiresOnceTheLevelsAreKnown() {
        // Sent, not failing: only the jump above the usual level can fire.
        var engine = AlertEngine(rules: [], accounts: Self.config)
        var notices: [AlertNotice] = []
        for hour in 0..<3 {
            Self.ordinaryHour(hour, perHour: 12, user: "carol", into: &engine, notices: &notices)
        }
        let sender = AccountFixture.user("carol")
        for index in 0..<300 {
            let time = Self.start + 3 * 3600 + Int64(index)
            AccountFixture.observe(
                AccountFixture.line(to: "r\(index)@list.example"), time: time, sender: sender,
                into: &engine)
        }
        notices += engine.evaluate(now: Self.start + 3 * 3600 + 300)
        notices += engine.evaluate(now: Self.start + 3 * 3600 + 340)
        #expect(
            notices.filter { $0.state == .firing }.map(\.group) == [
                [AlertLabel("sasl_username", "carol")]
            ])
    }

    @Test func aRestartKeepsTheLevelAndDoesNotFireAgain() throws {
        var engine = AlertEngine(rules: AlertRule.defaults, accounts: Self.config)
        var notices: [AlertNotice] = []
        Self.stolen(into: &engine, notices: &notices)
        notices += engine.evaluate(now: Self.start + 4 * 3600 + 700)
        #expect(notices.filter { $0.state == .firing && !$0.isRepeat }.count == 1)
        let lines = engine.checkpointLines()
        var restored = try AlertEngine(
            rules: AlertRule.defaults, accounts: Self.config, checkpointLines: lines)
        #expect(restored.checkpointLines() == lines)
        let before = engine.accounts?.tallies.map(\.window.usual)
        #expect(restored.accounts?.tallies.map(\.window.usual) == before)
        var after: [AlertNotice] = []
        for step in 0..<10 {
            after += restored.evaluate(now: Self.start + 4 * 3600 + 701 + Int64(step * 30))
        }
        #expect(!after.contains { $0.state == .firing && !$0.isRepeat }, "\(after.map(\.state))")
        #expect(restored.firing[CompromisedAccountConfig.ruleName] == 1)
    }

    @Test func manySendersStayWithinTheCapAndTheForgottenAreCounted() {
        var config = Self.config
        config.maxAccounts = 100
        var engine = AlertEngine(rules: [], accounts: config)
        for index in 0..<250 {
            AccountFixture.observe(
                AccountFixture.line(to: "a@b.example"), time: Self.start + Int64(index),
                sender: AccountFixture.user("user\(index)"), into: &engine)
        }
        let tracked = engine.accounts?.tallies.count ?? 0
        #expect(tracked <= 100)
        #expect(engine.evictedAccounts == 250 - tracked)
        // The most recent senders are the ones kept.
        #expect(engine.accounts?.tallies.contains { $0.key.name == "user249" } == true)
    }

    @Test func withoutSendersNothingIsTrackedAndTheCheckpointIsUnchanged() {
        var engine = AlertEngine(rules: AlertRule.defaults, accounts: Self.config)
        var plain = AlertEngine(rules: AlertRule.defaults)
        for index in 0..<50 {
            let line = AccountFixture.line(
                to: "u\(index)@x.example", bounced: AccountFixture.unknownUser)
            AccountFixture.observe(
                line, time: Self.start + Int64(index), sender: nil, into: &engine)
            AccountFixture.observe(line, time: Self.start + Int64(index), sender: nil, into: &plain)
        }
        #expect(engine.accounts?.tallies.isEmpty == true)
        #expect(engine.checkpointLines() == plain.checkpointLines())
    }
}
