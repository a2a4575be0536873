import BounceCore
import Foundation
import Testing

@testable import BounceOutput

/// The provider families of the textfile with `metrics.per_host`: every series carries the
/// syslog host, hostile host names stay escaped, and `promtool check metrics` accepts it.
@Suite struct TextfileProviderHostTests {
    /// Counts one delivery logged by `host` to the provider `provider` of the standard table.
    static func add(
        _ store: inout MetricsStore, host: [UInt8], provider: String?, status: DeliveryStatus,
        cause: Cause? = nil, blocklist: String? = nil, times: Int = 1
    ) {
        let domain = Array("tenant.example".utf8)
        var event = RawEvent(mta: .postfix, kind: .delivery, status: status, timestamp: nil)
        event.domain = ByteRange(0, domain.count)
        event.host = ByteRange(domain.count, domain.count + host.count)
        let classification = cause.map {
            Classification(
                cause: $0, ruleID: "test",
                blocklist: blocklist.map { Blocklist(name: $0, delistURL: nil) })
        }
        let index = provider.flatMap { ProviderTable.standard.index(named: $0) }
        (domain + host).withUnsafeBufferPointer { line in
            for _ in 0..<times {
                store.add(
                    event, classification, in: line, source: "/var/log/central/mail.log",
                    time: nil, provider: index)
            }
        }
    }

    static let hostileHost = Array("mta\"c\\\n} 1\nbouncewatch_fake_total 9".utf8)

    static func store() -> MetricsStore {
        var store = MetricsStore(topDestinations: 5)
        store.useProviders(.standard)
        store.setPerHost(true, top: 10)
        add(&store, host: Array("mta-a".utf8), provider: "google", status: .sent, times: 3)
        add(&store, host: Array("mta-b".utf8), provider: "google", status: .sent)
        add(
            &store, host: Array("mta-b".utf8), provider: "microsoft", status: .bounced,
            cause: .blacklisted, blocklist: "zen.spamhaus.org", times: 2)
        add(&store, host: hostileHost, provider: nil, status: .deferred, cause: .network)
        add(&store, host: [], provider: "google", status: .sent)
        store.rebalance()
        return store
    }

    static func samples(_ text: String, of family: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(family + "{") }
    }

    @Test func providerSeriesNameTheirHost() {
        let text = DaemonPrometheusRenderer.render(
            Self.store().snapshot(), health: DaemonHealth(startTime: 0), version: "1")
        let deliveries = Self.samples(text, of: "bouncewatch_provider_deliveries_total")
        let hostile = #"mta\"c\\\n} 1\nbouncewatch_fake_total 9"#
        #expect(
            deliveries == [
                #"bouncewatch_provider_deliveries_total{mta="postfix",status="sent",provider="google",host="mta-a"} 3"#,
                #"bouncewatch_provider_deliveries_total{mta="postfix",status="sent",provider="google",host="mta-b"} 1"#,
                #"bouncewatch_provider_deliveries_total{mta="postfix",status="sent",provider="google",host="other"} 1"#,
                #"bouncewatch_provider_deliveries_total{mta="postfix",status="bounced",cause="blacklisted",provider="microsoft",host="mta-b"} 2"#,
                #"bouncewatch_provider_deliveries_total{mta="postfix",status="deferred",cause="network",provider="other",host=""#
                    + hostile + #""} 1"#,
            ])
        #expect(
            Self.samples(text, of: "bouncewatch_provider_blocklist_hits_total") == [
                #"bouncewatch_provider_blocklist_hits_total{blocklist="zen.spamhaus.org",provider="microsoft",host="mta-b"} 2"#
            ])
        // The destination family has no host: its series would multiply by the hosts.
        #expect(
            Self.samples(text, of: "bouncewatch_deliveries_total").allSatisfy {
                !$0.contains("host=")
            })
        #expect(
            Self.samples(text, of: "bouncewatch_blocklist_hits_total").allSatisfy {
                !$0.contains("host=")
            })
    }

    @Test func promtoolAcceptsProviderSeriesByHost() throws {
        guard let promtool = TextfileTools.path("promtool", package: "prometheus") else { return }
        let text = DaemonPrometheusRenderer.render(
            Self.store().snapshot(), health: DaemonHealth(startTime: 0), version: "1")
        try TextfileTools.expectPromtoolAccepts(text, promtool: promtool)
    }
}
