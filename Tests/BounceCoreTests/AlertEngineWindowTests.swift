import Testing

@testable import BounceCore

@Suite struct AlertEngineWindowTests {
    struct SlideCase: Sendable, CustomTestStringConvertible {
        var window: Int
        var times: [Int64]
        var now: Int64
        var counted: Int
        var testDescription: String { "window \(window), events \(times), now \(now)" }
    }

    // Windows under two minutes use 1-second buckets: exact.
    // Longer ones use window/60-second buckets: an event counts at most `window` seconds.
    @Test(arguments: [
        SlideCase(window: 60, times: [100, 130, 159], now: 159, counted: 3),
        SlideCase(window: 60, times: [100, 130, 160], now: 160, counted: 2),
        SlideCase(window: 60, times: [100, 130, 160], now: 189, counted: 2),
        SlideCase(window: 60, times: [100, 130, 160], now: 190, counted: 1),
        SlideCase(window: 60, times: [100, 130, 160], now: 219, counted: 1),
        SlideCase(window: 60, times: [100, 130, 160], now: 220, counted: 0),
        // Not yet: an event stamped after `now` counts once `now` reaches it.
        SlideCase(window: 60, times: [100, 200], now: 150, counted: 1),
        // 600 s window, 10 s buckets: 1000 counts until 1599, 1005 also only until 1599.
        SlideCase(window: 600, times: [1000, 1005], now: 1599, counted: 2),
        SlideCase(window: 600, times: [1000, 1005], now: 1600, counted: 0),
        SlideCase(window: 600, times: [1000, 1009, 1010], now: 1605, counted: 1),
        // Out of order by less than a window: all counted.
        SlideCase(window: 600, times: [1500, 1100, 1400, 1001], now: 1550, counted: 4),
        // An odd window (601 s) still never counts past 601 seconds.
        SlideCase(window: 601, times: [1000], now: 1590, counted: 1),
        SlideCase(window: 601, times: [1000], now: 1600, counted: 0),
    ])
    func windowSlidesOverEventTimes(_ test: SlideCase) {
        let rule = AlertFixture.countRule(threshold: 1, window: test.window)
        let events = test.times.map { AlertFixture.event($0) }
        let notices = AlertFixture.firing(rule, events, now: test.now)
        #expect(notices.first?.count ?? 0 == test.counted)
    }

    @Test func neverCountsAnEventLongerThanItsWindow() {
        for window in [1, 7, 59, 60, 61, 119, 120, 599, 600, 900, 1800, 3601] {
            var geometry = AlertWindow(windowSeconds: window)
            for time: Int64 in [0, 1, 59, 1_764_230_401] {
                let added = geometry.add(time: time, matched: true, denominator: false)
                #expect(added)
                #expect(geometry.contains(time, at: time))
                #expect(!geometry.contains(time, at: time + Int64(window)))
                // The buckets cover all but less than one bucket of the window.
                let covered = Int64(geometry.slots) * geometry.width
                #expect(covered <= Int64(window) && covered > Int64(window) - geometry.width)
                #expect(geometry.contains(time, at: time + covered - geometry.width))
            }
        }
    }

    @Test func firstStartOnAWeekOldLogNeverMails() {
        // A week of log read from the beginning, with every default rule's favourite events,
        // evaluated against the wall clock as the daemon does while catching up.
        let now: Int64 = 1_764_230_400
        var engine = AlertEngine(rules: AlertRule.defaults)
        var notices: [AlertNotice] = []
        let start = now - 7 * 86_400
        for minute in 0..<(6 * 24 * 60) {
            let time = start + Int64(minute * 60)
            engine.observe(AlertFixture.blacklisted(time))
            engine.observe(AlertFixture.event(time, status: .expired, cause: .expired))
            engine.observe(
                AlertFixture.event(
                    time, status: .rejected, cause: .authFailure, kind: .authFailure,
                    direction: .inbound))
            engine.observe(AlertFixture.event(time, cause: .tls, to: "gmail.com"))
            if minute % 500 == 0 { notices += engine.evaluate(now: now + Int64(minute / 500)) }
        }
        notices += engine.evaluate(now: now)
        #expect(notices.isEmpty)
        #expect(engine.firing.values.allSatisfy { $0 == 0 })
        // Fresh events after the backfill still alert.
        engine.observe(AlertFixture.blacklisted(now - 5))
        // The engine's clock already stood at now + 17 (it never goes back).
        let fresh = engine.evaluate(now: now + 20) + engine.evaluate(now: now + 50)
        #expect(fresh.map(\.rule) == ["blacklisted"])
    }

    @Test func backfillAfterDowntimeMailsOnlyWhatIsInsideTheWindow() {
        // Down for two hours; the log holds a blacklisting 90 minutes ago and one 5 minutes
        // ago (window 15 min): only the recent one is counted.
        let now: Int64 = 2_000_000
        var engine = AlertEngine(rules: AlertRule.defaults)
        engine.observe(AlertFixture.blacklisted(now - 5400, list: AlertFixture.zen))
        let barracuda = Blocklist(name: "b.barracudacentral.org", delistURL: nil)
        engine.observe(AlertFixture.blacklisted(now - 300, list: barracuda))
        #expect(engine.evaluate(now: now) == [])
        let notices = engine.evaluate(now: now + 30)
        #expect(notices.map(\.group) == [[AlertLabel("blocklist", "b.barracudacentral.org")]])
    }

    @Test func aLineStampedFarInTheFutureDoesNotBlockCurrentEvents() {
        // A wrong year puts one event a year ahead; events of today keep counting.
        let rule = AlertFixture.countRule(threshold: 3, window: 600)
        var engine = AlertEngine(rules: [rule])
        let now: Int64 = 5_000_000
        engine.observe(AlertFixture.event(now + 365 * 86_400))
        _ = engine.evaluate(now: now)
        for offset: Int64 in [-20, -10, 0] { engine.observe(AlertFixture.event(now + offset)) }
        #expect(engine.evaluate(now: now).first?.count == 3)
    }

    @Test func eventsFarOlderThanWhatAGroupCountedAreStale() {
        let rule = AlertFixture.countRule(threshold: 1, window: 600)
        var engine = AlertEngine(rules: [rule])
        engine.observe(AlertFixture.event(10_000))
        engine.observe(AlertFixture.event(10_000 - 600))
        #expect(engine.staleEvents == 1)
        engine.observe(AlertFixture.event(10_000 - 590))
        #expect(engine.staleEvents == 1)
        #expect(engine.evaluate(now: 10_000).first?.count == 2)
    }
}
