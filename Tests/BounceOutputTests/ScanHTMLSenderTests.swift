import BounceCore
import Testing

@testable import BounceOutput

/// The HTML report's Senders and Authenticated users tables.
@Suite struct ScanHTMLSenderTests {
    static func page(_ report: ScanReport) -> String {
        ScanHTMLRenderer.render(report, generatedAt: ScanHTMLRendererTests.written, version: "0")
    }

    /// The text of the section `identifier`.
    static func section(_ identifier: String, in html: String) -> Substring? {
        let parts = html.split(separator: "<section id=\"\(identifier)\">")
        guard parts.count == 2 else { return nil }
        return parts[1].split(separator: "</section>").first
    }

    /// The cells of each body row of the section's table.
    static func rows(_ section: Substring) -> [[String]] {
        guard let body = section.split(separator: "<tbody>\n").dropFirst().first else { return [] }
        return body.split(separator: "</tr>").dropLast().map { row in
            row.split(separator: "</td>").compactMap { cell in
                cell.split(separator: ">", omittingEmptySubsequences: false).last.map(String.init)
            }
        }
    }

    @Test func bothTablesFollowTheDestinationsWithEveryRow() throws {
        let report = SampleReports.small
        let html = Self.page(report)
        let senders = try #require(Self.section("senders", in: html))
        let users = try #require(Self.section("users", in: html))
        #expect(senders.contains("<h2>Senders</h2>"))
        #expect(users.contains("<h2>Authenticated users</h2>"))
        let order = ["destinations", "senders", "users", "blocklists"].map {
            html.range(of: "<section id=\"\($0)\">")?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())

        let senderReport = try #require(report.senders)
        let shown = senderReport.domains + [try #require(senderReport.otherDomains)]
        #expect(Self.rows(senders).map(\.first) == shown.map { HTMLText.escape($0.name) })
        for (row, summary) in zip(Self.rows(senders), shown) {
            #expect(
                Array(row[1...5]) == [
                    "\(summary.counts.sent)", "\(summary.counts.deferred)",
                    "\(summary.counts.bounced)", "\(summary.counts.expired)",
                    FailureRate.percent(summary.counts),
                ])
            #expect(
                row[6]
                    == summary.mainCauses.map { "\($0.cause.identifier) \($0.count)" }
                    .joined(separator: ", "))
        }
        #expect(Self.rows(users).map(\.first) == senderReport.users.map(\.name))
    }

    /// A log without message lines: both sections are there and say none.
    @Test func emptySectionsSayNone() throws {
        var report = SampleReports.small
        report.senders = SenderReport()
        let html = Self.page(report)
        for identifier in ["senders", "users"] {
            let section = try #require(Self.section(identifier, in: html))
            #expect(section.contains("<p class=\"none\">None.</p>"))
            #expect(!section.contains("<table>"))
        }
    }

    /// The notes of the text report close the second table.
    @Test func theStateNotesAreShown() throws {
        var report = SampleReports.small
        report.senders?.deliveriesWithoutSender = 17
        report.senders?.evictedMessages = 3
        report.senders?.namesOverflowed = 2
        let users = try #require(Self.section("users", in: Self.page(report)))
        #expect(users.contains("17 deliveries of messages whose sender the log does not say."))
        #expect(users.contains("3 open messages dropped by the state&#39;s bound."))
        #expect(users.contains("2 names past the state&#39;s bound counted as other."))
        let quiet = try #require(Self.section("users", in: Self.page(SampleReports.small)))
        #expect(!quiet.contains("the state"))
    }

    /// A sender domain or login is anyone's to choose: it reaches the page as text only.
    @Test(arguments: ScanHTMLRendererTests.hostile)
    func namesAreEscaped(_ text: String) throws {
        var report = SampleReports.small
        report.senders?.domains[0].name = text
        report.senders?.users[0].name = text
        let html = Self.page(report)
        for markup in ["<script", "<img", "<svg onload"] {
            #expect(!html.contains(markup), "\(markup)")
        }
        for scalar in html.unicodeScalars where scalar != "\n" {
            #expect(!UntrustedText.isInvisible(scalar), "U+\(String(scalar.value, radix: 16))")
        }
        let escaped = HTMLText.escape(text, limit: 400)
        #expect(try #require(Self.section("senders", in: html)).contains("<td>\(escaped)</td>"))
        #expect(try #require(Self.section("users", in: html)).contains("<td>\(escaped)</td>"))
    }
}
