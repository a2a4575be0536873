import Testing

@testable import BounceCore

extension MetricsStore {
    /// Counts `sample` `times` times from `source`.
    mutating func add(
        _ sample: SampleEvent, times: Int = 1, source: String = "mail.log", time: Int64? = nil
    ) {
        sample.bytes.withUnsafeBufferPointer { line in
            for _ in 0..<times {
                add(sample.event, sample.classification, in: line, source: source, time: time)
            }
        }
    }

    /// Every delivery series of the snapshot, by `destination|mta|status|cause`.
    var deliverySeries: [String: Int] {
        var result: [String: Int] = [:]
        for destination in snapshot().destinations {
            for cell in destination.cells {
                let key =
                    "\(destination.name)|\(cell.mta.identifier)|\(cell.status.identifier)|"
                    + (cell.cause?.identifier ?? "-")
                result[key] = cell.count
            }
        }
        return result
    }

    /// The delivery counts of one destination label, by status.
    func counts(of destination: String) -> StatusCounts? {
        guard let found = snapshot().destinations.first(where: { $0.name == destination }) else {
            return nil
        }
        var counts = StatusCounts()
        for cell in found.cells { counts[cell.status] += cell.count }
        return counts
    }

    var labelNames: [String] {
        snapshot().destinations.map(\.name).filter { $0 != MetricsLabel.other }
    }
}

/// Samples and helpers shared by the metrics store tests.
enum MetricsFixture {}

extension MetricsFixture {
    static func sent(_ domain: String) -> SampleEvent { SampleEvent(status: .sent, domain: domain) }

    static func bounced(_ domain: String, _ cause: Cause = .recipientUnknown) -> SampleEvent {
        SampleEvent(status: .bounced, cause: cause, domain: domain)
    }
}

@Suite struct MetricsStoreTests {
    /// The first write of a fresh store already shows the busiest destinations with what they
    /// had: no series exists yet, so their deliveries can leave `other` without any counter
    /// going down.
    @Test func theFirstRebalancePromotesWithTheDeliveriesSoFar() {
        var store = MetricsStore(topDestinations: 1)
        store.add(MetricsFixture.sent("Gmail.com"), times: 3)
        store.add(MetricsFixture.sent("gmail.com"), times: 2)
        store.add(MetricsFixture.bounced("gmail.com"))
        store.add(MetricsFixture.sent("example.org"), times: 2)
        #expect(store.labelNames.isEmpty)
        store.rebalance()
        #expect(store.labelNames == ["gmail.com"])
        #expect(store.counts(of: "gmail.com") == StatusCounts(sent: 5, bounced: 1))
        #expect(store.counts(of: "other") == StatusCounts(sent: 2))
        #expect(store.snapshot().deliveries == StatusCounts(sent: 7, bounced: 1))
    }

    /// After the first write, a promoted destination's series starts at its promotion: what it
    /// had before stays in `other`, which has been written and must never go down.
    @Test func laterPromotionsLeaveEarlierDeliveriesInOther() {
        var store = MetricsStore(topDestinations: 5)
        store.add(MetricsFixture.sent("first.example"))
        store.rebalance()
        store.add(MetricsFixture.sent("example.org"), times: 3)
        store.add(MetricsFixture.bounced("example.org"))
        #expect(store.labelNames == ["first.example"])
        #expect(store.counts(of: "other") == StatusCounts(sent: 3, bounced: 1))
        store.rebalance()
        #expect(store.labelNames == ["example.org", "first.example"])
        #expect(store.counts(of: "example.org") == StatusCounts())
        store.add(MetricsFixture.sent("Example.ORG"), times: 2)
        #expect(store.counts(of: "example.org") == StatusCounts(sent: 2))
        #expect(store.counts(of: "other") == StatusCounts(sent: 3, bounced: 1))
        #expect(store.snapshot().deliveries == StatusCounts(sent: 6, bounced: 1))
    }

    @Test func sentHasNoCauseAndUnclassifiedFailuresHaveOne() {
        var store = MetricsStore(topDestinations: 5)
        store.add(MetricsFixture.sent("a.example"))
        store.add(SampleEvent(status: .deferred, domain: "a.example"))
        store.add(SampleEvent(mta: .exim, status: .bounced, cause: .network, domain: nil))
        #expect(
            store.deliverySeries == [
                "other|postfix|sent|-": 1, "other|postfix|deferred|unclassified": 1,
                "other|exim|bounced|network": 1,
            ])
    }

    @Test func rejectsSASLAndLinesAreCounted() {
        var store = MetricsStore(topDestinations: 5)
        store.add(SampleEvent(kind: .reject, status: .rejected, cause: .recipientUnknown), times: 2)
        store.add(SampleEvent(mta: .exim, kind: .reject, status: .rejected), times: 1)
        store.add(
            SampleEvent(
                kind: .authFailure, status: .rejected, cause: .authFailure,
                clientIP: "203.0.113.8"),
            times: 3)
        // Our own login refused by a relay (no client named) is no attempt against us.
        store.add(SampleEvent(kind: .authFailure, status: .rejected, cause: .authFailure), times: 2)
        store.countLine(.ignored, source: "b.log")
        store.countLine(.unrecognized, source: "b.log")
        store.countLine(.ignored, source: "a.log")
        store.countTruncatedLine(source: "a.log")
        let snapshot = store.snapshot()
        #expect(
            snapshot.rejects == [
                RejectCell(mta: .postfix, cause: .recipientUnknown, count: 2),
                RejectCell(mta: .exim, cause: .unclassified, count: 1),
            ])
        #expect(snapshot.authFailures == [MTACount(.postfix, 3), MTACount(.exim, 0)])
        #expect(
            snapshot.sources.map(\.name) == ["a.log", "b.log"],
            "sources are sorted by name, and events without lines add none")
        #expect(snapshot.sources.first { $0.name == "mail.log" } == nil)
        #expect(
            snapshot.sources[0] == MetricsSourceCounters(name: "a.log", ignored: 1, truncated: 1))
        #expect(store.totalLines == 3)
        #expect(snapshot.deliveries == StatusCounts())
    }

    @Test func lastEventTimeIsTheTimeOfTheEventReadLast() {
        var store = MetricsStore(topDestinations: 5)
        store.add(MetricsFixture.sent("a.example"), source: "s", time: 1_700_000_100)
        store.add(MetricsFixture.sent("a.example"), source: "s", time: 1_700_000_050)
        store.add(MetricsFixture.sent("a.example"), source: "s", time: nil)
        store.add(MetricsFixture.sent("a.example"), source: "t", time: nil)
        let sources = store.snapshot().sources
        // A stamp far ahead (a bad clock, a hostile line) does not stick.
        #expect(sources.first { $0.name == "s" }?.lastEventTime == 1_700_000_050)
        #expect(sources.first { $0.name == "t" }?.lastEventTime == nil)
    }

    @Test(arguments: [
        ("MiXeD.Example", "mixed.example"),
        ("tab\there.example", "tab\u{FFFD}here.example"),
        ("quote\"back\\slash.example", "quote\"back\\slash.example"),
        ("nul\u{0}.example", "nul\u{FFFD}.example"),
        ("é.example", "é.example"),
    ])
    func destinationLabelsAreCanonical(raw: String, label: String) {
        var store = MetricsStore(topDestinations: 5)
        store.add(MetricsFixture.sent(raw))
        store.rebalance()
        store.add(MetricsFixture.sent(raw))
        #expect(store.labelNames == [label])
        // The first write took the delivery before it along.
        #expect(store.counts(of: label) == StatusCounts(sent: 2))
    }

    @Test func longAndInvalidDomainsBecomeBoundedValidLabels() {
        var store = MetricsStore(topDestinations: 5)
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 10_000)
        let invalid: [UInt8] = [0xFF, 0xFE, UInt8(ascii: "."), UInt8(ascii: "a")]
        for domain in [long, invalid] {
            store.add(SampleEvent(status: .sent, domainBytes: domain, replyBytes: nil))
        }
        store.rebalance()
        let names = store.labelNames
        #expect(names.count == 2)
        for name in names {
            #expect(name.utf8.count <= MetricsLabel.byteLimit)
            #expect(MetricsLabel.canonical(name) == name)
        }
        #expect(names.contains("\u{FFFD}\u{FFFD}.a"))
    }

    /// Byte strings that decode to the same label share one series, so the textfile never holds
    /// two series with the same labels.
    @Test func byteVariantsOfOneLabelShareItsSeries() {
        var store = MetricsStore(topDestinations: 5)
        let first: [UInt8] = [0xFF, UInt8(ascii: "."), UInt8(ascii: "x")]
        let second: [UInt8] = [0xFE, UInt8(ascii: "."), UInt8(ascii: "x")]
        store.add(SampleEvent(status: .sent, domainBytes: first, replyBytes: nil), times: 2)
        store.add(SampleEvent(status: .sent, domainBytes: second, replyBytes: nil))
        store.rebalance()
        store.add(SampleEvent(status: .sent, domainBytes: first, replyBytes: nil))
        store.add(SampleEvent(status: .sent, domainBytes: second, replyBytes: nil))
        #expect(store.labelNames == ["\u{FFFD}.x"])
        // Both variants' deliveries before the first write went along with the promotion.
        #expect(store.counts(of: "\u{FFFD}.x") == StatusCounts(sent: 5))
        #expect(store.snapshot().deliveries.sent == 5)
    }

    @Test func aDomainNamedOtherIsNeverPromoted() {
        var store = MetricsStore(topDestinations: 5)
        store.add(MetricsFixture.sent("OTHER"), times: 10)
        store.add(MetricsFixture.sent("real.example"))
        store.rebalance()
        store.add(MetricsFixture.sent("other"), times: 2)
        #expect(store.labelNames == ["real.example"])
        #expect(store.snapshot().destinations.filter { $0.name == "other" }.count == 1)
        // real.example took its one delivery along at the first write.
        #expect(store.counts(of: "other") == StatusCounts(sent: 12))
    }

    @Test func aRejectedListedClientIsNoBlocklistHit() {
        let spamhaus = Blocklist(name: "zen.spamhaus.org", delistURL: nil)
        var store = MetricsStore(topDestinations: 5)
        store.add(
            SampleEvent(
                kind: .reject, status: .rejected, cause: .blacklisted, domain: "example.com",
                clientIP: "203.0.113.7", blocklist: spamhaus, listedIP: "203.0.113.7"),
            times: 4)
        #expect(store.snapshot().blocklistHits.isEmpty)
        #expect(
            store.snapshot().rejects.contains {
                $0.cause == .blacklisted && $0.mta == .postfix && $0.count == 4
            })
        store.add(
            SampleEvent(
                status: .bounced, cause: .blacklisted, domain: "example.com", blocklist: spamhaus))
        #expect(store.snapshot().blocklistHits.map(\.count) == [1])
    }

    @Test func blocklistHitsFollowTheDestinationLabels() {
        let spamhaus = Blocklist(name: "zen.spamhaus.org", delistURL: nil)
        let listed = SampleEvent(
            status: .bounced, cause: .blacklisted, domain: "hit.example", blocklist: spamhaus)
        var store = MetricsStore(topDestinations: 1)
        store.add(listed)
        store.rebalance()
        store.add(listed, times: 2)
        let hits = { store.snapshot().blocklistHits.map { "\($0.destination)=\($0.count)" } }
        #expect(hits() == ["hit.example=2", "other=1"])
        #expect(store.snapshot().blocklistHits.allSatisfy { $0.blocklist == "zen.spamhaus.org" })
        // A demotion folds the destination's hits into `other`.
        store.setTopDestinations(0)
        store.rebalance()
        #expect(hits() == ["other=3"])
    }

    @Test func blockListNamesAreBounded() {
        var store = MetricsStore(topDestinations: 1)
        for index in 0..<200 {
            let list = Blocklist(name: "list\(index).example", delistURL: nil)
            store.add(
                SampleEvent(status: .bounced, cause: .blacklisted, domain: nil, blocklist: list))
        }
        let hits = store.snapshot().blocklistHits
        #expect(Set(hits.map(\.blocklist)).count == MetricsBlocklists.limit)
        #expect(hits.reduce(0) { $0 + $1.count } == 200)
        #expect(hits.contains { $0.blocklist == "other" })
    }

    @Test func sourcesAreBoundedAndShareCanonicalNames() {
        var store = MetricsStore(topDestinations: 1)
        store.countLine(.ignored, source: "a\u{1}b")
        store.countLine(.ignored, source: "a\u{2}b")
        #expect(store.snapshot().sources.map(\.name) == ["a\u{FFFD}b"])
        for index in 0..<1000 { store.countLine(.ignored, source: "file\(index).log") }
        let sources = store.snapshot().sources
        #expect(sources.count == MetricsSources.limit)
        #expect(sources.contains { $0.name == "other" })
        #expect(store.totalLines == 1002)
    }
}
