import BounceCore
import Foundation
import Testing

@testable import BounceOutput

/// The delivery delay in `scan`'s text and JSON reports and in the daemon's textfile.
@Suite struct DelayRenderingTests {
    private static var report: ScanReport {
        var report = ScanReport(deliveries: StatusCounts(sent: 3, bounced: 1))
        report.deliveryDelays = [
            DelaySummary(status: .sent, count: 3, medianMillis: 460, p95Millis: 3_723_000),
            DelaySummary(
                status: .bounced, count: 1, medianMillis: 93_600_000, p95Millis: 93_600_000),
            DelaySummary(status: .expired),
        ]
        return report
    }

    @Test func textShowsTheSectionOnlyWithKnownDelays() {
        let text = ScanTextRenderer.render(Self.report)
        let section = text.components(separatedBy: "\n\n").first {
            $0.hasPrefix("Delivery delay")
        }
        #expect(section?.contains("sent") == true)
        #expect(section?.contains(DelaySectionRendering.duration(460)) == true)
        #expect(section?.contains(DelaySectionRendering.duration(3_723_000)) == true)
        #expect(section?.contains("expired") == true)
        #expect(!ScanTextRenderer.render(ScanReport()).contains("Delivery delay"))
    }

    @Test(arguments: [
        (Int32(0), "0.00s"), (4, "0.00s"), (460, "0.46s"), (994, "0.99s"), (995, "1.0s"),
        (1800, "1.8s"), (2015, "2.0s"), (9949, "9.9s"), (9950, "10s"), (12_345, "12s"),
        (59_499, "59s"), (59_500, "1m 0s"), (192_000, "3m 12s"), (3_723_000, "1h 2m"),
        (93_600_000, "1d 2h"), (Int32.max, "24d 20h"), (-5, "0.00s"),
    ])
    func durationsForPeople(_ millis: Int32, _ text: String) {
        #expect(DelaySectionRendering.duration(millis) == text)
    }

    @Test func jsonHasEveryFinalStatusInSeconds() throws {
        let document = try #require(
            JSONSerialization.jsonObject(with: Data(ScanJSONRenderer.render(Self.report).utf8))
                as? [String: Any])
        let delays = try #require(document["delivery_delay"] as? [String: [String: Any]])
        #expect(delays.keys.sorted() == ["bounced", "expired", "sent"])
        #expect(delays["sent"]?["count"] as? Int == 3)
        #expect(delays["sent"]?["median_seconds"] as? Double == 0.46)
        #expect(delays["sent"]?["p95_seconds"] as? Double == 3723)
        #expect(delays["bounced"]?["median_seconds"] as? Double == 93600)
        #expect(delays["expired"]?["count"] as? Int == 0)
        #expect(delays["expired"]?["median_seconds"] is NSNull)
        #expect(delays["expired"]?["p95_seconds"] is NSNull)
    }

    @Test func textfileHasACumulativeHistogramPerSeries() throws {
        var snapshot = MetricsSnapshot()
        let bounds = MetricsSnapshot.delayBucketBounds
        var buckets = [Int](repeating: 0, count: bounds.count + 1)
        buckets[0] = 2
        buckets[3] = 1
        buckets[bounds.count] = 4
        snapshot.deliveryDelays = [
            MetricsSnapshot.DelaySeries(
                provider: "google", status: .sent, buckets: buckets, sumMillis: 4_000_123)
        ]
        let text = DaemonPrometheusRenderer.render(
            snapshot, health: DaemonHealth(startTime: 0), version: "x")
        let name = DaemonPrometheusRenderer.Family.deliveryDelay.rawValue
        #expect(text.contains("# TYPE \(name) histogram\n"))
        let lines = text.split(separator: "\n").filter { $0.hasPrefix(name + "_") }
        #expect(lines.count == bounds.count + 1 + 2)
        var cumulative = 0
        for (index, bound) in (bounds.map(String.init) + ["+Inf"]).enumerated() {
            cumulative += buckets[index]
            #expect(
                lines[index]
                    == "\(name)_bucket{status=\"sent\",provider=\"google\",le=\"\(bound)\"} \(cumulative)"
            )
        }
        #expect(
            lines[bounds.count + 1] == "\(name)_sum{status=\"sent\",provider=\"google\"} 4000.123")
        #expect(lines[bounds.count + 2] == "\(name)_count{status=\"sent\",provider=\"google\"} 7")
    }

    @Test(arguments: [
        (0, "0.000"), (5, "0.005"), (704_500, "704.500"), (1_000_000_000, "1000000.000"),
    ])
    func sumsInSeconds(_ millis: Int, _ text: String) {
        #expect(DelayHistogramRendering.seconds(millis) == text)
    }
}
