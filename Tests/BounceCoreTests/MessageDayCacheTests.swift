import Testing

@testable import BounceCore

/// `MessageDayCache` keeps the last date's days: each stamp must come out as
/// `MessageClock.milliseconds` says, whichever date came before it.
@Suite struct MessageDayCacheTests {
    @Test func sameMillisecondsAsTheClock() {
        // Dates that differ in one part only (year, month or day), year-less stamps, leap
        // days, offsets and a way back to an earlier date.
        let dates: [(Int?, Int, Int)] = [
            (2026, 11, 26), (2026, 11, 26), (2026, 11, 27), (2026, 12, 27), (2027, 12, 27),
            (nil, 12, 27), (nil, 2, 29), (2000, 2, 29), (2024, 2, 29), (2024, 3, 1),
            (2026, 11, 26), (nil, 1, 1), (1969, 12, 31), (2026, 1, 31), (2026, 2, 1),
        ]
        var cache = MessageDayCache()
        var counted = 0
        for (index, (year, month, day)) in dates.enumerated() {
            for hour in [0, 13, 23] {
                let stamp = LogTimestamp(
                    year: year, month: month, day: day, hour: hour, minute: index,
                    second: 59 - index,
                    nanosecond: index * 123_456_789 % 1_000_000_000,
                    utcOffsetSeconds: index % 3 == 0 ? nil : (index % 2 == 0 ? 3600 : -16_200))
                #expect(cache.milliseconds(stamp) == MessageClock.milliseconds(stamp), "\(stamp)")
                counted += 1
            }
        }
        #expect(counted == dates.count * 3)
    }
}
