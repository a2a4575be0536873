import Testing

@testable import BounceCore

/// Lines that carry a delivery marker (`status=`, ` ** `, ` == `) but do not parse are
/// `unrecognized`, never `ignored`, and `scan` lists their shapes.
@Suite struct DeliveryMarkerTests {
    static let brokenPostfix = [
        // A status word no Postfix writes, on a line that does not start with `to=`.
        "Nov 26 10:14:03 mx1 postfix/smtp[4242]: 4F2A11C0D3: relay=mx.example.net[192.0.2.25]:25, "
            + "delay=1.4, dsn=5.1.1, status=bouncedX (host mx.example.net said: 550 no)",
        // A queue id without its colon: the delivery cannot be placed.
        "Nov 26 10:14:03 mx1 postfix/smtp[4242]: 4F2A11C0D3 to=<a@example.net>, "
            + "relay=mx.example.net[192.0.2.25]:25, dsn=5.1.1, status=bounced (host "
            + "mx.example.net[192.0.2.25] said: 550 5.1.1 no such user)",
    ]

    static let brokenExim = [
        // A message id cut short, so no delivery flag is found where it should be.
        "2026-11-26 10:14:03 1xWibd-0006 ** someone@example.net R=dnslookup T=remote_smtp: "
            + "SMTP error from remote mail server after RCPT TO:<someone@example.net>: 550 no",
        "2026-11-26 10:14:03 1xWibd-0006 == someone@example.net R=dnslookup T=remote_smtp "
            + "defer (-44): SMTP error from remote mail server after RCPT TO:"
            + "<someone@example.net>: 451 later",
    ]

    @Test(arguments: brokenPostfix)
    func brokenPostfixDeliveriesAreUnrecognized(_ line: String) {
        let outcome = PostfixRun.run(line)
        #expect(outcome.routed)
        #expect(outcome.result.identifier == "unrecognized")
        #expect(outcome.branch == .garbled)
    }

    @Test(arguments: brokenExim)
    func brokenEximDeliveriesAreUnrecognized(_ line: String) {
        let outcome = EximRun.run(line)
        #expect(outcome.routed)
        #expect(outcome.result.identifier == "unrecognized")
        #expect(outcome.branch == .garbled)
    }

    @Test func notesWithoutAMarkerStayIgnored() {
        #expect(
            PostfixRun.run(
                "Nov 26 10:14:03 mx1 postfix/smtp[4242]: connect to mx.example.net[192.0.2.25]:25: "
                    + "Connection refused"
            ).result.identifier == "ignored")
        #expect(
            EximRun.run("2026-11-26 10:14:03 1xWibd-0006fV-1Y Frozen (delivery error message)")
                .result.identifier == "ignored")
    }

    @Test func scanListsTheShapesOfUnreadDeliveriesOnly() {
        var aggregator = ScanAggregator(topDestinations: 10)
        for line in Self.brokenPostfix + Self.brokenExim + ["\u{1}\u{2} garbage without a mark"] {
            Array(line.utf8).withUnsafeBufferPointer { aggregator.noteUnrecognized($0) }
        }
        let shapes = aggregator.report().unrecognizedDeliveryShapes
        #expect(shapes.total == 4)
        #expect(shapes.shapes.count == 4)
        // The syslog stamp and host are not part of the shape; digits and ids are masked.
        #expect(
            shapes.shapes.allSatisfy { !$0.shape.hasPrefix("nov") && !$0.shape.contains("mx1") })
        #expect(shapes.shapes.contains { $0.example == Self.brokenExim[0] })
    }

    @Test func theMarkerIsFoundAnywhereInTheLine() {
        for (text, expected) in [
            ("x status=sent", true), ("a ** b", true), ("a == b", true), ("a**b", false),
            ("a==b", false), ("status", false), ("", false),
        ] {
            let found = Array(text.utf8).withUnsafeBufferPointer { DeliveryMarker.contains($0) }
            #expect(found == expected, "\(text)")
        }
    }
}
