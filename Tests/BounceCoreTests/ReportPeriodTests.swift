import Testing

@testable import BounceCore

/// Berlin's rules in 2026, written out: +01:00, and +02:00 from 2026-03-29T01:00Z to
/// 2026-10-25T01:00Z. Unix seconds below were checked against Python's calendar.timegm.
private func berlin(_ unix: Int) -> Int {
    unix >= 1_774_746_000 && unix < 1_792_890_000 ? 7200 : 3600
}

/// 2026-12-06T21:28:00Z, a Sunday evening (22:28 in Berlin).
private let sundayEvening = 1_796_592_480

@Suite struct ReportPeriodTests {
    struct Named: Sendable, CustomTestStringConvertible {
        var name: ReportPeriod.Name
        var now: Int
        var start: Int
        var end: Int
        var testDescription: String { "\(name.rawValue) at \(now)" }
    }

    @Test(arguments: [
        // Local Sunday 2026-12-06: from 2026-12-05T23:00Z to 2026-12-06T23:00Z.
        Named(name: .today, now: sundayEvening, start: 1_796_511_600, end: 1_796_598_000),
        Named(name: .yesterday, now: sundayEvening, start: 1_796_425_200, end: 1_796_511_600),
        // The week before: Monday 2026-11-23 to Monday 2026-11-30, local midnights.
        Named(name: .lastWeek, now: sundayEvening, start: 1_795_388_400, end: 1_795_993_200),
        // 2026-12-06T23:30Z is already Monday 2026-12-07 00:30 in Berlin.
        Named(name: .today, now: 1_796_599_800, start: 1_796_598_000, end: 1_796_684_400),
        Named(name: .lastWeek, now: 1_796_599_800, start: 1_795_993_200, end: 1_796_598_000),
        // The day the clocks go forward has 23 hours.
        Named(
            name: .yesterday, now: 1_774_821_600 + 3600, start: 1_774_738_800, end: 1_774_821_600),
    ])
    func namedPeriodsFollowLocalMidnights(_ row: Named) {
        let period = ReportPeriod.named(row.name, now: row.now, utcOffset: berlin)
        #expect(period == ReportPeriod(start: row.start, end: row.end))
    }

    @Test(arguments: [
        ("2026-12-01", 1_796_079_600),
        ("2026-12-01T07:00", 1_796_104_800),
        ("2026-12-01T07:00:30", 1_796_104_830),
        ("2026-12-01 07:00:30", 1_796_104_830),
        ("2026-07-01", 1_782_856_800),
        // 02:30 on 2026-03-29 never happened: read with +01:00 it is 03:30 after the jump.
        ("2026-03-29T02:30", 1_774_747_800),
        // 02:30 on 2026-10-25 happened twice: the first one counts.
        ("2026-10-25T02:30", 1_792_888_200),
        ("today", 1_796_511_600),
        ("last-week", 1_795_388_400),
    ])
    func boundsAreLocalTime(_ text: String, _ unix: Int) throws {
        #expect(try ReportPeriod.instant(text, now: sundayEvening, utcOffset: berlin) == unix)
    }

    @Test(arguments: [
        "", "2026-1-01", "2026-12-1", "2026/12/01", "2026-12-01T7:00", "2026-12-01T07", "yesterdy",
        "Today", "2026-12-01T07:00:00Z", "2026-12-01T07:00:00+01:00", "२०२६-12-01",
    ])
    func unreadableTimesAreRefusedWithTheForms(_ text: String) {
        #expect {
            try ReportPeriod.bounds(since: text, until: nil, now: sundayEvening, utcOffset: berlin)
        } throws: { error in
            let message = (error as? ReportPeriodError)?.message ?? ""
            return message.contains("--since") && message.contains("YYYY-MM-DD")
                && message.contains("last-week")
        }
    }

    @Test(arguments: [
        "2026-02-29", "2026-04-31", "2026-13-01", "2026-12-01T24:00", "2026-12-01T23:60",
    ])
    func impossibleDaysAndTimesAreRefused(_ text: String) {
        #expect(throws: ReportPeriodError.self) {
            try ReportPeriod.bounds(since: nil, until: text, now: sundayEvening, utcOffset: berlin)
        }
    }

    @Test func theStartMustComeBeforeTheEnd() {
        #expect(throws: ReportPeriodError.self) {
            try ReportPeriod.bounds(
                since: "today", until: "yesterday", now: sundayEvening, utcOffset: berlin)
        }
        #expect(throws: ReportPeriodError.self) {
            try ReportPeriod.bounds(
                since: "2026-12-01", until: "2026-12-01", now: sundayEvening, utcOffset: berlin)
        }
    }

    @Test func sinceYesterdayUntilTodayIsYesterday() throws {
        let period = try ReportPeriod.bounds(
            since: "yesterday", until: "today", now: sundayEvening, utcOffset: berlin)
        #expect(period == ReportPeriod.named(.yesterday, now: sundayEvening, utcOffset: berlin))
        let open = try ReportPeriod.bounds(
            since: nil, until: "2026-12-01", now: sundayEvening, utcOffset: berlin)
        #expect(open == ReportPeriod(start: nil, end: 1_796_079_600))
        #expect(
            try ReportPeriod.bounds(since: nil, until: nil, now: 0, utcOffset: berlin).isUnbounded)
    }

    @Test func thePeriodIsHalfOpen() {
        let period = ReportPeriod(start: 100, end: 200)
        #expect(!period.contains(99))
        #expect(period.contains(100))
        #expect(period.contains(199))
        #expect(!period.contains(200))
        #expect(ReportPeriod(start: nil, end: 200).contains(Int.min))
        #expect(ReportPeriod(start: 100, end: nil).contains(Int.max))
    }

    /// The forms `digest --period` takes: a name, one day, or FROM..TO with either end open.
    @Test func periodsWrittenAlone() throws {
        func period(_ text: String) throws -> ReportPeriod {
            try ReportPeriod.period(text, now: sundayEvening, utcOffset: berlin)
        }
        #expect(try period("yesterday") == ReportPeriod(start: 1_796_425_200, end: 1_796_511_600))
        #expect(try period("2026-12-01") == ReportPeriod(start: 1_796_079_600, end: 1_796_166_000))
        #expect(
            try period("2026-12-01..2026-12-01T07:00")
                == ReportPeriod(start: 1_796_079_600, end: 1_796_104_800))
        #expect(try period("..2026-12-01") == ReportPeriod(start: nil, end: 1_796_079_600))
        #expect(try period("2026-12-01..") == ReportPeriod(start: 1_796_079_600, end: nil))
        #expect(throws: ReportPeriodError.self) { try period("2026-12-01T07:00") }
        #expect(throws: ReportPeriodError.self) { try period("2026-12-05..2026-12-01") }
        #expect(throws: ReportPeriodError.self) { try period("last-month") }
    }
}
