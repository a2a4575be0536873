import Testing

@testable import BounceCore

@Suite struct AlertEngineThresholdTests {
    struct CountCase: Sendable, CustomTestStringConvertible {
        var threshold: Double
        var events: Int
        var fires: Bool
        var testDescription: String { "\(events) events, threshold \(threshold)" }
    }

    @Test(arguments: [
        CountCase(threshold: 1, events: 0, fires: false),
        CountCase(threshold: 1, events: 1, fires: true),
        CountCase(threshold: 30, events: 29, fires: false),
        CountCase(threshold: 30, events: 30, fires: true),
        CountCase(threshold: 30, events: 31, fires: true),
        CountCase(threshold: 2.5, events: 2, fires: false),
        CountCase(threshold: 2.5, events: 3, fires: true),
        CountCase(threshold: 0, events: 0, fires: false),
    ])
    func countThreshold(_ test: CountCase) {
        let rule = AlertFixture.countRule(threshold: test.threshold, window: 600)
        let events = (0..<test.events).map { AlertFixture.event(1000 + Int64($0)) }
        let notices = AlertFixture.firing(rule, events, now: 1100)
        #expect(notices.count == (test.fires ? 1 : 0))
        if test.fires { #expect(notices.first?.count == test.events) }
    }

    @Test func eventsOfOtherCausesDoNotCount() {
        let rule = AlertFixture.countRule(cause: .blacklisted, threshold: 1, window: 600)
        let events = [
            AlertFixture.event(1000, cause: .greylisted),
            AlertFixture.event(1001, status: .sent, cause: nil),
        ]
        #expect(AlertFixture.firing(rule, events, now: 1010).isEmpty)
    }

    struct RatioCase: Sendable, CustomTestStringConvertible {
        var deferred: Int
        var sent: Int
        var bounced: Int
        var minEvents: Int
        var fires: Bool
        var testDescription: String {
            "\(deferred) deferred, \(sent) sent, \(bounced) bounced, min \(minEvents)"
        }
    }

    @Test(arguments: [
        // 30% of 100 reaches 0.3.
        RatioCase(deferred: 30, sent: 70, bounced: 0, minEvents: 50, fires: true),
        RatioCase(deferred: 29, sent: 71, bounced: 0, minEvents: 50, fires: false),
        // Bounces count in the denominator only.
        RatioCase(deferred: 30, sent: 40, bounced: 31, minEvents: 50, fires: false),
        // Everything deferred, but too few events to say.
        RatioCase(deferred: 49, sent: 0, bounced: 0, minEvents: 50, fires: false),
        RatioCase(deferred: 50, sent: 0, bounced: 0, minEvents: 50, fires: true),
        RatioCase(deferred: 15, sent: 35, bounced: 0, minEvents: 50, fires: true),
        RatioCase(deferred: 15, sent: 34, bounced: 0, minEvents: 50, fires: false),
        RatioCase(deferred: 0, sent: 100, bounced: 0, minEvents: 0, fires: false),
    ])
    func ratioWithMinEvents(_ test: RatioCase) {
        let rule = AlertFixture.ratioRule(threshold: 0.3, minEvents: test.minEvents, window: 1800)
        var events: [AlertEvent] = []
        var time: Int64 = 10_000
        for (status, count) in [
            (DeliveryStatus.deferred, test.deferred), (.sent, test.sent), (.bounced, test.bounced),
        ] {
            for _ in 0..<count {
                time += 1
                events.append(
                    AlertFixture.event(
                        time, status: status, cause: status == .sent ? nil : .network,
                        to: "gmail.com"))
            }
        }
        let notices = AlertFixture.firing(rule, events, now: time + 5)
        #expect(notices.count == (test.fires ? 1 : 0))
        if let notice = notices.first {
            let total = test.deferred + test.sent + test.bounced
            #expect(notice.count == test.deferred)
            #expect(notice.denominator == total)
            #expect(notice.ratio == Double(test.deferred) / Double(total))
            #expect(notice.minEvents == test.minEvents)
        }
    }

    @Test func ratioKeepsFiringBelowMinEventsButNotBelowTheRatio() {
        // Fires with 60 of 100 deferred; later only 10 events are left in the window, all
        // deferred: still firing. Then sent mail brings the ratio down: resolved.
        let rule = AlertFixture.ratioRule(threshold: 0.5, minEvents: 50, window: 60)
        var engine = AlertEngine(rules: [rule])
        for second in 0..<100 {
            let status: DeliveryStatus = second < 60 ? .deferred : .sent
            engine.observe(AlertFixture.event(1000 + Int64(second % 50), status: status))
        }
        #expect(AlertFixture.timeline(&engine, at: [1050]) == ["firing"])
        for second in 0..<10 { engine.observe(AlertFixture.event(1100 + Int64(second))) }
        #expect(AlertFixture.timeline(&engine, at: [1110]) == ["-"])
        #expect(engine.firing["storm"] == 1)
        for second in 0..<20 {
            engine.observe(AlertFixture.event(1111 + Int64(second), status: .sent, cause: nil))
        }
        #expect(AlertFixture.timeline(&engine, at: [1131]) == ["resolved"])
        #expect(engine.firing["storm"] == 0)
    }
}
