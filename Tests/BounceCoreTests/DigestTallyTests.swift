import Testing

@testable import BounceCore

/// The daemon's digest counters against `scan`'s aggregator over the same events: a digest
/// built from either renders the same bytes, and the counters survive the checkpoint.
@Suite struct DigestTallyTests {
    /// Every fixture line that parses as an event, and hostile replies on top.
    static let lines: [String] = {
        var lines: [String] = []
        for name in ["causes.fixture", "postfix.fixture", "exim.fixture"] {
            lines += FixtureFile.load(name).map(\.line)
        }
        let hostile = [
            "Nov 26 10:20:01 mx1 postfix/smtp[9001]: 1A2B3C4D5E: to=<a@evil.example>,"
                + " relay=mx.evil.example[203.0.113.5]:25, delay=1, delays=0/0/0/1, dsn=5.0.0,"
                + " status=bounced (host mx.evil.example[203.0.113.5] said: 554 <script>x</script>"
                + " \"><img src=x> \u{202E}gnp.exe (in reply to RCPT TO command))",
            "Nov 26 10:20:02 mx1 postfix/smtp[9001]: 1A2B3C4D5F: to=<b@EVIL.example>,"
                + " relay=mx.evil.example[203.0.113.5]:25, delay=1, delays=0/0/0/1, dsn=4.0.0,"
                + " status=deferred (host mx.evil.example[203.0.113.5] said: 451 weird %41 reply"
                + " (in reply to RCPT TO command))",
        ]
        return lines + hostile
    }()

    /// Counts `lines` into a scan aggregator and a tally, current or previous by `slot`.
    static func count(
        _ lines: [String], slot: (Int) -> Bool
    ) -> (scan: [ScanAggregator], tally: [DigestTally]) {
        var scans = [
            ScanAggregator(topDestinations: Digest.rowLimit),
            ScanAggregator(topDestinations: Digest.rowLimit),
        ]
        var tallies = [DigestTally(), DigestTally()]
        let parser = LineParser(format: .auto)
        for (offset, line) in lines.enumerated() {
            Array(line.utf8).withUnsafeBufferPointer { buffer in
                var event = RawEvent.unparsed()
                guard parser.parse(buffer, into: &event) == .event else { return }
                let classification =
                    event.isSuccessfulDelivery
                    ? nil : Classifier.standard.classify(event, in: buffer)
                let provider =
                    event.kind == .delivery
                    ? ProviderTable.standard.decide(event, in: buffer).map {
                        ProviderTable.standard.providers[$0.index].name
                    } : nil
                let index = slot(offset) ? 0 : 1
                scans[index].add(event, classification, in: buffer)
                tallies[index].add(event, classification, in: buffer, provider: provider)
            }
        }
        return (scans, tallies)
    }

    static func digest(_ current: ScanReport, _ previous: ScanReport) -> Digest {
        Digest(
            hostname: "mx1", start: 1_764_115_200, end: 1_764_201_600, current: current,
            previous: previous)
    }

    @Test func aDigestFromTheTallyRendersAsOneFromScan() {
        let (scans, tallies) = Self.count(Self.lines) { $0 % 3 != 0 }
        let fromScan = Self.digest(scans[0].report(), scans[1].report())
        let fromTally = Self.digest(tallies[0].report(), tallies[1].report())
        #expect(fromScan.current.deliveries.total > 100, "the fixtures were counted")
        #expect(!fromScan.current.blocklists.isEmpty)
        #expect(fromScan.current.unclassifiedShapes.total > 0)
        #expect(!fromScan.providers.isEmpty)
        #expect(DigestTextRenderer.render(fromTally) == DigestTextRenderer.render(fromScan))
        #expect(DigestHTMLRenderer.render(fromTally) == DigestHTMLRenderer.render(fromScan))
        #expect(fromTally.totals == fromScan.totals)
        #expect(fromTally.causes == fromScan.causes)
        #expect(fromTally.destinations == fromScan.destinations)
        #expect(fromTally.providers == fromScan.providers)
    }

    @Test func aDomainOfInvalidUTF8IsKeptAsScanKeepsIt() {
        var line = Array(
            ("Nov 26 10:20:03 mx1 postfix/smtp[9001]: 1A2B3C4D60: to=<c@BAD.example>,"
                + " relay=mx.bad.example[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=5.1.1,"
                + " status=bounced (host mx.bad.example[192.0.2.1] said: 550 5.1.1 User"
                + " unknown (in reply to RCPT TO command))").utf8)
        let at = line.firstIndex(of: UInt8(ascii: "@"))! + 1  // the B of BAD
        line[at] = 0xF6
        var scan = ScanAggregator(topDestinations: Digest.rowLimit)
        var tally = DigestTally()
        line.withUnsafeBufferPointer { buffer in
            var event = RawEvent.unparsed()
            guard LineParser(format: .auto).parse(buffer, into: &event) == .event else {
                Issue.record("not an event")
                return
            }
            let classification = Classifier.standard.classify(event, in: buffer)
            scan.add(event, classification, in: buffer)
            tally.add(event, classification, in: buffer, provider: nil)
        }
        let names = tally.report().destinations.map(\.name)
        #expect(names == scan.report().destinations.map(\.name))
        #expect(names.first?.hasPrefix("\u{FFFD}ad.example") == true, "\(names)")
    }

    @Test func theCountersSurviveTheirCheckpointLines() throws {
        let (_, tallies) = Self.count(Self.lines) { _ in true }
        let lines = tallies[0].checkpointLines()
        #expect(lines.count > 20)
        let restored = try DigestTally(checkpointLines: lines)
        #expect(restored == tallies[0])
        #expect(restored.report() == tallies[0].report())
        // A line that cannot break the checkpoint's layout: no newline, no bare CR.
        for line in lines { #expect(!line.contains("\n") && !line.contains("\r")) }
        #expect(try DigestTally(checkpointLines: DigestTally().checkpointLines()) == DigestTally())
    }

    @Test func damagedLinesAreRefusedWithTheirNumber() {
        for (lines, fragment) in [
            (["deliveries 1 2 3"], "line 1: expected a count"),
            (["deliveries 0 0 0 0 0", "cause no_such_cause 1 0 0 0 0"], "line 2: unknown cause"),
            (["domain =a.example 1 0 0 0 0 nope=3"], "line 1: expected cause=count"),
            (["shape 1 noequals =x"], "line 1: expected a word"),
            (["launch missiles"], "line 1: unknown kind"),
        ] {
            #expect(throws: DigestStateError.self) { try DigestTally(checkpointLines: lines) }
            do {
                _ = try DigestTally(checkpointLines: lines)
            } catch {
                #expect(error.message.contains(fragment), "\(error.message)")
            }
        }
    }
}
