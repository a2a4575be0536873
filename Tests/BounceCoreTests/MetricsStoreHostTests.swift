import Testing

@testable import BounceCore

/// `metrics.per_host`: the event families per syslog host, fed with real-shaped lines of a
/// central log host.
@Suite struct MetricsStoreHostTests {
    static func delivery(_ host: String, _ recipient: String, status: String) -> String {
        let reply =
            status == "sent"
            ? "250 2.0.0 Ok: queued as 1234"
            : "host mx.example.com[198.51.100.7] said: 554 5.7.1 Service unavailable; Client host "
                + "[203.0.113.5] blocked using zen.spamhaus.org (in reply to RCPT TO command)"
        return "Nov 26 10:14:03 \(host) postfix/smtp[4242]: 4F2A11C0D3: to=<\(recipient)>, "
            + "relay=mx.example.com[198.51.100.7]:25, delay=1.4, delays=0.1/0/0.7/0.6, "
            + "dsn=5.7.1, status=\(status) (\(reply))"
    }

    static func saslFailure(_ host: String) -> String {
        "Nov 26 10:14:06 \(host) postfix/smtpd[2103]: warning: unknown[192.0.2.9]: SASL LOGIN "
            + "authentication failed: authentication failure"
    }

    static func feed(_ lines: [String], to store: inout MetricsStore) {
        ClassifiedLines.forEach(lines) { _, event, classification, buffer in
            store.add(event, classification, in: buffer, source: "central.log", time: nil)
        }
    }

    static func deliveries(_ host: MetricsSnapshot.Host) -> [String: Int] {
        var result: [String: Int] = [:]
        for cell in host.deliveries { result[cell.status.identifier, default: 0] += cell.count }
        return result
    }

    @Test func countsPerHostAreExact() {
        var store = MetricsStore(topDestinations: 5)
        store.setPerHost(true, top: 10)
        Self.feed(
            [
                Self.delivery("mta1", "a@example.com", status: "sent"),
                Self.delivery("mta1", "b@example.com", status: "sent"),
                Self.delivery("MTA2", "c@example.com", status: "bounced"),
                Self.saslFailure("mta2"),
                Self.delivery("mta1", "d@example.com", status: "deferred"),
            ], to: &store)
        store.rebalance()
        let snapshot = store.snapshot()
        #expect(snapshot.hosts.map(\.name) == ["mta1", "mta2", "other"])
        #expect(Self.deliveries(snapshot.hosts[0]) == ["sent": 2, "deferred": 1])
        #expect(Self.deliveries(snapshot.hosts[1]) == ["bounced": 1])
        #expect(snapshot.hosts[1].authFailures.first { $0.mta == .postfix }?.count == 1)
        #expect(
            snapshot.hostBlocklistHits.map { "\($0.blocklist) \($0.destination) \($0.count)" }
                == ["zen.spamhaus.org mta1 1", "zen.spamhaus.org mta2 1"])
    }

    @Test func offByDefault() {
        var store = MetricsStore(topDestinations: 5)
        Self.feed([Self.delivery("mta1", "a@example.com", status: "sent")], to: &store)
        #expect(store.snapshot().hosts == [])
        #expect(!store.checkpointLines().contains { $0.hasPrefix("h") })
    }

    @Test func tenThousandHostsStayBounded() {
        var store = MetricsStore(topDestinations: 5)
        store.setPerHost(true, top: 50)
        let lines = (0..<10_000).map {
            Self.delivery("mta\($0)", "u@d\($0).example", status: "sent")
        }
        Self.feed(lines, to: &store)
        store.rebalance()
        let hosts = store.snapshot().hosts
        #expect(hosts.count == 51)
        #expect(hosts.last?.name == MetricsLabel.other)
        #expect(hosts.map { Self.deliveries($0)["sent"] ?? 0 }.reduce(0, +) == 10_000)
        #expect(Self.deliveries(hosts.last!)["sent"] == 10_000 - 50)
    }

    @Test func hostCountersSurviveACheckpoint() throws {
        var store = MetricsStore(topDestinations: 5)
        store.setPerHost(true, top: 10)
        Self.feed(
            [
                Self.delivery("mta1", "a@example.com", status: "sent"),
                Self.delivery("mta2", "c@example.com", status: "bounced"),
                Self.saslFailure("mta2"),
            ], to: &store)
        store.rebalance()
        let lines = store.checkpointLines()
        #expect(lines.contains("hhost s:mta1"))
        var restored = try MetricsStore(topDestinations: 5, checkpointLines: lines)
        restored.setPerHost(true, top: 10)
        #expect(restored.snapshot().hosts == store.snapshot().hosts)
        #expect(restored.snapshot().hostBlocklistHits == store.snapshot().hostBlocklistHits)
        #expect(restored.checkpointLines() == lines)
        // Turned off, the host counters are dropped.
        restored.setPerHost(false, top: 10)
        #expect(restored.snapshot().hosts == [])
    }

    @Test func countersOfAnUndeclaredHostAreRefused() {
        let lines = [
            MetricsStore.checkpointHeader, "epoch 0", "hcell s:mta9 postfix sent - 1", "end 3",
        ]
        #expect(throws: MetricsRestoreError.self) {
            try MetricsStore(topDestinations: 5, checkpointLines: lines)
        }
    }
}
