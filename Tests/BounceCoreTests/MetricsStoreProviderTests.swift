import Testing

@testable import BounceCore

/// The provider families of the textfile (`bouncewatch_provider_*`), fed with real-shaped
/// Postfix lines as the daemon feeds them.
@Suite struct MetricsStoreProviderTests {
    static let exchange = "tenant-com.mail.protection.outlook.com[52.101.41.3]:25"
    static let gmail = "gmail-smtp-in.l.google.com[142.250.102.27]:25"

    static func line(_ recipient: String, relay: String, status: String, reply: String) -> String {
        "Nov 26 10:14:03 mx1 postfix/smtp[4242]: 4F2A11C0D3: to=<\(recipient)>, relay=\(relay), "
            + "delay=1.4, delays=0.1/0/0.7/0.6, dsn=4.0.0, status=\(status) "
            + "(host x said: \(reply) (in reply to RCPT TO command))"
    }

    static func feed(
        _ lines: [String], to store: inout MetricsStore, table: ProviderTable = .standard
    ) {
        ClassifiedLines.forEach(lines) { _, event, classification, buffer in
            store.add(
                event, classification, in: buffer, source: "mail.log", time: nil,
                provider: table.decide(event, in: buffer)?.index)
        }
    }

    static var mixedLog: [String] {
        var lines = (0..<40).map {
            line(
                "user@tenant\($0).example", relay: exchange, status: "deferred",
                reply: "451 4.7.500 Server busy. Please try again later from [203.0.113.5].")
        }
        lines.append(
            line(
                "jane@gmail.com", relay: gmail, status: "bounced",
                reply: "554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using "
                    + "zen.spamhaus.org"))
        lines.append(
            line(
                "joe@unknown-company.example", relay: "mx.unknown-company.example[192.0.2.7]:25",
                status: "deferred", reply: "451 4.3.0 Temporary failure"))
        return lines
    }

    static func providerTotals(_ snapshot: MetricsSnapshot) -> [String: Int] {
        var totals: [String: Int] = [:]
        for provider in snapshot.providers {
            totals[provider.name] = provider.cells.reduce(0) { $0 + $1.count }
        }
        return totals
    }

    @Test func deliveriesAndHitsCountByProvider() {
        var store = MetricsStore(topDestinations: 5)
        store.useProviders(.standard)
        Self.feed(Self.mixedLog, to: &store)
        let snapshot = store.snapshot()
        #expect(Self.providerTotals(snapshot) == ["microsoft": 40, "google": 1, "other": 1])
        #expect(snapshot.providers.map(\.name) == ["google", "microsoft", "other"])
        #expect(snapshot.providers.last?.name == MetricsLabel.other)
        // The provider families and the destination family count the same deliveries.
        let destinationTotal = snapshot.destinations.flatMap(\.cells).reduce(0) { $0 + $1.count }
        #expect(destinationTotal == 42)
        #expect(
            snapshot.providerBlocklistHits == [
                MetricsSnapshot.BlocklistHits(
                    blocklist: "zen.spamhaus.org", destination: "google", count: 1)
            ])
    }

    @Test func withoutATableEveryDeliveryIsOther() {
        var store = MetricsStore(topDestinations: 5)
        Self.feed(Self.mixedLog, to: &store)
        #expect(Self.providerTotals(store.snapshot()) == ["other": 42])
    }

    @Test func providerCountersSurviveACheckpoint() throws {
        var store = MetricsStore(topDestinations: 5)
        store.useProviders(.standard)
        Self.feed(Self.mixedLog, to: &store)
        let lines = store.checkpointLines()
        #expect(lines.contains { $0.hasPrefix("pcell s:microsoft postfix deferred ") })
        #expect(lines.contains("pblocklist s:zen.spamhaus.org s:google 1"))
        var restored = try MetricsStore(topDestinations: 5, checkpointLines: lines)
        restored.useProviders(.standard)
        #expect(restored.snapshot().providers == store.snapshot().providers)
        #expect(restored.checkpointLines() == lines)
        // Counting goes on in the same rows.
        Self.feed(Array(Self.mixedLog.prefix(2)), to: &restored)
        #expect(Self.providerTotals(restored.snapshot())["microsoft"] == 42)
    }

    @Test func aCheckpointWithoutProviderCountersStillLoads() throws {
        var store = MetricsStore(topDestinations: 5)
        store.useProviders(.standard)
        Self.feed(Self.mixedLog, to: &store)
        var lines = store.checkpointLines().filter { !$0.hasPrefix("p") }
        lines[lines.count - 1] = "end \(lines.count - 1)"
        let restored = try MetricsStore(topDestinations: 5, checkpointLines: lines)
        #expect(restored.snapshot().providers == [])
        #expect(restored.snapshot().destinations == store.snapshot().destinations)
    }

    @Test func providerNamesAreBounded() {
        let many = (0..<(MetricsProviders.limit + 50)).map {
            ProviderSpec(name: "p\($0)", relaySuffixes: ["p\($0).example"], domains: [])
        }
        let table = ProviderTable.standard.layered(with: many)
        var store = MetricsStore(topDestinations: 5)
        store.useProviders(table)
        let lines = (0..<(MetricsProviders.limit + 50)).map {
            Self.line(
                "a@x\($0).example", relay: "mx.p\($0).example[192.0.2.1]:25", status: "deferred",
                reply: "451 4.3.0 Temporary failure")
        }
        Self.feed(lines, to: &store, table: table)
        let snapshot = store.snapshot()
        #expect(snapshot.providers.count <= MetricsProviders.limit)
        #expect(Self.providerTotals(snapshot).values.reduce(0, +) == lines.count)
    }

    @Test func aForgedCheckpointWithTooManyProvidersIsRefused() {
        var lines = [MetricsStore.checkpointHeader, "epoch 0"]
        for index in 0...MetricsProviders.limit {
            lines.append("pcell s:p\(index) postfix sent - 1")
        }
        lines.append("end \(lines.count)")
        #expect(throws: MetricsRestoreError.self) {
            try MetricsStore(topDestinations: 5, checkpointLines: lines)
        }
    }
}
