import BounceTestSupport
import Foundation
import Testing

/// `scan --format html` end to end: the page's charts come from the log's own events.
@Suite struct ScanHTMLCommandTests {
    @Test func thePageChartsTheLogsFailuresPerHour() throws {
        let dir = try TemporaryDirectory()
        let deferred = SampleLines.eximDeferred
        let log =
            [
                SampleLines.bounced.replacingOccurrences(of: "10:00:01", with: "08:15:00"),
                SampleLines.bounced, SampleLines.sent, deferred,
            ].joined(separator: "\n") + "\n"
        let file = try dir.write("mail.log", log)
        // 2026-11-27T00:00:00Z: the year-less stamps are 2026's.
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_795_737_600)], ofItemAtPath: file)
        let result = try BinaryRunner.run(["scan", "--format", "html", file])
        #expect(result.status == 0, "\(result.stderr)")
        let html = result.stdout
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(html.hasSuffix("</html>\n"))
        // Bounced at 08:15 and 10:00 UTC, the Exim deferral at 09:05 UTC (10:05 +01:00).
        #expect(html.contains("Failed deliveries per hour, by cause"))
        #expect(
            html.contains(
                "<g class=\"series\" data-series=\"recipient_unknown\" fill=\"\(causeColor)\">"))
        #expect(html.contains("<g class=\"series\" data-series=\"network\""))
        #expect(html.contains("2026-11-26 08:00–09:00 +00:00: recipient_unknown 1"))
        #expect(html.contains("2026-11-26 09:00–10:00 +00:00: network 1"))
        #expect(html.contains("2026-11-26 10:00–11:00 +00:00: recipient_unknown 1"))
    }

    private var causeColor: String { "hsl(12,62%,46%)" }

    @Test func thePeriodLimitsTheChartsToo() throws {
        let dir = try TemporaryDirectory()
        let log =
            [
                SampleLines.bounced.replacingOccurrences(of: "10:00:01", with: "08:15:00"),
                SampleLines.bounced,
            ].joined(separator: "\n") + "\n"
        let file = try dir.write("mail.log", log)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_795_737_600)], ofItemAtPath: file)
        let result = try BinaryRunner.run(
            ["scan", "--format", "html", "--since", "2026-11-26T09:00", file])
        #expect(result.status == 0)
        #expect(result.stdout.contains("1 event outside it not counted"))
        #expect(!result.stdout.contains("08:00–09:00"))
        #expect(result.stdout.contains("2026-11-26 10:00–11:00 +00:00: recipient_unknown 1"))
    }
}
