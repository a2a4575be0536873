import Testing

@testable import BounceCore

/// Central European Time with no summer time, enough for these December moments.
private func cet(_ unix: Int) -> Int { 3600 }

/// 2026-12-06T21:28:00Z, a Sunday evening (22:28 local).
private let sundayEvening = 1_796_592_480
/// 07:00 local on Sunday 2026-12-06, Monday 12-07 and Tuesday 12-08.
private let sundaySeven = 1_796_536_800
private let mondaySeven = 1_796_623_200
private let tuesdaySeven = 1_796_709_600

@Suite struct DigestCursorTests {
    let daily = DigestSchedule(cadence: .daily, hour: 7, minute: 0)

    @Test func aFirstStartOpensAPeriodAndSendsNothing() {
        var cursor = DigestCursor(schedule: daily, now: sundayEvening, utcOffset: cet)
        #expect(cursor.periodEnd == mondaySeven)
        #expect(cursor.close(now: sundayEvening, utcOffset: cet) == nil)
        #expect(cursor.close(now: mondaySeven - 1, utcOffset: cet) == nil)
        #expect(cursor.periodEnd == mondaySeven)
    }

    @Test func thePeriodClosesAtItsScheduledMomentOnce() {
        var cursor = DigestCursor(schedule: daily, now: sundayEvening, utcOffset: cet)
        let closed = cursor.close(now: mondaySeven, utcOffset: cet)
        #expect(
            closed
                == DigestCursor.Closed(
                    period: ReportPeriod(start: sundaySeven, end: mondaySeven), skipped: 0))
        #expect(cursor.periodEnd == tuesdaySeven)
        #expect(cursor.close(now: mondaySeven + 5, utcOffset: cet) == nil)
    }

    /// The daemon stopped on Sunday evening and started again on Monday at noon: the digest
    /// due at 07:00 goes out at the start, and a second start (from the cursor the first one
    /// saved) sends nothing.
    @Test func aDigestDueWhileStoppedGoesOutOnceAtTheNextStart() {
        let saved = DigestCursor(schedule: daily, now: sundayEvening, utcOffset: cet).periodEnd
        var first = DigestCursor(schedule: daily, periodEnd: saved)
        let noon = mondaySeven + 5 * 3600
        #expect(first.close(now: noon, utcOffset: cet)?.period.end == mondaySeven)
        var second = DigestCursor(schedule: daily, periodEnd: first.periodEnd)
        #expect(second.close(now: noon + 60, utcOffset: cet) == nil)
        #expect(second.periodEnd == tuesdaySeven)
    }

    @Test func stoppedAcrossSeveralMomentsOneDigestGoesOutAndTheRestAreCounted() {
        var cursor = DigestCursor(schedule: daily, periodEnd: mondaySeven)
        let closed = cursor.close(now: tuesdaySeven + 2 * 86_400 + 1, utcOffset: cet)
        #expect(closed?.period == ReportPeriod(start: sundaySeven, end: mondaySeven))
        #expect(closed?.skipped == 3)
        #expect(cursor.periodEnd == tuesdaySeven + 3 * 86_400)
    }
}
