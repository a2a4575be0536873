import Testing

@testable import BounceCore

/// `metrics.per_host` on the provider families: `bouncewatch_provider_deliveries_total` and
/// `bouncewatch_provider_blocklist_hits_total` carry `host`, bounded by `top_hosts`, and their
/// sums over `host` stay the provider totals.
@Suite struct MetricsStoreHostProviderTests {
    static let gmail = "gmail-smtp-in.l.google.com[142.250.102.27]:25"
    static let exchange = "tenant-com.mail.protection.outlook.com[52.101.41.3]:25"

    static func line(
        _ host: String, _ recipient: String, relay: String, status: String, reply: String
    ) -> String {
        "Nov 26 10:14:03 \(host) postfix/smtp[4242]: 4F2A11C0D3: to=<\(recipient)>, "
            + "relay=\(relay), delay=1.4, delays=0.1/0/0.7/0.6, dsn=4.0.0, status=\(status) "
            + "(host x said: \(reply) (in reply to RCPT TO command))"
    }

    static func sent(_ host: String, relay: String = gmail) -> String {
        line(host, "jane@gmail.com", relay: relay, status: "sent", reply: "250 2.0.0 OK")
    }

    static func listed(_ host: String, relay: String = exchange) -> String {
        line(
            host, "joe@tenant.example", relay: relay, status: "bounced",
            reply: "554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using "
                + "zen.spamhaus.org")
    }

    static func feed(_ lines: [String], to store: inout MetricsStore) {
        ClassifiedLines.forEach(lines) { _, event, classification, buffer in
            store.add(
                event, classification, in: buffer, source: "central.log", time: nil,
                provider: ProviderTable.standard.decide(event, in: buffer)?.index)
        }
    }

    static func store(top: Int = 10) -> MetricsStore {
        var store = MetricsStore(topDestinations: 5)
        store.useProviders(.standard)
        store.setPerHost(true, top: top)
        return store
    }

    /// Deliveries by "provider host", every status and cause together.
    static func totals(_ snapshot: MetricsSnapshot) -> [String: Int] {
        var totals: [String: Int] = [:]
        for series in snapshot.providers {
            totals["\(series.name) \(series.host ?? "-")", default: 0] +=
                series.cells.reduce(0) { $0 + $1.count }
        }
        return totals
    }

    static var twoHosts: [String] {
        [
            sent("mta-a"), sent("mta-a"), sent("mta-b"), listed("mta-a"), listed("mta-b"),
            listed("mta-b"), sent("mta-b", relay: exchange),
        ]
    }

    @Test func providerSeriesCarryTheHost() {
        var store = Self.store()
        Self.feed(Self.twoHosts, to: &store)
        store.rebalance()
        let snapshot = store.snapshot()
        #expect(
            Self.totals(snapshot) == [
                "google mta-a": 2, "google mta-b": 1, "microsoft mta-a": 1, "microsoft mta-b": 3,
            ])
        // Providers by name, then hosts by name.
        #expect(
            snapshot.providers.map { "\($0.name) \($0.host ?? "-")" } == [
                "google mta-a", "google mta-b", "microsoft mta-a", "microsoft mta-b",
            ])
        #expect(
            snapshot.providerBlocklistHits.map {
                "\($0.blocklist) \($0.destination) \($0.host ?? "-") \($0.count)"
            } == ["zen.spamhaus.org microsoft mta-a 1", "zen.spamhaus.org microsoft mta-b 2"])
    }

    @Test func withoutPerHostTheProviderSeriesHaveNoHost() {
        var store = MetricsStore(topDestinations: 5)
        store.useProviders(.standard)
        Self.feed(Self.twoHosts, to: &store)
        let snapshot = store.snapshot()
        #expect(Self.totals(snapshot) == ["google -": 3, "microsoft -": 4])
        #expect(snapshot.providerBlocklistHits.allSatisfy { $0.host == nil })
    }

    @Test func tenThousandHostsGiveAtMostTopPlusOneHostValues() {
        var store = Self.store(top: 50)
        Self.feed((0..<10_000).map { Self.sent("mta\($0)") }, to: &store)
        store.rebalance()
        Self.feed((0..<10_000).map { Self.listed("mta\($0 % 200)") }, to: &store)
        store.rebalance()
        let snapshot = store.snapshot()
        #expect(Set(snapshot.providers.compactMap(\.host)).count <= 51)
        #expect(Set(snapshot.providerBlocklistHits.compactMap(\.host)).count <= 51)
        let totals = Self.totals(snapshot)
        #expect(totals.filter { $0.key.hasPrefix("google ") }.values.reduce(0, +) == 10_000)
        #expect(totals.filter { $0.key.hasPrefix("microsoft ") }.values.reduce(0, +) == 10_000)
        #expect(snapshot.providerBlocklistHits.reduce(0) { $0 + $1.count } == 10_000)
    }

    /// Before the first write, a host promoted over one seen first takes its provider counts
    /// along, as it does in the host families.
    @Test func aHostPromotedAtTheFirstWriteTakesItsProviderCounts() {
        var store = Self.store(top: 1)
        Self.feed(
            [Self.sent("mta-a"), Self.sent("mta-b"), Self.sent("mta-b"), Self.listed("mta-b")],
            to: &store)
        store.rebalance()
        let snapshot = store.snapshot()
        #expect(snapshot.hosts.map(\.name) == ["mta-b", "other"])
        #expect(
            Self.totals(snapshot) == ["google mta-b": 2, "google other": 1, "microsoft mta-b": 1])
        #expect(snapshot.providerBlocklistHits.map(\.host) == ["mta-b"])
    }

    @Test func aDemotedHostsProviderCountsJoinOther() throws {
        var store = MetricsStore(topDestinations: 5, policy: MetricsFixture.quickPolicy)
        store.useProviders(.standard)
        store.setPerHost(true, top: 1)
        Self.feed([Self.sent("mta-a"), Self.listed("mta-a")], to: &store)
        store.rebalance()
        // mta-a goes idle; mta-b outweighs it until it takes the row.
        for _ in 0..<40 {
            Self.feed(Array(repeating: Self.sent("mta-b"), count: 20), to: &store)
            store.rebalance()
        }
        let snapshot = store.snapshot()
        #expect(snapshot.hosts.map(\.name) == ["mta-b", "other"])
        let totals = Self.totals(snapshot)
        #expect(totals["microsoft other"] == 1)
        #expect((totals["google other"] ?? 0) >= 1)
        #expect(totals.filter { $0.key.hasPrefix("google ") }.values.reduce(0, +) == 801)
        #expect(snapshot.providerBlocklistHits.map(\.host) == ["other"])
    }

    @Test func providerCountsByHostSurviveACheckpoint() throws {
        var store = Self.store()
        Self.feed(Self.twoHosts, to: &store)
        store.rebalance()
        let lines = store.checkpointLines()
        #expect(lines.contains("phcell s:mta-a s:google postfix sent - 2"))
        #expect(lines.contains("phblocklist s:zen.spamhaus.org s:mta-b s:microsoft 2"))
        var restored = try MetricsStore(topDestinations: 5, checkpointLines: lines)
        restored.useProviders(.standard)
        restored.setPerHost(true, top: 10)
        #expect(restored.snapshot() == store.snapshot())
        #expect(restored.checkpointLines() == lines)
        // Counting goes on in the same series.
        Self.feed([Self.sent("mta-b")], to: &restored)
        #expect(Self.totals(restored.snapshot())["google mta-b"] == 2)
    }

    /// A checkpoint written before the provider families had `host` (`h` records, no `ph`
    /// records) loads: the provider totals go on under `host="other"`.
    @Test func aCheckpointWithoutProviderHostRecordsStillLoads() throws {
        var store = Self.store()
        Self.feed(Self.twoHosts, to: &store)
        store.rebalance()
        var lines = store.checkpointLines().filter { !$0.hasPrefix("ph") }
        lines[lines.count - 1] = "end \(lines.count - 1)"
        var restored = try MetricsStore(topDestinations: 5, checkpointLines: lines)
        restored.useProviders(.standard)
        restored.setPerHost(true, top: 10)
        #expect(Self.totals(restored.snapshot()) == ["google other": 3, "microsoft other": 4])
        #expect(restored.snapshot().hosts == store.snapshot().hosts)
        #expect(
            restored.snapshot().providerBlocklistHits.map { "\($0.host ?? "-") \($0.count)" }
                == ["other 3"])
        Self.feed([Self.sent("mta-a")], to: &restored)
        #expect(
            Self.totals(restored.snapshot()) == [
                "google mta-a": 1, "google other": 3, "microsoft other": 4,
            ])
    }

    /// Turned on after deliveries were counted, the earlier provider counts are under `other`:
    /// the sums over `host` stay the totals.
    @Test func turnedOnLaterTheEarlierCountsAreOther() {
        var store = MetricsStore(topDestinations: 5)
        store.useProviders(.standard)
        Self.feed(Self.twoHosts, to: &store)
        store.setPerHost(true, top: 10)
        Self.feed([Self.sent("mta-a")], to: &store)
        store.rebalance()
        #expect(
            Self.totals(store.snapshot()) == [
                "google mta-a": 1, "google other": 3, "microsoft other": 4,
            ])
    }

    @Test func providerCountersOfAnUndeclaredHostAreRefused() {
        for record in [
            "phcell s:mta9 s:google postfix sent - 1",
            "phblocklist s:zen.spamhaus.org s:mta9 - 1",
        ] {
            let lines = [MetricsStore.checkpointHeader, "epoch 0", record, "end 3"]
            #expect(throws: MetricsRestoreError.self) {
                try MetricsStore(topDestinations: 5, checkpointLines: lines)
            }
        }
        let twice = [
            MetricsStore.checkpointHeader, "epoch 0", "phcell - s:google postfix sent - 1",
            "phcell - s:google postfix sent - 2", "end 4",
        ]
        #expect(throws: MetricsRestoreError.self) {
            try MetricsStore(topDestinations: 5, checkpointLines: twice)
        }
    }
}
