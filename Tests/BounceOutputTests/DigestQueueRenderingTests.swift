import BounceCore
import Testing

/// The digest's queue section: the daemon's last reading of the queue in both parts, escaped,
/// and absent when no queue is configured.
@Suite struct DigestQueueRenderingTests {
    /// A Postfix queue read a minute before the period's end: two deferred messages for two
    /// domains (one a hostile name), one active one.
    static var gauges: QueueGauges {
        let readAt = DigestRenderingTests.end - 60
        var summary = QueueSummary(mta: .postfix, now: readAt, reasons: QueueReasonClassifier())
        let timedOut = "connect to mx.example.net[192.0.2.25]:25: Connection timed out"
        summary.add(
            QueuedMessage(
                queue: .deferred, id: "4AB1", arrival: readAt - 3 * 3600 - 12 * 60, size: 900,
                sender: "a@mx1.test",
                recipients: [
                    QueuedRecipient(address: "u1@example.net", reason: timedOut),
                    QueuedRecipient(address: "u2@example.net", reason: timedOut),
                ]))
        summary.add(
            QueuedMessage(
                queue: .deferred, id: "4AB2", arrival: readAt - 600, size: 900,
                sender: "a@mx1.test",
                recipients: [
                    QueuedRecipient(
                        address: "x@<img src=x>\u{202E}.example",
                        reason: "451 <script>alert(1)</script>")
                ]))
        summary.add(
            QueuedMessage(
                queue: .active, id: "4AB3", arrival: readAt - 30, size: 500,
                sender: "a@mx1.test", recipients: [QueuedRecipient(address: "b@c.test", reason: "")]
            ))
        return QueueGauges(summary, topDestinations: 10)
    }

    static func digest(_ queue: DigestQueue?) -> Digest {
        var digest = DigestRenderingTests.digest
        digest.queue = queue
        return digest
    }

    @Test func theTextShowsCountsOldestAgeAndDeferredByCause() throws {
        let text = DigestTextRenderer.render(Self.digest(DigestQueue(Self.gauges)))
        let section = try #require(text.components(separatedBy: "\nQUEUE\n").last)
        #expect(section.contains("  the postfix queue, read 2026-11-26 23:59:00 +0000\n"))
        #expect(section.contains("  deferred         2           3  3 h 12 min\n"), "\(section)")
        #expect(section.contains("  active           1           1  less than a minute\n"))
        #expect(section.contains("  hold             0           0  -\n"))
        let byCause = try #require(
            section.components(separatedBy: "deferred recipients by cause:\n").last)
        let network = Self.gauges.deferred.first { $0.destination == "example.net" }?.cause
        #expect(byCause.hasPrefix("    \(try #require(network).identifier)  "), "\(byCause)")
        #expect(section.contains("deferred recipients by destination:\n    example.net"))
        #expect(
            text.range(of: "\nQUEUE\n")!.lowerBound > text.range(of: "DESTINATIONS")!.lowerBound)
        #expect(!text.contains("\u{202E}"))
    }

    @Test func theHTMLShowsTheSameFiguresEscaped() {
        let html = DigestHTMLRenderer.render(Self.digest(DigestQueue(Self.gauges)))
        #expect(html.contains(">Queue</h2>"))
        #expect(html.contains("The postfix queue, read 2026-11-26 23:59:00 +0000."))
        #expect(html.contains(">deferred</td>"))
        #expect(html.contains(">3 h 12 min</td>"))
        #expect(html.contains(">deferred cause</th>"))
        for forbidden in ["<img", "<script", "\u{202E}"] {
            #expect(!html.contains(forbidden), "HTML contains \(forbidden.debugDescription)")
        }
    }

    @Test func aQueueNotReadYetOrNotReadableSaysSo() {
        #expect(
            DigestTextRenderer.render(Self.digest(DigestQueue(nil))).contains(
                "\nQUEUE\n  not read yet\n"))
        let down = DigestQueue(QueueGauges.down(mta: .exim))
        #expect(
            DigestTextRenderer.render(Self.digest(down)).contains(
                "\nQUEUE\n  the exim queue could not be read at the last attempt\n"))
        #expect(
            DigestHTMLRenderer.render(Self.digest(down)).contains(
                "<p>The exim queue could not be read at the last attempt.</p>"))
    }

    @Test func withoutAQueueTheSectionIsAbsent() {
        #expect(!DigestTextRenderer.render(Self.digest(nil)).contains("QUEUE"))
        #expect(!DigestHTMLRenderer.render(Self.digest(nil)).contains(">Queue<"))
        #expect(
            DigestTextRenderer.render(Self.digest(nil))
                == DigestTextRenderer.render(DigestRenderingTests.digest))
    }
}
