import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceOutput

@Test func textReportMatchesGolden() {
    #expect(
        Golden.problem(ScanTextRenderer.render(SampleReports.small), against: "scan.txt") == nil)
}

@Test func jsonReportMatchesGolden() {
    let text = ScanJSONRenderer.render(SampleReports.small) + "\n"
    #expect(Golden.problem(text, against: "scan.json") == nil)
}

@Test func prometheusReportMatchesGolden() {
    let text = ScanPrometheusRenderer.render(SampleReports.small, version: "0.1.0")
    #expect(Golden.problem(text, against: "scan.prom") == nil)
}

@Test func jsonReportHasTheDocumentedKeys() throws {
    let text = ScanJSONRenderer.render(SampleReports.small)
    let document = try #require(
        JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    for key in [
        "deliveries", "causes", "destinations", "rejects", "auth_failures", "lines",
        "unrecognized", "blocklists", "time_range", "truncated_lines", "unreadable_inputs",
        "providers", "other_providers", "hosts",
    ] {
        #expect(document[key] != nil, "missing \(key)")
    }
    let deliveries = try #require(document["deliveries"] as? [String: Int])
    #expect(deliveries["sent"] == 19)
    #expect(deliveries["deferred"] == 35)
    #expect(deliveries["bounced"] == 10)
    #expect(deliveries["expired"] == 5)
    let rejects = try #require(document["rejects"] as? [String: Any])
    #expect(rejects["total"] as? Int == 5)
    #expect(
        rejects["by_blocklist"] as? [String: Int] == ["zen.spamhaus.org": 2, "bl.spamcop.net": 1])
    let failures = try #require(document["auth_failures"] as? [String: Any])
    #expect(failures["total"] as? Int == 5)
    let causes = try #require(document["causes"] as? [String: [String: Any]])
    #expect(causes["network"]?["total"] as? Int == 21)
    #expect(causes["expired"]?["sample_reply"] is NSNull)
    #expect(document["unrecognized"] as? Int == 3)
    #expect(document["truncated_lines"] as? Int == 1)
}

@Test func textReportHasEverySection() {
    let text = ScanTextRenderer.render(SampleReports.small)
    var position = text.startIndex
    for section in [
        "Deliveries", "Causes", "Providers", "Hosts", "Destinations", "Blocklists",
        "Inbound rejects", "SASL failures", "Lines",
    ] {
        let found = text.range(of: "\n" + section, range: position..<text.endIndex)
        #expect(found != nil, "section \(section) missing or out of order")
        if let found { position = found.upperBound }
    }
}

@Test func textReportCleansControlCharacters() {
    let text = ScanTextRenderer.render(SampleReports.hostile)
    #expect(!text.contains("\u{1B}"))
    #expect(!text.contains("\r"))
    #expect(!text.contains("\u{0}"))
    // Every line of a table starts with its indentation: no newline smuggled in from a domain.
    let destinationRows = text.split(separator: "\n").drop { !$0.hasPrefix("Destinations") }
        .dropFirst().prefix { $0.hasPrefix("  ") }
    #expect(destinationRows.count == SampleReports.hostile.destinations.count + 2)
}

@Test func textReportLinesHaveNoTrailingBlanks() {
    let report = ScanReport(
        deliveries: StatusCounts(sent: 1),
        destinations: [DestinationSummary(name: "a.example", counts: StatusCounts(sent: 1))])
    for text in [ScanTextRenderer.render(report), ScanTextRenderer.render(SampleReports.small)] {
        for line in text.split(separator: "\n") {
            #expect(line.last != " ", "trailing blank in: \(line)")
        }
    }
}

@Test func hostsSectionOnlyForAFleet() throws {
    var report = SampleReports.small
    report.hostsSeen = 1
    report.hosts = [HostSummary(name: "mx1", deliveries: report.deliveries)]
    #expect(!ScanTextRenderer.render(report).contains("\nHosts"))
    let document = try #require(
        JSONSerialization.jsonObject(with: Data(ScanJSONRenderer.render(report).utf8))
            as? [String: Any])
    #expect(document["hosts"] == nil)
    #expect(ScanTextRenderer.render(SampleReports.small).contains("\nHosts (2 seen"))
}

@Test func providerRowsCarryFailureRates() throws {
    let document = try #require(
        JSONSerialization.jsonObject(with: Data(ScanJSONRenderer.render(SampleReports.small).utf8))
            as? [String: Any])
    let providers = try #require(document["providers"] as? [[String: Any]])
    #expect(providers.map { $0["provider"] as? String } == ["google", "microsoft"])
    #expect(providers[0]["failure_rate"] as? Double == 0.7143)
    #expect(ScanTextRenderer.render(SampleReports.small).contains("71.4%"))
}
