import Testing

@testable import BounceCore

@Suite struct AlertEngineEvidenceTests {
    static let blacklisted = AlertRule(
        name: "blacklisted", match: EventMatch(cause: [.blacklisted]), threshold: 1,
        windowSeconds: 900, groupBy: [.blocklist], groupWaitSeconds: 0)

    @Test func destinationsCausesListAndIP() {
        var events: [AlertEvent] = []
        let spread = [
            ("gmail.com", 20), ("yahoo.com", 10), ("gmx.de", 5), ("web.de", 3),
            ("t-online.de", 2), ("orange.fr", 1), ("free.fr", 1),
        ]
        var time: Int64 = 5000
        for (domain, count) in spread {
            for _ in 0..<count {
                time += 1
                events.append(AlertFixture.blacklisted(time, to: domain, ip: "203.0.113.5"))
            }
        }
        // The most recent event names another address: the notice reports the newest.
        events.append(AlertFixture.blacklisted(time + 1, to: "gmail.com", ip: "203.0.113.9"))
        let notice = AlertFixture.firing(Self.blacklisted, events, now: time + 2).first
        #expect(notice?.count == 43)
        #expect(notice?.destinationCount == 7)
        #expect(
            notice?.destinations == [
                NamedCount("gmail.com", 21), NamedCount("yahoo.com", 10), NamedCount("gmx.de", 5),
                NamedCount("web.de", 3), NamedCount("t-online.de", 2),
            ])
        #expect(notice?.cause == .blacklisted)
        #expect(notice?.causes == [CauseCount(.blacklisted, 43)])
        #expect(notice?.status == .deferred)
        #expect(notice?.blocklist == AlertFixture.zen)
        #expect(notice?.listedIP == "203.0.113.9")
        #expect(notice?.evidenceCount == nil)
        #expect(notice?.group == [AlertLabel("blocklist", "zen.spamhaus.org")])
        #expect(notice?.startedAt == 5001)
    }

    @Test func samplesAreTheThreeMostRecentInTimeOrderAndBounded() {
        let rule = AlertFixture.countRule(threshold: 1, window: 600)
        let long = String(repeating: "x", count: 10_000)
        let events = [
            AlertFixture.event(1004, line: "four"), AlertFixture.event(1001, line: "one"),
            AlertFixture.event(1005, line: long), AlertFixture.event(1003, line: "three"),
            AlertFixture.event(1002, line: "two"),
        ]
        let notice = AlertFixture.firing(rule, events, now: 1010).first
        #expect(notice?.samples.count == 3)
        #expect(notice?.samples.prefix(2) == ["three", "four"])
        #expect(notice?.samples.last?.utf8.count == AlertLimits.lineBytes)
    }

    @Test func mixedCausesAndStatusesAreNotUnique() {
        let rule = AlertRule(
            name: "failures", match: EventMatch(status: [.deferred, .bounced]), threshold: 1,
            windowSeconds: 600, groupWaitSeconds: 0)
        let events = [
            AlertFixture.event(1000, status: .deferred, cause: .network),
            AlertFixture.event(1001, status: .bounced, cause: .recipientUnknown),
            AlertFixture.event(1002, status: .deferred, cause: .network),
        ]
        let notice = AlertFixture.firing(rule, events, now: 1010).first
        #expect(notice?.cause == nil)
        #expect(notice?.status == nil)
        #expect(notice?.kind == .delivery)
        #expect(notice?.causes == [CauseCount(.network, 2), CauseCount(.recipientUnknown, 1)])
    }

    @Test func evidenceIsMarkedWhenTakenFromTheMostRecentOnly() {
        let rule = AlertFixture.countRule(threshold: 1, window: 600)
        let events = (0..<100).map {
            AlertFixture.event(1000 + Int64($0), to: "d\($0 % 10).example")
        }
        let notice = AlertFixture.firing(rule, events, now: 1100).first
        #expect(notice?.count == 100)
        #expect(notice?.evidenceCount == AlertLimits.recentMatches)
        #expect(notice?.destinationCount == 10)
    }

    @Test func fingerprintIsStableAndDependsOnRuleAndGroup() {
        let group = [AlertLabel("destination", "gmail.com")]
        let first = AlertFingerprint.of(rule: "tls", group: group)
        #expect(first == AlertFingerprint.of(rule: "tls", group: group))
        #expect(first.count == 16)
        #expect(first != AlertFingerprint.of(rule: "tls", group: []))
        #expect(first != AlertFingerprint.of(rule: "expired", group: group))
        #expect(
            AlertFingerprint.of(rule: "a", group: [AlertLabel("b", "c")])
                != AlertFingerprint.of(rule: "ab", group: [AlertLabel("", "c")]))
        // FNV-1a 64 of the empty rule name and its separator: fixed forever.
        var hash = FNV1a()
        hash.add("")
        #expect(AlertFingerprint.of(rule: "", group: []) == hash.hex)
        #expect(hash.hex == "af63bd4c8601b7df")
    }
}
