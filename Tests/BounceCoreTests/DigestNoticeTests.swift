import BounceCore
import Testing

/// The notice a digest mail travels with: its log description names the period, and an alert
/// that happens to be called `digest` is not taken for one.
@Suite struct DigestNoticeTests {
    @Test func aDigestNoticeIsDescribedByItsPeriodInUTC() {
        var counts = StatusCounts()
        counts.sent = 7
        counts.deferred = 3
        let notice = DigestNotice.make(start: 1_796_540_400, end: 1_796_626_800, deliveries: counts)
        #expect(notice.fingerprint == "digest-1796626800")
        #expect(notice.count == 3)
        #expect(notice.denominator == 10)
        #expect(notice.windowSeconds == 86_400)
        #expect(
            DigestNotice.describe(notice)
                == "digest for 2026-12-06 07:00:00 +0000 .. 2026-12-07 07:00:00 +0000")
    }

    @Test func anAlertRuleNamedDigestIsNotADigest() {
        let notice = AlertNotice(
            rule: "digest", state: .firing, group: [], fingerprint: "5f0c2a9e41b7d3c8",
            count: 4, windowSeconds: 600, startedAt: 1_796_540_400, decidedAt: 1_796_541_000)
        #expect(DigestNotice.describe(notice) == nil)
    }
}
