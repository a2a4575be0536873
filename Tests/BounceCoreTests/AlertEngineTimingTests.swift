import Testing

@testable import BounceCore

@Suite struct AlertEngineTimingTests {
    /// Threshold 1, window 600 s (10 s buckets), group wait 30 s, repeat every hour.
    static let rule = AlertFixture.countRule(
        threshold: 1, window: 600, wait: 30, repeatEvery: 3600)

    @Test func groupWaitThenOneMailWithTheCountsAtThatMoment() {
        var engine = AlertEngine(rules: [Self.rule])
        engine.observe(AlertFixture.event(1000))
        #expect(AlertFixture.timeline(&engine, at: [1000, 1010, 1029]) == ["-", "-", "-"])
        // More of the same incident arrives during the wait: still one mail, with all of it.
        for second in 1..<50 { engine.observe(AlertFixture.event(1000 + Int64(second % 25))) }
        let notices = engine.evaluate(now: 1030)
        #expect(notices.count == 1)
        #expect(notices.first?.count == 50)
        #expect(notices.first?.startedAt == 1000)
        #expect(notices.first?.decidedAt == 1030)
        #expect(notices.first?.isRepeat == false)
        #expect(AlertFixture.timeline(&engine, at: [1031, 1200]) == ["-", "-"])
    }

    @Test func waitingIsSaidWhileAGroupWaitRuns() {
        var engine = AlertEngine(rules: [Self.rule])
        #expect(!engine.isWaiting)
        engine.observe(AlertFixture.event(1000))
        _ = engine.evaluate(now: 1000)
        #expect(engine.isWaiting)
        _ = engine.evaluate(now: 1030)
        #expect(!engine.isWaiting)  // Sent: firing, and nothing due before the repeat.
        _ = engine.evaluate(now: 1600)
        #expect(engine.isWaiting)  // The condition failed: the resolve waits out the group wait.
        _ = engine.evaluate(now: 1630)
        #expect(!engine.isWaiting)
    }

    @Test func resolvedOnceTheWindowEmptiesPlusTheGroupWait() {
        var engine = AlertEngine(rules: [Self.rule])
        engine.observe(AlertFixture.event(1000))
        // The event counts until 1599; from 1600 the condition fails, 30 s later: resolved.
        #expect(
            AlertFixture.timeline(&engine, at: [1000, 1030, 1599, 1600, 1629, 1630, 1700])
                == ["-", "firing", "-", "-", "-", "resolved", "-"])
        #expect(engine.firing["r"] == 0)
    }

    @Test func aFailureShorterThanTheGroupWaitResolvesNothing() {
        var engine = AlertEngine(rules: [Self.rule])
        engine.observe(AlertFixture.event(1000))
        #expect(AlertFixture.timeline(&engine, at: [1000, 1030, 1600]) == ["-", "firing", "-"])
        engine.observe(AlertFixture.event(1610))
        #expect(AlertFixture.timeline(&engine, at: [1615, 1700]) == ["-", "-"])
        #expect(engine.firing["r"] == 1)
    }

    @Test func aBlipShorterThanTheGroupWaitSendsNothing() {
        // Count 3 in 60 s; a third event makes it hold, then the first ages out before the
        // group wait ends.
        let rule = AlertFixture.countRule(threshold: 3, window: 60, wait: 30)
        var engine = AlertEngine(rules: [rule])
        for time: Int64 in [1000, 1050, 1055] { engine.observe(AlertFixture.event(time)) }
        #expect(AlertFixture.timeline(&engine, at: [1055, 1060, 1086]) == ["-", "-", "-"])
        #expect(engine.firing["r"] == 0)
    }

    @Test func repeatsEveryIntervalWhileFiring() {
        var engine = AlertEngine(rules: [Self.rule])
        var sent: [(Int64, String)] = []
        var now: Int64 = 1000
        while now <= 1000 + 3 * 3600 + 100 {
            engine.observe(AlertFixture.event(now))
            for notice in engine.evaluate(now: now) {
                sent.append((now, notice.isRepeat ? "repeat" : notice.state.rawValue))
            }
            now += 10
        }
        #expect(sent.map(\.0) == [1030, 4630, 8230, 11830])
        #expect(sent.map(\.1) == ["firing", "repeat", "repeat", "repeat"])
    }

    @Test func zeroRepeatIntervalMeansNoRepeats() {
        var engine = AlertEngine(rules: [
            AlertFixture.countRule(threshold: 1, window: 600, wait: 0, repeatEvery: 0)
        ])
        var states: [String] = []
        for now in stride(from: Int64(1000), to: 5000, by: 100) {
            engine.observe(AlertFixture.event(now))
            states += engine.evaluate(now: now).map(\.state.rawValue)
        }
        #expect(states == ["firing"])
    }

    @Test func refiresAfterAResolveAsANewIncident() {
        var engine = AlertEngine(rules: [Self.rule])
        engine.observe(AlertFixture.event(1000))
        #expect(
            AlertFixture.timeline(&engine, at: [1000, 1030, 1600, 1630])
                == ["-", "firing", "-", "resolved"])
        engine.observe(AlertFixture.event(2000))
        let notices = engine.evaluate(now: 2000) + engine.evaluate(now: 2030)
        #expect(notices.map(\.state) == [.firing])
        #expect(notices.first?.startedAt == 2000)
    }

    @Test func resolvedNoticeRepeatsTheEvidenceOfTheLastAlert() {
        var engine = AlertEngine(rules: [
            AlertRule(
                name: "blacklisted", match: EventMatch(cause: [.blacklisted]), threshold: 1,
                windowSeconds: 900, groupBy: [.blocklist], groupWaitSeconds: 0)
        ])
        engine.observe(AlertFixture.blacklisted(1000, to: "gmail.com", ip: "203.0.113.5"))
        let fired = engine.evaluate(now: 1000)
        let resolved = engine.evaluate(now: 1000 + 900)
        #expect(fired.map(\.state) == [.firing])
        #expect(resolved.map(\.state) == [.resolved])
        #expect(resolved.first?.count == 0)
        #expect(resolved.first?.listedIP == "203.0.113.5")
        #expect(resolved.first?.blocklist == AlertFixture.zen)
        #expect(resolved.first?.samples == fired.first?.samples)
        #expect(resolved.first?.fingerprint == fired.first?.fingerprint)
        #expect(resolved.first?.startedAt == 1000)
    }
}
