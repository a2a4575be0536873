import BounceCore
import Foundation
import Testing

@testable import BounceDaemon

/// A central log of two MTAs with `metrics.per_host: true`: the daemon's textfile gives the
/// provider families a `host` label with exact counts, and they continue across a restart.
@Suite struct DaemonProviderHostTests {
    static func line(_ host: String, _ serial: Int, relay: String, status: String) -> String {
        let queue = String(serial + 0x20000, radix: 16, uppercase: true)
        return
            "Nov 26 10:00:01 \(host) postfix/smtp[123]: \(queue): to=<u\(serial)@tenant.example>,"
            + " relay=\(relay), delay=1, delays=0/0/0/0, dsn=2.0.0, status=\(status)"
            + " (250 2.0.0 OK id \(serial))\n"
    }

    static let gmail = "gmail-smtp-in.l.google.com[142.250.102.27]:25"
    static let exchange = "tenant-example.mail.protection.outlook.com[52.101.41.3]:25"

    /// mta-a: 3 to Google, 1 to Microsoft; mta-b: 2 to Microsoft.
    static func log(from serial: Int) -> String {
        [
            line("mta-a", serial, relay: gmail, status: "sent"),
            line("mta-b", serial + 1, relay: exchange, status: "sent"),
            line("mta-a", serial + 2, relay: gmail, status: "sent"),
            line("mta-a", serial + 3, relay: exchange, status: "sent"),
            line("mta-b", serial + 4, relay: exchange, status: "sent"),
            line("mta-a", serial + 5, relay: gmail, status: "sent"),
        ].joined()
    }

    /// `provider host` → count, from the textfile's provider delivery series.
    static func providerCounts(_ textfile: String) throws -> [String: Int] {
        let text = try String(contentsOfFile: textfile, encoding: .utf8)
        var counts: [String: Int] = [:]
        for sample in text.split(separator: "\n")
        where sample.hasPrefix("bouncewatch_provider_deliveries_total{") {
            func label(_ name: String) -> String {
                guard let start = sample.range(of: "\(name)=\"") else { return "-" }
                return String(sample[start.upperBound...].prefix { $0 != "\"" })
            }
            let value = Int(sample.split(separator: " ").last ?? "") ?? -1
            counts["\(label("provider")) \(label("host"))", default: 0] += value
        }
        return counts
    }

    @Test func providerSeriesByHostAreExactAndSurviveARestart() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", text: Self.log(from: 1))
        var configuration = harness.mailLogConfiguration
        configuration.metrics.perHost = true
        configuration.metrics.topHosts = 10
        let loop = try harness.restart(
            configuration,
            whileRunning: { _ in
                let counts = try Self.providerCounts(harness.textfile)
                #expect(counts == ["google mta-a": 3, "microsoft mta-a": 1, "microsoft mta-b": 2])
            },
            whileStopped: { try harness.append("mail.log", text: Self.log(from: 7)) })
        loop.flush()
        #expect(
            try Self.providerCounts(harness.textfile) == [
                "google mta-a": 6, "microsoft mta-a": 2, "microsoft mta-b": 4,
            ])
    }

    @Test func withoutPerHostTheProviderSeriesHaveNoHost() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", text: Self.log(from: 1))
        try harness.runOnce(harness.mailLogConfiguration)
        #expect(try Self.providerCounts(harness.textfile) == ["google -": 3, "microsoft -": 3])
    }
}
