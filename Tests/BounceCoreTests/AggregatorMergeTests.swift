import Foundation
import Testing

@testable import BounceCore

/// `ScanAggregator.merge` and the merges of its parts: the aggregates of consecutive pieces of
/// a log, merged in order, give the report one pass over the whole log gives.
@Suite struct AggregatorMergeTests {
    /// Lines no rule explains and delivery lines no parser reads, spread through the examples.
    private static let oddLines = [
        "Dec  6 10:00:00 mx1 postfix/smtp[1]: ABC124: to=<a@weird.test> status=bounced garbled",
        "Dec  6 10:00:01 mx1 postfix/smtp[1]: status=bounced (oops)",
        "Dec  6 10:00:01 mx1 postfix/smtp[1]: ABC125: to=<, status=deferred",
    ]

    /// The bundled example logs, Postfix then Exim, with `oddLines` among them: every section
    /// of a report has rows.
    private static let exampleLines: [String] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var lines = ["examples/mail.log", "examples/exim-mainlog"].flatMap { name in
            let text = (try? String(contentsOf: root.appendingPathComponent(name), encoding: .utf8))
            return (text ?? "").split(separator: "\n").map(String.init)
        }
        for (index, line) in (oddLines + oddLines).enumerated() {
            lines.insert(line, at: Swift.min(lines.count, 100 + index * 170))
        }
        return lines
    }()

    /// Counts `lines` as `scan` does, under `source`.
    private static func aggregate(_ lines: ArraySlice<String>, source: String = "mail.log")
        -> ScanAggregator
    {
        var aggregator = ScanAggregator(topDestinations: 10)
        aggregator.followsMessages = true
        aggregator.countAsScan(lines.lazy.map { Array($0.utf8) }, source: source)
        return aggregator
    }

    @Test func examplesHaveEverySection() {
        let report = Self.aggregate(Self.exampleLines[...]).report()
        #expect(Self.exampleLines.count > 1000)
        #expect(!report.blocklists.isEmpty)
        #expect(report.rejects.total > 0)
        #expect(report.authFailures.total > 0)
        #expect(!report.hosts.isEmpty)
        #expect(!report.providers.isEmpty)
        #expect(report.unclassifiedShapes.total > 0)
        #expect(report.unrecognizedDeliveryShapes.total > 0)
        #expect((report.senders?.domains.count ?? 0) > 3)
        #expect(report.senders?.users.isEmpty == false)
        #expect(report.deliveryDelays.contains { $0.count > 0 })
    }

    @Test(arguments: [1, 2, 3, 7, 16])
    func piecesMergedInOrderGiveTheSinglePassReport(pieces: Int) {
        let lines = Self.exampleLines
        let whole = Self.aggregate(lines[...]).report()
        var merged = ScanAggregator(topDestinations: 10)
        merged.followsMessages = true
        for index in 0..<pieces {
            let range = lines.count * index / pieces..<lines.count * (index + 1) / pieces
            merged.merge(Self.aggregate(lines[range]))
        }
        #expect(merged.report() == whole)
    }

    @Test func everyCutOfTheExamplesMergesExactly() {
        let lines = Self.exampleLines
        let whole = Self.aggregate(lines[...]).report()
        // Every 37th line: cuts fall inside runs of one queue id, one host, one block list.
        for cut in stride(from: 0, through: lines.count, by: 37) {
            var first = Self.aggregate(lines[..<cut])
            first.merge(Self.aggregate(lines[cut...]))
            #expect(first.report() == whole, "cut at line \(cut)")
        }
    }

    @Test func sourcesKeepTheirOrderAndAddUp() {
        let lines = Self.exampleLines
        var merged = Self.aggregate(lines[..<100], source: "a.log")
        merged.merge(Self.aggregate(lines[100..<200], source: "b.log"))
        merged.merge(Self.aggregate(lines[200...], source: "a.log"))
        merged.countUnreadableInput(source: "c.log", reason: "missing")
        let report = merged.report()
        #expect(report.lines.map(\.source) == ["a.log", "b.log"])
        let counted: Int = report.lines.reduce(0) { $0 + $1.events + $1.ignored + $1.unrecognized }
        #expect(counted == lines.count)
        #expect(report.unreadableInputs.map(\.source) == ["c.log"])
    }

    @Test func overflowingDestinationsStayBoundedAndSaySo() {
        // More domains than the table holds, in two halves: totals stay exact, and the report
        // says the destination rows are approximate.
        func half(_ offset: Int) -> ScanAggregator {
            var aggregator = ScanAggregator(topDestinations: 10)
            for index in 0..<3000 {
                aggregator.add(
                    SampleEvent(
                        status: .bounced, cause: .recipientUnknown,
                        domain: "d\(offset + index).test",
                        reply: "550 5.1.1 unknown"))
            }
            aggregator.add(
                SampleEvent(status: .sent, domain: "big.test"), times: 500 + offset / 1000)
            return aggregator
        }
        var merged = half(0)
        merged.merge(half(3000))
        let report = merged.report()
        #expect(report.deliveries.total == 6000 + 500 + 503)
        #expect(report.destinationsApproximate)
        #expect(report.destinations.first?.name == "big.test")
        #expect(report.destinations.first?.counts.total == 1003)
        let listed = report.destinations.map(\.counts.total).reduce(0, +)
        #expect(listed + report.otherDestinations.counts.total == report.deliveries.total)
    }

    @Test func sampleReplyIsTheFirstInLogOrder() {
        var first = ScanAggregator(topDestinations: 10)
        var second = ScanAggregator(topDestinations: 10)
        second.add(
            SampleEvent(
                status: .bounced, cause: .recipientUnknown, domain: "a.test", reply: "550 b"))
        var merged = first
        merged.merge(second)
        #expect(merged.report().causes.first?.sampleReply == "550 b")
        first.add(
            SampleEvent(
                status: .bounced, cause: .recipientUnknown, domain: "a.test", reply: "550 a"))
        first.merge(second)
        #expect(first.report().causes.first?.sampleReply == "550 a")
    }
}

/// The merges of the parts that have rules of their own.
@Suite struct AggregatePartMergeTests {
    @Test func spaceSavingMergeWithinCapacityIsExact() {
        var single = SpaceSavingTable(capacity: 8, keyLimit: 16)
        var first = SpaceSavingTable(capacity: 8, keyLimit: 16)
        var second = SpaceSavingTable(capacity: 8, keyLimit: 16)
        let keys = ["a", "B", "c", "a", "d", "A", "e", "c", "f", "g", "a"]
        for (index, key) in keys.enumerated() {
            Array(key.utf8).withUnsafeBufferPointer { bytes in
                _ = single.increment(bytes)
                if index < 5 { _ = first.increment(bytes) } else { _ = second.increment(bytes) }
            }
        }
        _ = first.merge(second)
        func counts(_ table: SpaceSavingTable) -> [String: Int] {
            Dictionary(
                uniqueKeysWithValues: (0..<table.used).map { (table.key($0), table.guaranteed($0)) }
            )
        }
        #expect(counts(first) == counts(single))
        #expect(first.replacements == 0)
    }

    @Test func spaceSavingMergePastCapacityKeepsItsBounds() {
        var first = SpaceSavingTable(capacity: 4, keyLimit: 16)
        var second = SpaceSavingTable(capacity: 4, keyLimit: 16)
        for _ in 0..<10 { Array("heavy".utf8).withUnsafeBufferPointer { _ = first.increment($0) } }
        for key in ["p", "q", "r", "s", "t", "u"] {
            Array(key.utf8).withUnsafeBufferPointer { _ = second.increment($0) }
        }
        _ = first.merge(second)
        #expect(first.replacements > 0)
        #expect(first.used == 4)
        #expect((0..<first.used).map { first.key($0) }.contains("heavy"))
        #expect(first.counts.reduce(0, +) >= 16)
    }

    @Test func timelineMergeWidensAsOnePassDoes() {
        // Moments over about 40 days: one pass widens the buckets to a day.
        let moments = (0..<200).map { 1_700_000_000 + $0 * 17_987 }
        var single = FailureTimeline()
        for moment in moments {
            single.addFailure(at: moment, cause: .recipientUnknown)
            single.addBlocklistHit(at: moment, list: "list\(moment % 7)")
        }
        for cut in [0, 1, 50, 120, 199, 200] {
            var first = FailureTimeline()
            var second = FailureTimeline()
            for (index, moment) in moments.enumerated() {
                if index < cut {
                    first.addFailure(at: moment, cause: .recipientUnknown)
                    first.addBlocklistHit(at: moment, list: "list\(moment % 7)")
                } else {
                    second.addFailure(at: moment, cause: .recipientUnknown)
                    second.addBlocklistHit(at: moment, list: "list\(moment % 7)")
                }
            }
            first.merge(second)
            #expect(
                first.report(utcOffset: { _ in 0 }) == single.report(utcOffset: { _ in 0 }),
                "cut at \(cut)")
        }
    }

    @Test func blocklistMergeKeepsTheFirstListedIPsInLogOrder() {
        var single = BlocklistTally(delistURL: nil)
        var first = BlocklistTally(delistURL: nil)
        var second = BlocklistTally(delistURL: nil)
        let ips = ["192.0.2.1", "192.0.2.9", "192.0.2.5", "192.0.2.3", "192.0.2.7"]
        for (index, ip) in ips.enumerated() {
            single.record(ip: ip, domain: "d\(index).test", ipLimit: 3, domainLimit: 4)
            if index < 1 {
                first.record(ip: ip, domain: "d\(index).test", ipLimit: 3, domainLimit: 4)
            } else {
                second.record(ip: ip, domain: "d\(index).test", ipLimit: 3, domainLimit: 4)
            }
        }
        first.merge(second, ipLimit: 3, domainLimit: 4)
        #expect(first.listedIPs == single.listedIPs)
        #expect(first.domains == single.domains)
        #expect(first.hits == single.hits)
    }

    @Test func tierCountsAdd() {
        var first = TierCounts()
        var second = TierCounts()
        first.add(tier: nil, count: 2)
        second.add(tier: nil, count: 3)
        first.merge(second)
        #expect(first.count(of: TierCounts.none) == 5)
    }
}
