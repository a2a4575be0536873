import BounceCore
import BounceTestSupport
import Testing

@testable import BounceOutput

/// The HTML report: a golden page with a fixed clock, escaping of every text from the log, and
/// a page that asks nothing of the network.
@Suite struct ScanHTMLRendererTests {
    /// 2026-11-27T07:00:00+01:00.
    static let written = LogInstant(unixSeconds: 1_795_759_200, utcOffsetSeconds: 3600)

    /// `SampleReports.small` with a period and failures over six hours of 2026-11-26.
    static var report: ScanReport {
        var report = SampleReports.small
        // 2026-11-26T00:00:00+01:00.
        let start = 1_795_647_600
        report.period = ScanPeriod(
            start: LogInstant(unixSeconds: start, utcOffsetSeconds: 3600),
            end: LogInstant(unixSeconds: start + 86_400, utcOffsetSeconds: 3600), eventsOutside: 7)
        var timeline = FailureTimeline()
        let hour = start + 6 * 3600
        for (offset, cause, count) in [
            (0, Cause.network, 8), (1, .network, 12), (1, .recipientUnknown, 2),
            (3, .blacklisted, 5), (4, .recipientUnknown, 4), (5, .unclassified, 13),
            (5, .expired, 5), (4, .network, 1),
        ] {
            for _ in 0..<count { timeline.addFailure(at: hour + offset * 3600 + 60, cause: cause) }
        }
        for _ in 0..<5 { timeline.addBlocklistHit(at: hour + 3 * 3600, list: "zen.spamhaus.org") }
        report.timeline = timeline.report(utcOffset: { _ in 3600 })
        return report
    }

    @Test func pageMatchesGolden() {
        let html = ScanHTMLRenderer.render(Self.report, generatedAt: Self.written, version: "0.1.0")
        #expect(Golden.problem(html, against: "scan.html") == nil)
    }

    @Test func theTimeChartHasOneSeriesPerCauseLargestFirst() {
        let html = ScanHTMLRenderer.render(Self.report, generatedAt: Self.written, version: "0.1.0")
        let timeline = html.split(separator: "<section id=\"timeline\">")[1]
            .split(separator: "</section>")[0]
        let series = timeline.split(separator: "<g class=\"series\" data-series=\"").dropFirst()
            .map { $0.prefix { $0 != "\"" } }
        #expect(
            series == ["network", "unclassified", "recipient_unknown", "blacklisted", "expired"])
        let blocklists = html.split(separator: "<section id=\"blocklists\">")[1]
            .split(separator: "</section>")[0]
        #expect(blocklists.contains("<g class=\"series\" data-series=\"zen.spamhaus.org\""))
    }

    /// Nothing in the page loads anything: no script, no image, no frame, no external style
    /// or font, and a policy that would block them anyway.
    @Test func thePageIsSelfContained() {
        let html = ScanHTMLRenderer.render(Self.report, generatedAt: Self.written, version: "0.1.0")
        for forbidden in [
            "<script", "<img", "<iframe", "<link", "<object", "<embed", "url(", "@import", " src=",
        ] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none';"))
        #expect(
            html.contains(
                "Period: 2026-11-26T00:00:00+01:00 up to 2026-11-27T00:00:00+01:00; 7 events outside it not counted"
            ))
    }

    static let hostile = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'><svg onload=alert(1)>",
        "\u{202E}gpj.exe", "a\u{2066}b\u{2069}c", "line\r\nbreak", "&amp; already",
    ]

    /// Every field the log fills, filled with markup and bidi overrides: none of it reaches the
    /// page as markup or as an invisible character.
    @Test(arguments: hostile)
    func textFromTheLogIsEscaped(_ text: String) {
        var report = Self.report
        report.causes[0].sampleReply = text
        report.destinations[0].name = text
        report.providers[0].name = text
        report.hosts[0].name = text
        report.blocklists[0].name = text
        report.blocklists[0].listedIPs = [text]
        report.blocklists[0].delistURL = "https://example.org/" + text
        report.rejects.topClients[0].name = text
        report.authFailures.topClients[0].name = text
        report.unclassifiedShapes.shapes[0].example = text
        report.unclassifiedShapes.shapes[0].shape = text
        report.lines[0].source = text
        report.unreadableInputs[0].reason = text
        report.timeline?.blocklistHits[0].name = text
        let html = ScanHTMLRenderer.render(report, generatedAt: Self.written, version: text)
        for markup in ["<script", "<img", "<svg onload", "<a href=\"https://example.org/\"<"] {
            #expect(!html.contains(markup), "\(markup)")
        }
        for scalar in html.unicodeScalars {
            if scalar == "\n" { continue }
            #expect(!UntrustedText.isInvisible(scalar), "U+\(String(scalar.value, radix: 16))")
        }
        #expect(html.contains(HTMLText.escape(text)))
    }

    @Test func escapingIsExact() {
        #expect(
            HTMLText.escape("<a href=\"x\">'&'</a>")
                == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(
            HTMLText.escape("\u{202E}x\u{200B}\r\n\u{7F}") == "\\u{202e}x\\u{200b}\\x0d\\x0a\\x7f")
        #expect(HTMLText.escape("héllo 中文 📬") == "héllo 中文 📬")
        #expect(HTMLText.escape("abcdef", limit: 3) == "abc...")
    }
}
