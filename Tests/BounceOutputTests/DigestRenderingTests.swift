import BounceCore
import BounceTestSupport
import Foundation
import Testing

/// The digest's text, HTML and mail forms, from fixed reports and a fixed clock.
@Suite struct DigestRenderingTests {
    /// 2026-11-26 00:00 to 2026-11-27 00:00 UTC.
    static let start: Int64 = 1_795_651_200
    static let end: Int64 = 1_795_737_600

    /// The period before `SampleReports.small`: fewer failures of some causes, one cause that
    /// vanished, a destination with a different rate.
    static var previous: ScanReport {
        var report = ScanReport(
            deliveries: StatusCounts(sent: 30, deferred: 12, bounced: 10, expired: 2),
            causes: [
                CauseSummary(
                    cause: .network, counts: StatusCounts(deferred: 12),
                    sampleReply: "connect to mx.example.net[192.0.2.25]:25: Connection timed out"),
                CauseSummary(
                    cause: .recipientUnknown, counts: StatusCounts(bounced: 8, rejected: 1),
                    sampleReply: "550 5.1.1 User unknown"),
                CauseSummary(
                    cause: .mailboxFull, counts: StatusCounts(bounced: 2),
                    sampleReply: "552 5.2.2 Mailbox full"),
                CauseSummary(cause: .expired, counts: StatusCounts(expired: 2)),
            ],
            destinations: [
                DestinationSummary(
                    name: "example.net", counts: StatusCounts(sent: 18, deferred: 12),
                    mainCauses: [CauseCount(.network, 12)])
            ],
            rejects: RejectSummary(total: 1), authFailures: AuthFailureSummary(total: 9))
        report.providers = [
            DestinationSummary(name: "google", counts: StatusCounts(sent: 20, deferred: 4))
        ]
        return report
    }

    static var digest: Digest {
        Digest(
            hostname: "mx1", start: start, end: end, current: SampleReports.small,
            previous: previous)
    }

    /// A period whose replies, names and clients carry markup, header injection and bidi
    /// overrides.
    static var hostile: Digest {
        var report = SampleReports.small
        report.causes[0].sampleReply =
            "550 <script>alert(1)</script> \"><img src=x onerror=alert(2)>\r\nBcc: x@evil\u{202E}gnp.exe"
        report.destinations[0].name = "<b>evil</b>.example"
        report.blocklists[0].listedIPs = ["1.2.3.4\"><script>"]
        report.blocklists[0].delistURL = "javascript:alert(3)//<x>"
        report.rejects.topClients = [NamedCount("<iframe>", 3)]
        report.unclassifiedShapes.shapes[0].shape = "451 <style>body{display:none}</style>"
        return Digest(
            hostname: "mx1\r\nBcc: victim@example.org", start: start, end: end, current: report,
            previous: previous)
    }

    @Test func textDigestMatchesGolden() {
        #expect(
            Golden.problem(DigestTextRenderer.render(Self.digest), against: "digest.txt") == nil)
    }

    @Test func changesCarryArrowsAndPercent() {
        let rows = Dictionary(uniqueKeysWithValues: Self.digest.totals.map { ($0.label, $0) })
        #expect(rows["deferred"]?.change == "\u{25B2} +23 (+192%)")
        #expect(rows["sent"]?.change == "\u{25BC} -11 (-37%)")
        #expect(rows["SASL failures"]?.change == "\u{25BC} -4 (-44%)")
        let rate = Self.digest.failureRate
        #expect(rate.now.text == "72.5%")
        #expect(rate.before.text == "44.4%")
        #expect(rate.now.change(from: rate.before) == "\u{25B2} +28.1 pts")
        #expect(DigestChange.text(now: 5, before: 0) == "\u{25B2} +5 (new)")
        #expect(DigestChange.text(now: 3, before: 3) == "= 0")
    }

    @Test func causesListVanishedOnesAndAdviceFollowsGrowth() {
        let causes = Self.digest.causes
        #expect(causes.map(\.cause).last == .mailboxFull)
        #expect(causes.last?.now == 0 && causes.last?.before == 2)
        // network +9, blacklisted +5 (new), authFailure +5 (new), expired +3; recipientUnknown
        // fell from 9 to 8 and gets no advice.
        #expect(
            Self.digest.advice.map(\.cause) == [.network, .blacklisted, .authFailure, .expired])
        #expect(Self.digest.advice.first?.line == Remediation.firstStep(for: .network))
    }

    @Test func htmlIsTablesAndInlineCSSOnly() {
        let html = DigestHTMLRenderer.render(Self.digest)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for forbidden in ["<script", "<style", "<img", "<link", "src=", "href=", "url(", "@import"]
        {
            #expect(!html.lowercased().contains(forbidden), "HTML contains \(forbidden)")
        }
        #expect(html.contains("<table"))
        // The cause bars: network (21) is the longest, 160 px.
        #expect(html.contains("height:10px;width:160px;"))
        #expect(html.contains("72.5%"))
    }

    @Test func hostileTextIsNeverMarkup() {
        let html = DigestHTMLRenderer.render(Self.hostile)
        for forbidden in ["<script", "<img", "<b>evil", "<iframe", "<style", "\u{202E}", "\r"] {
            #expect(!html.contains(forbidden), "HTML contains \(forbidden.debugDescription)")
        }
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        #expect(html.contains("\\u{202e}"))
        let text = DigestTextRenderer.render(Self.hostile)
        #expect(!text.contains("\u{202E}") && !text.contains("\r"))
    }

    @Test func mailIsMultipartAlternativeWithShortCRLFLines() throws {
        let envelope = AlertMailEnvelope(
            hostname: "mx1\r\nBcc: victim@example.org", from: "bouncewatch@mx1.example.net",
            to: ["postmaster@example.net"], messageID: "", date: Self.end + 7 * 3600)
        let bytes = DigestMail.compose(Self.hostile, envelope: envelope)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.allSatisfy { $0 < 0x80 }, "the message is 7-bit")
        let lines = text.components(separatedBy: "\r\n")
        #expect(!lines.contains { $0.contains("\r") || $0.contains("\n") }, "bare CR or LF")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 }, "a line is longer than 78")
        let headerEnd = try #require(lines.firstIndex(of: ""))
        let headers = lines[..<headerEnd]
        #expect(headers.contains("Content-Type: multipart/alternative;"))
        #expect(!headers.contains { $0.hasPrefix("Bcc:") })
        // The host name lost its CR/LF and the characters no id may hold.
        #expect(
            headers.contains(
                "Message-ID: <bouncewatch.digest.\(Self.start).\(Self.end)@mx1Bccvictimexample.org>"
            ))
        let boundary = "=_bouncewatch_digest_\(Self.start)_\(Self.end)"
        #expect(lines.filter { $0 == "--\(boundary)" }.count == 2)
        // The message ends with the closing boundary and its CRLF.
        #expect(lines.suffix(2) == ["--\(boundary)--", ""])
        #expect(lines.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(lines.contains("Content-Type: text/html; charset=utf-8"))
        let subject = try #require(headers.first { $0.hasPrefix("Subject:") })
        #expect(subject.contains("[bouncewatch]"))
    }
}
