import Testing

@testable import BounceCore

/// `bouncewatch_delivery_delay_seconds` in the metrics store: delays at final outcomes by
/// provider and status, kept across a restart through the checkpoint.
@Suite struct MetricsStoreDelayTests {
    static let gmail = "gmail-smtp-in.l.google.com[142.250.102.27]:25"
    static let other = "mx.unknown-company.example[192.0.2.7]:25"

    static func line(_ relay: String, delay: String, status: String, dsn: String) -> String {
        let code = dsn.hasPrefix("2") ? "250" : dsn.hasPrefix("4") ? "451" : "550"
        let recipient = relay == gmail ? "jane@gmail.com" : "joe@unknown-company.example"
        return "Nov 26 10:14:03 mx1 postfix/smtp[4242]: 4F2A11C0D3: to=<\(recipient)>, "
            + "relay=\(relay), delay=\(delay), delays=0.1/0/0.7/0.6, dsn=\(dsn), "
            + "status=\(status) (host x said: \(code) \(dsn) words (in reply to RCPT TO command))"
    }

    static let log = [
        line(gmail, delay: "0.5", status: "sent", dsn: "2.0.0"),
        line(gmail, delay: "4", status: "sent", dsn: "2.0.0"),
        line(gmail, delay: "700", status: "sent", dsn: "2.0.0"),
        line(gmail, delay: "90000", status: "bounced", dsn: "5.1.1"),
        line(other, delay: "1000000", status: "sent", dsn: "2.0.0"),
        // A retry on the way: never counted.
        line(gmail, delay: "3600", status: "deferred", dsn: "4.4.1"),
        line(other, delay: "3600", status: "deferred", dsn: "4.4.1"),
    ]

    static func store() -> MetricsStore {
        var store = MetricsStore(topDestinations: 5)
        store.useProviders(.standard)
        MetricsStoreProviderTests.feed(log, to: &store)
        return store
    }

    @Test func finalOutcomesCountInTheirBucketsByProvider() throws {
        let series = Self.store().snapshot().deliveryDelays
        #expect(series.map(\.provider) == ["google", "google", "other"])
        #expect(series.map(\.status) == [.sent, .bounced, .sent])
        let bounds = MetricsSnapshot.delayBucketBounds
        // Each delay in the first bucket whose bound (seconds) it does not exceed.
        func expected(_ seconds: [Double]) -> [Int] {
            var buckets = [Int](repeating: 0, count: bounds.count + 1)
            for value in seconds {
                buckets[bounds.firstIndex { value <= Double($0) } ?? bounds.count] += 1
            }
            return buckets
        }
        #expect(series[0].buckets == expected([0.5, 4, 700]))
        #expect(series[0].sumMillis == 704_500)
        #expect(series[0].count == 3)
        #expect(series[1].buckets == expected([90000]))
        #expect(series[2].buckets == expected([1_000_000]))
        #expect(series[2].sumMillis == 1_000_000_000)
    }

    @Test func aRestartNeitherLosesNorDoubleCounts() throws {
        let store = Self.store()
        var restored = try MetricsFixture.restored(store, top: 5)
        restored.useProviders(.standard)
        #expect(restored.snapshot().deliveryDelays == store.snapshot().deliveryDelays)
        #expect(restored.checkpointLines() == store.checkpointLines())
        // Counting on after the restart adds to the restored counts, once.
        var continued = store
        MetricsStoreProviderTests.feed(Self.log, to: &continued)
        MetricsStoreProviderTests.feed(Self.log, to: &restored)
        #expect(restored.snapshot().deliveryDelays == continued.snapshot().deliveryDelays)
        #expect(continued.snapshot().deliveryDelays.map(\.count) == [6, 2, 2])
    }

    @Test func theCheckpointHoldsDelayRecords() {
        let lines = Self.store().checkpointLines()
        let delays = lines.filter { $0.hasPrefix("delay ") }
        #expect(delays.count == 3)
        #expect(
            delays.allSatisfy { $0.split(separator: " ").count == 4 + MetricsDelays.bucketCount })
    }

    /// Damaged or forged `delay` records are refused, never trusted.
    @Test(arguments: [
        "delay - deferred 10 1 0 0 0 0 0 0 0 0 0 0 0 0 0",
        "delay - rejected 10 1 0 0 0 0 0 0 0 0 0 0 0 0 0",
        "delay - sent 10 1 0 0 0 0 0 0 0 0 0 0 0 0",
        "delay - sent 10 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
        "delay - sent -10 1 0 0 0 0 0 0 0 0 0 0 0 0 0",
        "delay - sent 10 x 0 0 0 0 0 0 0 0 0 0 0 0 0",
        "delay - sent 10 99999999999999999999 0 0 0 0 0 0 0 0 0 0 0 0 0",
        "delay - walked 10 1 0 0 0 0 0 0 0 0 0 0 0 0 0",
    ])
    func damagedRecordsAreRefused(_ record: String) {
        var lines = MetricsStore(topDestinations: 5).checkpointLines()
        lines.removeLast()
        lines.append(record)
        lines.append("end \(lines.count)")
        #expect(throws: MetricsRestoreError.self) {
            try MetricsStore(topDestinations: 5, checkpointLines: lines)
        }
    }

    @Test func aRecordGivenTwiceIsRefused() {
        var lines = Self.store().checkpointLines()
        lines.removeLast()
        let record = lines.first { $0.hasPrefix("delay ") }!
        lines.append(record)
        lines.append("end \(lines.count)")
        #expect(throws: MetricsRestoreError.self) {
            try MetricsStore(topDestinations: 5, checkpointLines: lines)
        }
    }
}
