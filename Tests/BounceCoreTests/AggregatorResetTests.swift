import Foundation
import Testing

@testable import BounceCore

/// `ScanAggregator.reset` and the resets of its parts: an aggregate that counted other lines,
/// reset and then fed a log, reports exactly what a new aggregate fed the same log reports.
/// Anything a reset leaves behind (a count, a sample, a table entry, a cached key, a source)
/// shows in the report.
@Suite struct AggregatorResetTests {
    /// Lines that fill the sections the examples leave empty.
    private static let oddLines: [String] = [
        "Dec  6 10:00:01 mx1 postfix/smtp[1]: status=bounced (oops)",
        // A reply no rule explains: an unclassified shape.
        "Dec  6 10:00:01 mx1 postfix/smtp[1]: ABC125: to=<u@a.test>, relay=none, "
            + "dsn=4.0.0, status=deferred (Computer says no 42)",
        // A cause decided by the bare reply code: a guessed shape.
        "Dec  6 10:00:02 mx1 postfix/smtp[1]: 0CD1C1BAC8: to=<a@b.example>, relay=mx.b"
            + ".example[192.0.2.9]:25, delay=2, delays=0/0/0/2, dsn=5.0.0, status=bounced"
            + " (host mx.b.example[192.0.2.9] said: 550 Computer says no 42 (in reply to"
            + " end of DATA command))",
    ]

    /// The bundled example logs, Postfix then Exim, and `oddLines`: every section of a report
    /// has rows.
    private static let exampleLines: [[UInt8]] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var lines: [[UInt8]] = []
        for name in ["examples/mail.log", "examples/exim-mainlog"] {
            let data = (try? Data(contentsOf: root.appendingPathComponent(name))) ?? Data()
            lines += data.split(separator: 0x0A).map { Array($0) }
        }
        return lines + oddLines.map { Array($0.utf8) }
    }()

    /// More distinct destinations, relays, hosts and reply shapes than the tables hold, so
    /// that Space-Saving replaces keys (and the report says `approximate`) before a reset.
    private static let overflowingLines: [[UInt8]] = (0..<5000).map { index in
        let domain = "d\(index).example"
        return Array(
            ("Dec  6 11:\(index / 600 % 60 + 10):\(index % 60 + 10) host\(index) postfix/smtp[9]: "
                + "\(String(0xA0000 + index, radix: 16, uppercase: true))F1: to=<u\(index)@\(domain)>, relay=mx.\(domain)[192.0.2.\(index % 250)]:25,"
                + " delay=1, delays=0/0/0/1, dsn=5.7.1, status=bounced (host mx.\(domain)"
                + "[192.0.2.\(index % 250)] said: 550 5.7.1 Go away \(String(index, radix: 36))"
                + " x\(index)y (in reply to RCPT TO command))").utf8)
    }

    /// A new aggregate that follows messages, so that the message state is reset too.
    private static func newAggregate() -> ScanAggregator {
        var aggregator = ScanAggregator(topDestinations: 10)
        aggregator.followsMessages = true
        return aggregator
    }

    private static func fresh(_ lines: [[UInt8]], source: String = "mail.log") -> ScanReport {
        var aggregator = Self.newAggregate()
        aggregator.countAsScan(lines, source: source)
        return aggregator.report()
    }

    /// An aggregate that counted every section (and an unreadable input) under other sources.
    private static func used() -> ScanAggregator {
        var aggregator = Self.newAggregate()
        aggregator.countAsScan(exampleLines, source: "old.log")
        aggregator.countUnreadableInput(source: "gone.log", reason: "No such file")
        aggregator.countTruncatedLine(source: "old.log")
        return aggregator
    }

    @Test func aResetAggregateReportsAsANewOne() {
        let used = Self.used().report()
        #expect(!used.blocklists.isEmpty && !used.hosts.isEmpty && !used.providers.isEmpty)
        #expect(used.senders?.domains.isEmpty == false)
        #expect(used.unclassifiedShapes.total > 0 && used.guessedShapes.total > 0)
        #expect(used.deliveryDelays.contains { $0.count > 0 })
        var aggregator = Self.used()
        aggregator.reset()
        #expect(aggregator.report() == Self.newAggregate().report())
        aggregator.countAsScan(Self.exampleLines)
        #expect(aggregator.report() == Self.fresh(Self.exampleLines))
    }

    @Test func aResetAfterTablesOverflowedCountsExactlyAgain() {
        var aggregator = Self.used()
        aggregator.countAsScan(Self.overflowingLines, source: "big.log")
        let overflowed = aggregator.report()
        #expect(overflowed.destinationsApproximate)
        aggregator.reset()
        aggregator.countAsScan(Self.exampleLines)
        let report = aggregator.report()
        #expect(!report.destinationsApproximate)
        #expect(report == Self.fresh(Self.exampleLines))
        // And the other way round: overflowing again after a reset, as a new aggregate does.
        aggregator.reset()
        aggregator.countAsScan(Self.overflowingLines, source: "big.log")
        #expect(aggregator.report() == Self.fresh(Self.overflowingLines, source: "big.log"))
    }

    /// Over every corpus file: one aggregate, reset between files (after the examples each
    /// time, so that every section has something to leave behind), reports each file as a new
    /// aggregate does.
    @Test func everyCorpusFileAfterAResetReportsAsANewAggregate() {
        let files = SharedCorpus.allFiles()
        guard !files.isEmpty else { return }
        var aggregator = Self.used()
        for file in files {
            let lines = SharedCorpus.lines(of: file)
            aggregator.countAsScan(Self.exampleLines, source: "old.log")
            aggregator.reset()
            aggregator.countAsScan(lines, source: file.lastPathComponent)
            #expect(
                aggregator.report() == Self.fresh(lines, source: file.lastPathComponent),
                "\(file.lastPathComponent)")
        }
    }

    /// Merging reset aggregates, as `scan`'s pool does, gives the merge of new ones.
    @Test func mergesOfResetAggregatesEqualMergesOfNewOnes() {
        let lines = Self.exampleLines
        let half = lines.count / 2
        var recycled = Self.used()
        var total = Self.newAggregate()
        var expected = Self.newAggregate()
        for range in [0..<half, half..<lines.count] {
            let piece = Array(lines[range])
            recycled.reset()
            recycled.countAsScan(piece)
            total.merge(recycled)
            var new = Self.newAggregate()
            new.countAsScan(piece)
            expected.merge(new)
        }
        #expect(total.report() == expected.report())
        #expect(total.report() == Self.fresh(lines))
    }
}
