import Testing

@testable import BounceCore

/// `scan`'s delivery delay: Postfix `delay=` at final outcomes, by status, never deferrals.
@Suite struct AggregatorDelayTests {
    private static func line(_ index: Int, delay: String, status: String, dsn: String) -> String {
        "Nov 26 10:14:03 mx1 postfix/smtp[4242]: 4F2A11C\(String(index + 0x100, radix: 16, uppercase: true)): "
            + "to=<u\(index)@example.org>, relay=mx.example.org[192.0.2.7]:25, delay=\(delay), "
            + "delays=0.1/0/0.7/0.6, dsn=\(dsn), status=\(status) (host mx.example.org"
            + "[192.0.2.7] said: \(dsn.hasPrefix("2") ? "250" : dsn.hasPrefix("4") ? "451" : "550")"
            + " \(dsn) reply (in reply to RCPT TO command))"
    }

    @Test func finalOutcomesCountByStatusAndDeferralsDoNot() throws {
        // Sent: 1..99 seconds; bounced: 1000 s and 3000 s; deferred: huge, never counted.
        var lines = (1..<100).map { Self.line($0, delay: "\($0)", status: "sent", dsn: "2.0.0") }
        lines.append(Self.line(200, delay: "1000", status: "bounced", dsn: "5.1.1"))
        lines.append(Self.line(201, delay: "3000.5", status: "bounced", dsn: "5.1.1"))
        lines += (0..<50).map {
            Self.line(300 + $0, delay: "400000", status: "deferred", dsn: "4.4.1")
        }
        var aggregator = ScanAggregator(topDestinations: 10)
        aggregator.countAsScan(lines.map { Array($0.utf8) })
        let report = aggregator.report()
        #expect(report.deliveries.deferred == 50)
        #expect(report.deliveryDelays.map(\.status) == [.sent, .bounced, .expired])
        let sent = report.deliveryDelays[0]
        #expect(sent.count == 99)
        // Nearest rank of 1...99 s: the 50th and the 95th; within the histogram's 3.2%.
        let median = try #require(sent.medianMillis)
        let p95 = try #require(sent.p95Millis)
        #expect(abs(Int(median) - 50_000) <= 50_000 / 32)
        #expect(abs(Int(p95) - 95_000) <= 95_000 / 32)
        let bounced = report.deliveryDelays[1]
        #expect(bounced.count == 2)
        #expect(bounced.medianMillis == 1_000_000)
        #expect(bounced.p95Millis == 3_000_500)
        #expect(report.deliveryDelays[2] == DelaySummary(status: .expired))
    }
}
