import Testing

@testable import BounceCore

/// Parses a stamp as it appears at the start of a log line: BSD, RFC 3339, or Exim (with an
/// optional ` +hhmm` zone after it).
private func stamp(_ text: String) -> LogTimestamp {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { line in
        var index = 0
        if let bsd = TimestampParser.bsd(line, at: &index) { return bsd }
        index = 0
        if let rfc = TimestampParser.rfc3339(line, at: &index) { return rfc }
        index = 0
        guard var exim = TimestampParser.exim(line, at: &index) else {
            Issue.record("not a stamp: \(text)")
            return LogTimestamp(year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0)
        }
        if index < line.count, line[index] == UInt8(ascii: " ") {
            index += 1
            exim.utcOffsetSeconds = TimestampParser.utcOffset(line, at: &index, colon: false)
        }
        return exim
    }
}

/// Unix seconds of a UTC date and time, from the calendar code under test's independent twin:
/// values below were checked against Python's datetime.
private let unix20261127 = 1_795_737_600  // 2026-11-27T00:00:00Z
private let unix20270101 = 1_798_761_600  // 2027-01-01T00:00:00Z
private let unix20270102 = 1_798_848_000  // 2027-01-02T00:00:00Z
private let unix20260701 = 1_782_907_200  // 2026-07-01T12:00:00Z
private let springForward2026 = 1_774_746_000  // 2026-03-29T01:00:00Z, Europe +1 -> +2
private let fallBack2026 = 1_792_890_000  // 2026-10-25T01:00:00Z, Europe +2 -> +1

/// Central European time with its 2026 changes, as the system zone would report it.
private func centralEurope(_ unix: Int) -> Int {
    unix >= springForward2026 && unix < fallBack2026 ? 7200 : 3600
}

private func resolveAll(_ stamps: [String], reference: Int, offset: @escaping (Int) -> Int)
    -> [String]
{
    var resolver = TimeResolver(reference: reference, utcOffset: offset)
    return stamps.map { resolver.resolve(stamp($0)).rfc3339 }
}

@Suite struct TimeResolverTests {
    struct ExactCase: Sendable, CustomTestStringConvertible {
        let stamp: String
        let unix: Int
        let rfc3339: String
        var testDescription: String { stamp }
    }

    /// Stamps that carry year and offset ignore the reference and the local zone.
    @Test(arguments: [
        ExactCase(
            stamp: "2026-11-26T10:00:01+01:00", unix: 1_795_683_601,
            rfc3339: "2026-11-26T10:00:01+01:00"),
        ExactCase(
            stamp: "2026-11-26T10:00:01.123456Z", unix: 1_795_687_201,
            rfc3339: "2026-11-26T10:00:01.123456+00:00"),
        ExactCase(
            stamp: "2026-11-26 10:00:01 -0530", unix: 1_795_707_001,
            rfc3339: "2026-11-26T10:00:01-05:30"),
        ExactCase(
            stamp: "2024-02-29T12:00:00.5+00:00", unix: 1_709_208_000,
            rfc3339: "2024-02-29T12:00:00.500+00:00"),
        ExactCase(
            stamp: "1969-12-31T23:59:59.000000001+00:00", unix: -1,
            rfc3339: "1969-12-31T23:59:59.000000001+00:00"),
        ExactCase(
            stamp: "2027-01-01T01:00:01+01:00", unix: 1_798_761_601,
            rfc3339: "2027-01-01T01:00:01+01:00"),
    ])
    func stampsWithYearAndOffsetAreExact(_ row: ExactCase) {
        var resolver = TimeResolver(reference: 0, utcOffset: { _ in 12 * 3600 })
        let instant = resolver.resolve(stamp(row.stamp))
        #expect(instant.unixSeconds == row.unix)
        #expect(instant.rfc3339 == row.rfc3339)
    }

    @Test func eximStampsWithoutZoneAreLocalTime() {
        var resolver = TimeResolver(reference: 0, utcOffset: centralEurope)
        let winter = resolver.resolve(stamp("2026-11-26 10:00:01"))
        #expect(winter.unixSeconds == 1_795_683_601)
        #expect(winter.rfc3339 == "2026-11-26T10:00:01+01:00")
        let summer = resolver.resolve(stamp("2026-07-01 12:00:00"))
        #expect(summer.rfc3339 == "2026-07-01T12:00:00+02:00")
    }

    struct YearCase: Sendable, CustomTestStringConvertible {
        let name: String
        let reference: Int
        let stamps: [String]
        let expected: [String]
        var testDescription: String { name }
    }

    @Test(arguments: [
        YearCase(
            name: "the reference year", reference: unix20261127,
            stamps: ["Nov 26 10:00:01"], expected: ["2026-11-26T10:00:01+00:00"]),
        YearCase(
            name: "a date after the reference is last year", reference: unix20261127,
            stamps: ["Dec 31 10:00:00"], expected: ["2025-12-31T10:00:00+00:00"]),
        YearCase(
            name: "a day or two after the reference is clock trouble, same year",
            reference: unix20261127,
            stamps: ["Nov 29 10:00:00"], expected: ["2026-11-29T10:00:00+00:00"]),
        YearCase(
            name: "Dec 31 in a file modified on Jan 1", reference: unix20270101 + 1800,
            stamps: ["Dec 31 23:59:59"], expected: ["2026-12-31T23:59:59+00:00"]),
        YearCase(
            name: "Jan 1 in a file modified on Dec 31", reference: unix20270101 - 600,
            stamps: ["Jan  1 00:05:00"], expected: ["2027-01-01T00:05:00+00:00"]),
        YearCase(
            name: "a log running from December into January", reference: unix20270102,
            stamps: ["Dec 30 08:00:00", "Dec 31 23:59:58", "Jan  1 00:00:03", "Jan  2 00:00:00"],
            expected: [
                "2026-12-30T08:00:00+00:00", "2026-12-31T23:59:58+00:00",
                "2027-01-01T00:00:03+00:00", "2027-01-02T00:00:00+00:00",
            ]),
        YearCase(
            name: "a line slightly out of order across midnight keeps its year",
            reference: unix20270102,
            stamps: ["Jan  1 00:00:01", "Dec 31 23:59:59", "Jan  1 00:00:02"],
            expected: [
                "2027-01-01T00:00:01+00:00", "2026-12-31T23:59:59+00:00",
                "2027-01-01T00:00:02+00:00",
            ]),
        YearCase(
            name: "a quiet half year is still the same year", reference: unix20261127,
            stamps: ["Feb  3 10:00:00", "Sep  3 10:00:00"],
            expected: ["2026-02-03T10:00:00+00:00", "2026-09-03T10:00:00+00:00"]),
        YearCase(
            name: "rotated logs read newest first stay in their year", reference: unix20261127,
            stamps: ["Nov 26 10:00:00", "Nov 19 10:00:00"],
            expected: ["2026-11-26T10:00:00+00:00", "2026-11-19T10:00:00+00:00"]),
        YearCase(
            name: "a year-long log", reference: unix20270102,
            stamps: ["Jan  5 10:00:00", "Jun  5 10:00:00", "Dec  5 10:00:00", "Jan  1 10:00:00"],
            expected: [
                "2026-01-05T10:00:00+00:00", "2026-06-05T10:00:00+00:00",
                "2026-12-05T10:00:00+00:00", "2027-01-01T10:00:00+00:00",
            ]),
        YearCase(
            name: "a stray line half a year old moves no other line",
            reference: unix20261127,
            stamps: ["Nov 26 10:00:00", "May 30 09:00:00", "Nov 26 10:00:01"],
            expected: [
                "2026-11-26T10:00:00+00:00", "2026-05-30T09:00:00+00:00",
                "2026-11-26T10:00:01+00:00",
            ]),
        YearCase(
            name: "Jan 1 read on Jul 1 is this year's", reference: unix20260701,
            stamps: ["Jul  1 11:00:00", "Jan  1 00:00:00", "Jul  1 11:00:01"],
            expected: [
                "2026-07-01T11:00:00+00:00", "2026-01-01T00:00:00+00:00",
                "2026-07-01T11:00:01+00:00",
            ]),
        YearCase(
            name: "a stamp a week ahead of the reference is last year's",
            reference: unix20261127,
            stamps: ["Nov 26 10:00:00", "Dec  4 10:00:00", "Nov 26 10:00:01"],
            expected: [
                "2026-11-26T10:00:00+00:00", "2025-12-04T10:00:00+00:00",
                "2026-11-26T10:00:01+00:00",
            ]),
    ])
    func bsdStampsGetAYear(_ row: YearCase) {
        #expect(
            resolveAll(row.stamps, reference: row.reference, offset: { _ in 0 }) == row.expected)
    }

    /// A followed log is read against the clock as it moves: a daemon started in January
    /// places December's lines in December of the same year.
    @Test func theReferenceMovesWithTheReadingClock() {
        var resolver = TimeResolver(reference: unix20270102, utcOffset: { _ in 0 })
        #expect(resolver.resolve(stamp("Jan  2 00:00:00")).rfc3339 == "2027-01-02T00:00:00+00:00")
        #expect(resolver.resolve(stamp("Dec 30 10:00:00")).rfc3339 == "2026-12-30T10:00:00+00:00")
        resolver.advance(reference: unix20270102 + 362 * 86_400)  // 2027-12-30
        #expect(resolver.resolve(stamp("Dec 30 10:00:00")).rfc3339 == "2027-12-30T10:00:00+00:00")
        #expect(resolver.resolve(stamp("Jan  5 00:00:00")).rfc3339 == "2027-01-05T00:00:00+00:00")
        // Within the few days of slack after the reference: next year's.
        #expect(resolver.resolve(stamp("Jan  2 00:00:00")).rfc3339 == "2028-01-02T00:00:00+00:00")
    }

    @Test func leapDayFindsALeapYear() {
        let march2028 = 1_835_431_200 + 5 * 86_400  // 2028-03-05
        #expect(
            resolveAll(
                ["Feb 28 23:00:00", "Feb 29 10:00:00", "Mar  1 00:00:00"],
                reference: march2028, offset: { _ in 0 })
                == [
                    "2028-02-28T23:00:00+00:00", "2028-02-29T10:00:00+00:00",
                    "2028-03-01T00:00:00+00:00",
                ])
        // In a file modified in 2029, a Feb 29 can only be 2028's.
        let march2029 = march2028 + 365 * 86_400
        #expect(
            resolveAll(["Feb 29 10:00:00"], reference: march2029, offset: { _ in 0 })
                == ["2028-02-29T10:00:00+00:00"])
    }

    @Test func theLocalOffsetFollowsTheZoneAcrossSpringForward() {
        let reference = springForward2026 + 86_400
        #expect(
            resolveAll(
                ["Mar 29 01:59:59", "Mar 29 03:00:00", "Mar 29 12:00:00"],
                reference: reference, offset: centralEurope)
                == [
                    "2026-03-29T01:59:59+01:00", "2026-03-29T03:00:00+02:00",
                    "2026-03-29T12:00:00+02:00",
                ])
        var resolver = TimeResolver(reference: reference, utcOffset: centralEurope)
        #expect(resolver.resolve(stamp("Mar 29 03:00:00")).unixSeconds == springForward2026)
    }

    /// The lines of one hour far from a zone change ask the zone once (three lookups: a day
    /// before, a day after, and the hour itself), and the answer is the same as without.
    @Test func aSteadyHourAsksTheZoneOnce() {
        final class Counter: @unchecked Sendable { var lookups = 0 }
        let counter = Counter()
        var resolver = TimeResolver(reference: unix20261127 + 86_400) { unix in
            counter.lookups += 1
            return centralEurope(unix)
        }
        let atStart = counter.lookups  // the reference's own offset
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let stamps = (0..<100).map { "Nov 26 10:\(twoDigits($0 / 60)):\(twoDigits($0 % 60))" }
        let instants = stamps.map { resolver.resolve(stamp($0)) }
        #expect(counter.lookups - atStart == 3)
        #expect(instants.first?.rfc3339 == "2026-11-26T10:00:00+01:00")
        #expect(instants.last?.rfc3339 == "2026-11-26T10:01:39+01:00")
        // The next hour asks again.
        _ = resolver.resolve(stamp("Nov 26 11:00:00"))
        #expect(counter.lookups - atStart == 6)
    }

    /// The hours around a change are never taken as steady: the answers stay those of the
    /// change, whatever was resolved before.
    @Test func aSteadyHourDoesNotLeakIntoAChange() {
        let stamps = [
            "Mar 27 01:30:00", "Mar 28 01:30:00", "Mar 28 02:30:00", "Mar 29 01:30:00",
            "Mar 29 01:59:59", "Mar 29 03:00:00", "Mar 29 03:30:00", "Mar 30 03:30:00",
        ]
        let all = resolveAll(
            stamps, reference: springForward2026 + 3 * 86_400, offset: centralEurope)
        let oneByOne = stamps.map {
            resolveAll([$0], reference: springForward2026 + 3 * 86_400, offset: centralEurope)[0]
        }
        #expect(all == oneByOne)
        #expect(all[3] == "2026-03-29T01:30:00+01:00")
        #expect(all[5] == "2026-03-29T03:00:00+02:00")
    }

    /// 02:30 never happened that night; it is read with the offset from before the jump.
    @Test func aSkippedWallTimeUsesTheOffsetBeforeTheJump() {
        var resolver = TimeResolver(reference: springForward2026 + 86_400, utcOffset: centralEurope)
        let instant = resolver.resolve(stamp("Mar 29 02:30:00"))
        #expect(instant.unixSeconds == springForward2026 + 1800)
        #expect(instant.rfc3339 == "2026-03-29T02:30:00+01:00")
    }

    /// 02:00-02:59 happens twice; the log's order tells which is which.
    @Test func aRepeatedHourIsReadInLogOrder() {
        var resolver = TimeResolver(reference: fallBack2026 + 86_400, utcOffset: centralEurope)
        let stamps = ["Oct 25 02:30:00", "Oct 25 02:59:59", "Oct 25 02:00:00", "Oct 25 02:30:00"]
        let instants = stamps.map { resolver.resolve(stamp($0)) }
        #expect(
            instants.map(\.unixSeconds) == [
                fallBack2026 - 1800, fallBack2026 - 1, fallBack2026, fallBack2026 + 1800,
            ])
        #expect(
            instants.map(\.rfc3339) == [
                "2026-10-25T02:30:00+02:00", "2026-10-25T02:59:59+02:00",
                "2026-10-25T02:00:00+01:00", "2026-10-25T02:30:00+01:00",
            ])
    }

    /// The lines of one second share a stamp: it is resolved once, even in an hour that is
    /// never steady, and the repeated hour is still read in log order around the repeats.
    @Test func aRepeatedStampIsResolvedOnce() {
        final class Counter: @unchecked Sendable { var lookups = 0 }
        let counter = Counter()
        var resolver = TimeResolver(reference: fallBack2026 + 86_400) { unix in
            counter.lookups += 1
            return centralEurope(unix)
        }
        let first = resolver.resolve(stamp("Oct 25 02:30:00"))
        let lookups = counter.lookups
        #expect(resolver.resolve(stamp("Oct 25 02:30:00")) == first)
        #expect(counter.lookups == lookups, "the same stamp again asks the zone nothing")
        let later = ["Oct 25 02:00:00", "Oct 25 02:30:00", "Oct 25 02:30:00"].map {
            resolver.resolve(stamp($0)).unixSeconds
        }
        #expect(later == [fallBack2026, fallBack2026 + 1800, fallBack2026 + 1800])
        // A moved reference resolves the same stamp afresh.
        resolver.advance(reference: fallBack2026 + 400 * 86_400)
        let moved = resolver.resolve(stamp("Oct 25 02:30:00"))
        #expect(moved.rfc3339.hasPrefix("2027-10-25T02:30:00"))
    }

    @Test(arguments: [
        ("Nov 26 10:00:01.5", "2026-11-26T10:00:01.500+00:00"),
        ("Nov 26 10:00:01.123456", "2026-11-26T10:00:01.123456+00:00"),
        ("Nov 26 10:00:01.123456789123", "2026-11-26T10:00:01.123456789+00:00"),
        ("Nov 26 10:00:01.000", "2026-11-26T10:00:01+00:00"),
    ])
    func fractionsKeepTheirPrecision(_ text: String, _ expected: String) {
        #expect(resolveAll([text], reference: unix20261127, offset: { _ in 0 }) == [expected])
    }
}

@Suite struct CalendarTests {
    @Test func dayNumbersRoundTripOverFourCenturies() {
        var previous = CivilDate.date(days: -146_097)
        for days in -146_096...146_097 {
            let date = CivilDate.date(days: days)
            #expect(CivilDate.days(year: date.year, month: date.month, day: date.day) == days)
            // Consecutive days: next day of the month, or the first of the next month.
            let continues =
                (date.year == previous.year && date.month == previous.month
                    && date.day == previous.day + 1)
                || (date.day == 1
                    && (date.month == previous.month + 1
                        || (date.month == 1 && previous.month == 12
                            && date.year == previous.year + 1)))
            if !continues { Issue.record("\(previous) -> \(date)") }
            previous = date
        }
    }

    @Test(arguments: [
        (1970, 1, 1, 0), (2000, 1, 1, 10_957), (2000, 3, 1, 11_017), (1900, 3, 1, -25_508),
        (2028, 2, 29, 21_243),
    ])
    func knownDayNumbers(_ year: Int, _ month: Int, _ day: Int, _ expected: Int) {
        #expect(CivilDate.days(year: year, month: month, day: day) == expected)
    }

    @Test func leapYears() {
        #expect(CivilDate.isValid(year: 2028, month: 2, day: 29))
        #expect(CivilDate.isValid(year: 2000, month: 2, day: 29))
        #expect(!CivilDate.isValid(year: 1900, month: 2, day: 29))
        #expect(!CivilDate.isValid(year: 2027, month: 2, day: 29))
        #expect(!CivilDate.isValid(year: 2027, month: 4, day: 31))
    }

    @Test func anInstantBecomesACompleteStamp() {
        // 2026-11-26T10:00:01.25+01:00
        let instant = LogInstant(
            unixSeconds: 1_795_683_601, nanosecond: 250_000_000, utcOffsetSeconds: 3600)
        #expect(
            instant.timestamp
                == LogTimestamp(
                    year: 2026, month: 11, day: 26, hour: 10, minute: 0, second: 1,
                    nanosecond: 250_000_000, utcOffsetSeconds: 3600))
        let beforeEpoch = LogInstant(unixSeconds: -1).timestamp
        #expect(beforeEpoch.year == 1969 && beforeEpoch.hour == 23 && beforeEpoch.second == 59)
    }

    @Test func instantsBeforeTheEpochFormat() {
        #expect(LogInstant(unixSeconds: -1).rfc3339 == "1969-12-31T23:59:59+00:00")
        #expect(
            LogInstant(unixSeconds: 0, utcOffsetSeconds: -3600).rfc3339
                == "1969-12-31T23:00:00-01:00")
    }
}
