import Testing

@testable import BounceCore

private let spamhaus = Blocklist(
    name: "zen.spamhaus.org", delistURL: "https://check.spamhaus.org/")

@Test func countsDeliveriesByStatusAndCause() {
    var aggregator = ScanAggregator(topDestinations: 5)
    aggregator.add(SampleEvent(status: .sent, domain: "example.com"), times: 3)
    aggregator.add(
        SampleEvent(
            status: .deferred, cause: .greylisted, domain: "example.com",
            reply: "450 4.2.0 Greylisted, see https://postgrey.example/"))
    aggregator.add(
        SampleEvent(
            status: .deferred, cause: .greylisted, domain: "example.org",
            reply: "451 4.7.1 Please try again later"))
    aggregator.add(
        SampleEvent(
            status: .bounced, cause: .recipientUnknown, domain: "example.org",
            reply: "550 5.1.1 User unknown"))
    aggregator.add(SampleEvent(status: .expired, cause: .expired, domain: "example.net"))
    let report = aggregator.report()

    #expect(report.deliveries == StatusCounts(sent: 3, deferred: 2, bounced: 1, expired: 1))
    #expect(report.causes.map(\.cause) == [.greylisted, .recipientUnknown, .expired])
    let greylisted = report.causes[0]
    #expect(greylisted.counts == StatusCounts(deferred: 2))
    // The first reply seen is kept, not the last.
    #expect(greylisted.sampleReply == "450 4.2.0 Greylisted, see https://postgrey.example/")
    #expect(report.causes[1].sampleReply == "550 5.1.1 User unknown")
    // No reply text: no sample.
    #expect(report.causes[2].sampleReply == nil)
}

@Test func failureWithoutClassificationCountsAsUnclassified() {
    var aggregator = ScanAggregator(topDestinations: 5)
    aggregator.add(SampleEvent(status: .bounced, domain: "example.com", reply: "554 odd"))
    let report = aggregator.report()
    #expect(report.causes.map(\.cause) == [.unclassified])
    #expect(report.destinations.first?.mainCauses == [CauseCount(.unclassified, 1)])
}

@Test func domainsAreCountedLowerCased() {
    var aggregator = ScanAggregator(topDestinations: 5)
    aggregator.add(SampleEvent(status: .sent, domain: "Example.COM"))
    aggregator.add(SampleEvent(status: .sent, domain: "example.com"))
    aggregator.add(
        SampleEvent(status: .bounced, cause: .recipientUnknown, domain: "EXAMPLE.com"))
    let report = aggregator.report()
    #expect(report.destinations.map(\.name) == ["example.com"])
    #expect(report.destinations[0].counts == StatusCounts(sent: 2, bounced: 1))
    #expect(report.otherDestinations.counts.total == 0)
}

@Test func foldsDomainsBeyondTopNIntoOther() {
    var aggregator = ScanAggregator(topDestinations: 2)
    aggregator.add(SampleEvent(status: .sent, domain: "big.example"), times: 5)
    aggregator.add(
        SampleEvent(status: .deferred, cause: .network, domain: "mid.example"), times: 3)
    aggregator.add(SampleEvent(status: .sent, domain: "small.example"), times: 2)
    aggregator.add(
        SampleEvent(status: .bounced, cause: .spam, domain: "tiny.example"))
    // No domain at all (a local delivery without one) also lands in `other`.
    aggregator.add(SampleEvent(status: .bounced, cause: .localDelivery))
    let report = aggregator.report()

    #expect(report.destinations.map(\.name) == ["big.example", "mid.example"])
    #expect(report.destinations[1].counts == StatusCounts(deferred: 3))
    #expect(report.otherDestinations.name == "other")
    #expect(report.otherDestinations.counts == StatusCounts(sent: 2, bounced: 2))
    #expect(
        report.otherDestinations.mainCauses == [
            CauseCount(.spam, 1), CauseCount(.localDelivery, 1),
        ]
    )
    #expect(!report.destinationsApproximate)
    // Every delivery is in exactly one destination row.
    let rows = report.destinations + [report.otherDestinations]
    #expect(rows.reduce(0) { $0 + $1.counts.total } == report.deliveries.total)
    #expect(
        rows.flatMap(\.cells).reduce(0) { $0 + $1.count } == report.deliveries.total)
}

@Test func tiesBetweenDomainsAreBrokenByName() {
    var aggregator = ScanAggregator(topDestinations: 2)
    for name in ["c.example", "a.example", "b.example"] {
        aggregator.add(SampleEvent(status: .sent, domain: name))
    }
    #expect(aggregator.report().destinations.map(\.name) == ["a.example", "b.example"])
}

@Test func mainCausesAreTheThreeLargest() {
    var aggregator = ScanAggregator(topDestinations: 1)
    let domain = "example.com"
    aggregator.add(SampleEvent(status: .deferred, cause: .greylisted, domain: domain), times: 1)
    aggregator.add(SampleEvent(status: .deferred, cause: .network, domain: domain), times: 4)
    aggregator.add(SampleEvent(status: .bounced, cause: .network, domain: domain), times: 1)
    aggregator.add(
        SampleEvent(mta: .exim, status: .bounced, cause: .spam, domain: domain), times: 3)
    aggregator.add(SampleEvent(status: .expired, cause: .expired, domain: domain), times: 2)
    aggregator.add(SampleEvent(status: .sent, domain: domain), times: 9)
    let destination = aggregator.report().destinations[0]
    #expect(
        destination.mainCauses == [
            CauseCount(.network, 5), CauseCount(.spam, 3), CauseCount(.expired, 2),
        ])
    #expect(
        destination.cells.first == DeliveryCell(mta: .postfix, status: .sent, cause: nil, count: 9))
    #expect(
        destination.cells.contains(
            DeliveryCell(mta: .exim, status: .bounced, cause: .spam, count: 3)))
}

@Test func keepsBlocklistsWithListedIPsAndDestinations() {
    var aggregator = ScanAggregator(topDestinations: 1)
    aggregator.add(SampleEvent(status: .sent, domain: "top.example"), times: 10)
    for index in 0..<20 {
        aggregator.add(
            SampleEvent(
                status: .deferred, cause: .blacklisted,
                domain: index < 15 ? "top.example" : "rare\(index).example",
                reply: "554 5.7.1 Service unavailable; blocked using zen.spamhaus.org",
                blocklist: spamhaus, listedIP: "192.0.2.\(index)"))
    }
    aggregator.add(
        SampleEvent(
            status: .bounced, cause: .blacklisted, domain: "outlook.example",
            blocklist: Blocklist(name: "Microsoft S3150", delistURL: nil)))
    let report = aggregator.report()

    #expect(report.blocklists.map(\.name) == ["zen.spamhaus.org", "Microsoft S3150"])
    let zen = report.blocklists[0]
    #expect(zen.hits == 20)
    #expect(zen.delistURL == "https://check.spamhaus.org/")
    #expect(zen.listedIPs.count == ScanAggregator.listedIPLimit)
    #expect(zen.listedIPs == zen.listedIPs.sorted())
    #expect(zen.destinations == [NamedCount("top.example", 15), NamedCount("other", 5)])
    #expect(report.blocklists[1].listedIPs.isEmpty)
    #expect(report.blocklists[1].destinations == [NamedCount("other", 1)])
}

@Test func rejectsOfListedClientsCountByListNotAsHitsOnUs() {
    var aggregator = ScanAggregator(topDestinations: 5)
    // This server refused clients that its own DNSBL checks found listed: nothing says that
    // a receiver lists us, so the block list section stays empty.
    aggregator.add(
        SampleEvent(
            kind: .reject, status: .rejected, cause: .blacklisted, domain: "example.com",
            reply: "554 5.7.1 Service unavailable; blocked using zen.spamhaus.org",
            clientIP: "203.0.113.7", blocklist: spamhaus, listedIP: "203.0.113.7"),
        times: 3)
    aggregator.add(
        SampleEvent(
            mta: .exim, kind: .reject, status: .rejected, cause: .blacklisted,
            clientIP: "198.51.100.4",
            blocklist: Blocklist(name: "bl.spamcop.net", delistURL: nil),
            listedIP: "198.51.100.4"))
    var report = aggregator.report()
    #expect(report.blocklists.isEmpty)
    #expect(report.rejects.byCause == [CauseCount(.blacklisted, 4)])
    #expect(
        report.rejects.byBlocklist == [
            NamedCount("zen.spamhaus.org", 3), NamedCount("bl.spamcop.net", 1),
        ])

    // A failed delivery with the same list is a hit on us.
    aggregator.add(
        SampleEvent(
            status: .deferred, cause: .blacklisted, domain: "gmail.com",
            blocklist: spamhaus, listedIP: "192.0.2.1"))
    report = aggregator.report()
    #expect(report.blocklists.map(\.name) == ["zen.spamhaus.org"])
    #expect(report.blocklists.first?.hits == 1)
    #expect(report.blocklists.first?.listedIPs == ["192.0.2.1"])
    #expect(report.rejects.byBlocklist.first == NamedCount("zen.spamhaus.org", 3))
}

@Test func blocklistNamesAreCapped() {
    var aggregator = ScanAggregator(topDestinations: 1)
    let lists = ScanAggregator.blocklistLimit + 10
    for index in 0..<lists {
        aggregator.add(
            SampleEvent(
                status: .deferred, cause: .blacklisted, domain: "example.com",
                blocklist: Blocklist(name: "list\(index).example", delistURL: nil)))
    }
    let report = aggregator.report()
    #expect(report.blocklists.count == ScanAggregator.blocklistLimit + 1)
    #expect(
        report.blocklists.first
            == BlocklistSummary(
                name: "other", delistURL: nil, hits: 10,
                destinations: [NamedCount("example.com", 10)]))
    #expect(report.blocklists.reduce(0) { $0 + $1.hits } == lists)
}

@Test func countsRejectsByCauseWithTopClients() {
    var aggregator = ScanAggregator(topDestinations: 1)
    aggregator.add(
        SampleEvent(
            kind: .reject, status: .rejected, cause: .blacklisted, clientIP: "203.0.113.7",
            blocklist: spamhaus),
        times: 3)
    aggregator.add(
        SampleEvent(
            kind: .reject, status: .rejected, cause: .recipientUnknown, clientIP: "203.0.113.9"))
    aggregator.add(
        SampleEvent(
            mta: .exim, kind: .reject, status: .rejected, cause: .recipientUnknown,
            clientIP: "2001:db8::1"))
    let report = aggregator.report()

    #expect(report.rejects.total == 5)
    #expect(
        report.rejects.cells == [
            RejectCell(mta: .postfix, cause: .recipientUnknown, count: 1),
            RejectCell(mta: .postfix, cause: .blacklisted, count: 3),
            RejectCell(mta: .exim, cause: .recipientUnknown, count: 1),
        ])
    #expect(
        report.rejects.byCause == [
            CauseCount(.blacklisted, 3), CauseCount(.recipientUnknown, 2),
        ])
    #expect(
        report.rejects.topClients == [
            NamedCount("203.0.113.7", 3), NamedCount("2001:db8::1", 1),
            NamedCount("203.0.113.9", 1),
        ])
    #expect(report.causes.first?.counts == StatusCounts(rejected: 3))
    // Rejects are not deliveries.
    #expect(report.deliveries.total == 0)
}

@Test func countsSASLFailuresPerMTAWithTopClients() {
    var aggregator = ScanAggregator(topDestinations: 1)
    aggregator.add(
        SampleEvent(
            kind: .authFailure, status: .rejected, cause: .authFailure, clientIP: "198.51.100.1"),
        times: 4)
    aggregator.add(
        SampleEvent(
            mta: .exim, kind: .authFailure, status: .rejected, cause: .authFailure,
            clientIP: "198.51.100.2"))
    // Our own client failing against a smart host names no client: no attack on us, counted
    // apart (and still under its cause).
    aggregator.add(
        SampleEvent(kind: .authFailure, status: .deferred, cause: .authFailure), times: 2)
    let report = aggregator.report()
    let failures = report.authFailures
    #expect(failures.total == 5)
    #expect(failures.byMTA == [MTACount(.postfix, 4), MTACount(.exim, 1)])
    #expect(
        failures.topClients == [NamedCount("198.51.100.1", 4), NamedCount("198.51.100.2", 1)])
    #expect(failures.relayLoginFailures == 2)
    #expect(report.causes.first { $0.cause == .authFailure }?.counts.total == 7)
}

@Test func topClientsAreBoundedToTen() {
    var aggregator = ScanAggregator(topDestinations: 1)
    for index in 0..<1000 {
        aggregator.add(
            SampleEvent(
                kind: .authFailure, status: .rejected, cause: .authFailure,
                clientIP: "10.0.\(index / 256).\(index % 256)"))
    }
    aggregator.add(
        SampleEvent(
            kind: .authFailure, status: .rejected, cause: .authFailure, clientIP: "10.9.9.9"),
        times: 50)
    let failures = aggregator.report().authFailures
    #expect(failures.topClients.count == ScanAggregator.topClients)
    #expect(failures.topClients.first?.name == "10.9.9.9")
    #expect(aggregator.authClients.used == ScanAggregator.clientCapacity)
}

@Test func countsLinesPerSource() {
    var aggregator = ScanAggregator(topDestinations: 1)
    let event = ParseResult.event(
        RawEvent(mta: .postfix, kind: .delivery, status: .sent, timestamp: nil))
    for _ in 0..<3 { aggregator.countLine(event, source: "maillog") }
    aggregator.countLine(.ignored, source: "maillog")
    aggregator.countLine(.unrecognized, source: "mainlog")
    aggregator.countLine(.unrecognized, source: "maillog")
    aggregator.countTruncatedLine(source: "mainlog")
    aggregator.countUnreadableInput(source: "maillog.2.gz", reason: "truncated gzip stream")
    let report = aggregator.report()
    #expect(
        report.lines == [
            SourceLines(source: "maillog", events: 3, ignored: 1, unrecognized: 1),
            SourceLines(source: "mainlog", unrecognized: 1, truncated: 1),
        ])
    #expect(report.unrecognizedLines == 2)
    #expect(report.truncatedLines == 1)
    #expect(
        report.unreadableInputs == [
            UnreadableInput(source: "maillog.2.gz", reason: "truncated gzip stream")
        ])
}

@Test func timeRangeIsFirstAndLastStampInInputOrder() {
    var aggregator = ScanAggregator(topDestinations: 1)
    let first = LogTimestamp(year: nil, month: 12, day: 31, hour: 23, minute: 59, second: 58)
    let last = LogTimestamp(year: nil, month: 1, day: 1, hour: 0, minute: 0, second: 3)
    aggregator.add(SampleEvent(status: .sent, domain: "a.example", timestamp: first))
    aggregator.add(SampleEvent(status: .sent, domain: "a.example"))
    aggregator.add(SampleEvent(status: .sent, domain: "a.example", timestamp: last))
    let report = aggregator.report()
    #expect(report.firstEvent == first)
    #expect(report.lastEvent == last)
}

@Test func sampleReplyIsCutAtAUTF8Boundary() {
    var aggregator = ScanAggregator(topDestinations: 1)
    // 299 ASCII bytes then "é" (2 bytes): cutting at 300 would split it.
    let reply = String(repeating: "x", count: 299) + "é" + String(repeating: "y", count: 10_000)
    aggregator.add(SampleEvent(status: .bounced, cause: .spam, domain: "a.example", reply: reply))
    let sample = aggregator.report().causes.first?.sampleReply
    #expect(sample == String(repeating: "x", count: 299))
}

@Test func sampleReplyWithInvalidUTF8StaysWithinTheCap() {
    var aggregator = ScanAggregator(topDestinations: 1)
    aggregator.add(
        SampleEvent(
            status: .bounced, cause: .spam, domainBytes: Array("a.example".utf8),
            replyBytes: [UInt8](repeating: 0xFF, count: 1000)))
    let sample = aggregator.report().causes.first?.sampleReply ?? ""
    #expect(!sample.isEmpty)
    #expect(sample.utf8.count <= ScanAggregator.sampleReplyLimit)
}

@Test func topDestinationsIsClamped() {
    var aggregator = ScanAggregator(topDestinations: 1_000_000)
    for index in 0..<ScanAggregator.maximumTopDestinations + 100 {
        aggregator.add(SampleEvent(status: .sent, domain: "d\(index).example"))
    }
    let report = aggregator.report()
    #expect(report.destinations.count == ScanAggregator.maximumTopDestinations)
    #expect(report.otherDestinations.counts.sent == 100)
    #expect(aggregator.domains.capacity == ScanAggregator.minimumDomainCapacity)
    var small = ScanAggregator(topDestinations: 0)
    small.add(SampleEvent(status: .sent, domain: "a.example"))
    small.add(SampleEvent(status: .sent, domain: "b.example"))
    #expect(small.report().destinations.count == 1)
}
