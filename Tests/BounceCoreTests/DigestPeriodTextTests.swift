import Testing

@testable import BounceCore

/// `digest --period` in a zone with summer time, at a fixed clock.
@Suite struct DigestPeriodTextTests {
    /// 2026-03-29T01:00:00Z and 2026-10-25T01:00:00Z: Central Europe's changes in 2026.
    static func centralEurope(_ unix: Int) -> Int {
        unix >= 1_774_746_000 && unix < 1_792_890_000 ? 7200 : 3600
    }

    /// Sunday 2026-12-06 22:30 in Central Europe (21:30 UTC).
    static let now: Int64 = 1_796_592_600

    struct Row: Sendable, CustomTestStringConvertible {
        var text: String
        var start: Int64
        var end: Int64
        var testDescription: String { text }
    }

    @Test(arguments: [
        // Local midnights are 23:00 UTC in winter.
        Row(text: "today", start: 1_796_511_600, end: 1_796_598_000),
        Row(text: "yesterday", start: 1_796_425_200, end: 1_796_511_600),
        // This week's Monday is Nov 30; last week is Nov 23 to Nov 30.
        Row(text: "last-week", start: 1_795_388_400, end: 1_795_993_200),
        // The day the clocks go forward has 23 hours.
        Row(text: "2026-03-29..2026-03-30", start: 1_774_738_800, end: 1_774_821_600),
        Row(
            text: "2026-11-26T06:00..2026-11-26T18:30:15", start: 1_795_669_200,
            end: 1_795_714_215),
        Row(
            text: "2026-11-26 06:00..2026-11-26 18:30:15", start: 1_795_669_200, end: 1_795_714_215),
    ])
    func periodsAreLocalAndHalfOpen(_ row: Row) throws {
        let period = try #require(
            DigestPeriodText.parse(row.text, now: Self.now, utcOffset: Self.centralEurope))
        #expect(period.start == row.start)
        #expect(period.end == row.end)
    }

    @Test(arguments: [
        "", "tomorrow", "2026-11-26", "2026-11-26..", "..2026-11-26", "2026-11-27..2026-11-26",
        "2026-11-26..2026-11-26", "2026-13-01..2026-13-02", "2026-02-29..2026-03-01",
        "2026-11-26T24:00..2026-11-27", "2026-11-26T06:60..2026-11-27", "2026-1-26..2026-11-27",
        "yesterday..today", "2026-11-26...2026-11-27", "２０２６-11-26..2026-11-27",
    ])
    func otherTextIsNoPeriod(_ text: String) {
        #expect(DigestPeriodText.parse(text, now: Self.now, utcOffset: Self.centralEurope) == nil)
    }

    @Test func mondayIsTheStartOfTheWeek() throws {
        // Monday 2026-11-30 08:00 local: last week is still Nov 23 to Nov 30.
        let monday: Int64 = 1_795_993_200 + 8 * 3600
        let period = try #require(
            DigestPeriodText.parse("last-week", now: monday, utcOffset: Self.centralEurope))
        #expect(period.start == 1_795_388_400)
        #expect(period.end == 1_795_993_200)
    }
}
