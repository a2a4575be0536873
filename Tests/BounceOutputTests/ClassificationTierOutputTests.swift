import BounceCore
import Foundation
import Testing

@testable import BounceOutput

/// Tier counts in `scan --format json` and the daemon textfile; unread deliveries in `scan`.
@Suite struct ClassificationTierOutputTests {
    private static var report: ScanReport {
        var report = ScanReport()
        report.classificationTiers.add(tier: .text, count: 7)
        report.classificationTiers.add(tier: .replyCode, count: 2)
        report.classificationTiers.add(tier: nil, count: 1)
        report.unrecognizedDeliveryShapes = ShapeReport(
            total: 3,
            shapes: [
                ShapeCount(
                    shape: "<id> to=<addr>, status=bouncedx", count: 3,
                    example: "4F2A11C0D3 to=<a@example.net>, status=bouncedX")
            ])
        return report
    }

    @Test func jsonCountsEveryTier() throws {
        let text = ScanJSONRenderer.render(Self.report)
        let document = try #require(
            JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let tiers = try #require(document["classification_tiers"] as? [String: Int])
        #expect(
            tiers == [
                "event": 0, "user": 0, "text": 7, "enhanced_code": 0, "reply_code": 2,
                "mta_wording": 0, "none": 1,
            ])
        let unread = try #require(document["unrecognized_delivery_lines"] as? [String: Any])
        #expect(unread["total"] as? Int == 3)
        let shapes = try #require(unread["shapes"] as? [[String: Any]])
        #expect(shapes.first?["shape"] as? String == "<id> to=<addr>, status=bouncedx")
    }

    @Test func textListsUnreadDeliveriesOnlyWhenThereAreAny() throws {
        let text = ScanTextRenderer.render(Self.report)
        let section = try #require(text.range(of: "\nUnrecognized delivery lines (by shape): 3\n"))
        let lines = try #require(text.range(of: "\nLines\n"))
        #expect(section.upperBound <= lines.lowerBound)
        #expect(!ScanTextRenderer.render(ScanReport()).contains("Unrecognized delivery lines"))
    }

    @Test func theTextfileCountsClassificationsByTier() {
        var store = MetricsStore(topDestinations: 5)
        var event = RawEvent(mta: .postfix, kind: .delivery, status: .bounced, timestamp: nil)
        let domain = Array("example.net".utf8)
        event.domain = ByteRange(0, domain.count)
        let verdicts = [
            Classification(cause: .blacklisted, ruleID: "spamhaus.dnsbl", tier: .text),
            Classification(cause: .blacklisted, ruleID: "spamhaus.dnsbl", tier: .text),
            Classification(cause: .policy, ruleID: "reply.5xx", tier: .replyCode),
            Classification(cause: .unclassified, ruleID: "none"),
        ]
        domain.withUnsafeBufferPointer { line in
            for verdict in verdicts {
                store.add(event, verdict, in: line, source: "mail.log", time: nil)
            }
        }
        let text = DaemonPrometheusRenderer.render(
            store.snapshot(), health: DaemonHealth(startTime: 1), version: "1.0")
        #expect(text.contains("# TYPE bouncewatch_classifications_total counter\n"))
        #expect(text.contains("bouncewatch_classifications_total{tier=\"text\"} 2\n"))
        #expect(text.contains("bouncewatch_classifications_total{tier=\"reply_code\"} 1\n"))
        #expect(text.contains("bouncewatch_classifications_total{tier=\"none\"} 1\n"))
        #expect(text.contains("bouncewatch_classifications_total{tier=\"mta_wording\"} 0\n"))
    }
}
