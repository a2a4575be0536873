import Testing

@testable import BounceCore

/// Berlin's rules in 2026, written out: +01:00, and +02:00 from 2026-03-29T01:00Z to
/// 2026-10-25T01:00Z. Unix seconds below were checked against Python's zoneinfo.
private func berlin(_ unix: Int) -> Int {
    unix >= 1_774_746_000 && unix < 1_792_890_000 ? 7200 : 3600
}

/// 2026-12-06T21:28:00Z, a Sunday evening (22:28 in Berlin).
private let sundayEvening = 1_796_592_480

@Suite struct DigestScheduleTests {
    @Test(arguments: [
        ("daily 07:00", DigestSchedule(cadence: .daily, hour: 7, minute: 0), "daily 07:00"),
        ("daily 00:00", DigestSchedule(cadence: .daily, hour: 0, minute: 0), "daily 00:00"),
        ("  daily   23:59 ", DigestSchedule(cadence: .daily, hour: 23, minute: 59), "daily 23:59"),
        (
            "weekly mon 07:00", DigestSchedule(cadence: .weekly(weekday: 1), hour: 7, minute: 0),
            "weekly mon 07:00"
        ),
        (
            "Weekly SUNDAY 18:30",
            DigestSchedule(cadence: .weekly(weekday: 0), hour: 18, minute: 30),
            "weekly sun 18:30"
        ),
        (
            "weekly sat 06:05", DigestSchedule(cadence: .weekly(weekday: 6), hour: 6, minute: 5),
            "weekly sat 06:05"
        ),
    ])
    func readsBothForms(_ text: String, _ schedule: DigestSchedule, _ canonical: String) throws {
        let read = try DigestSchedule(parsing: text)
        #expect(read == schedule)
        #expect(read.description == canonical)
        #expect(try DigestSchedule(parsing: read.description) == read)
    }

    @Test(arguments: [
        "", "daily", "daily 7:00", "daily 07", "daily 07-00", "daily 24:00", "daily 07:60",
        "daily 07:00 extra", "hourly 07:00", "weekly 07:00", "weekly mo 07:00", "weekly xyz 07:00",
        "weekly mon", "daily ٠٧:00", "daily 07:00\n", "daily\t07:00",
    ])
    func rejectsWhatIsNotASchedule(_ text: String) {
        #expect(throws: DigestScheduleError.self) { try DigestSchedule(parsing: text) }
    }

    @Test func theMessageNamesTheForms() {
        let error = #expect(throws: DigestScheduleError.self) {
            try DigestSchedule(parsing: "hourly")
        }
        #expect(error?.message.contains("'daily HH:MM' or 'weekly DAY HH:MM'") == true)
    }

    struct Due: Sendable, CustomTestStringConvertible {
        var schedule: String
        var now: Int
        var last: Int
        var next: Int
        var testDescription: String { "\(schedule) at \(now)" }
    }

    @Test(arguments: [
        // Sunday 22:28 local: 07:00 was this morning (06:00Z) and comes again tomorrow.
        Due(schedule: "daily 07:00", now: sundayEvening, last: 1_796_536_800, next: 1_796_623_200),
        // Mondays: the last one was 2026-11-30, the next is tomorrow.
        Due(
            schedule: "weekly mon 07:00", now: sundayEvening, last: 1_796_018_400,
            next: 1_796_623_200),
        // Sundays: this morning, and a week later.
        Due(
            schedule: "weekly sun 07:00", now: sundayEvening, last: 1_796_536_800,
            next: 1_797_141_600),
        // Exactly at the moment: it is the last one, the next is a day on.
        Due(
            schedule: "daily 07:00", now: 1_796_536_800, last: 1_796_536_800,
            next: 1_796_623_200),
        // 02:30 on 2026-03-29 never happened: the digest goes at 03:30 CEST (01:30Z), and the
        // next day at 02:30 CEST (00:30Z).
        Due(schedule: "daily 02:30", now: 1_774_699_200, last: 1_774_661_400, next: 1_774_747_800),
        Due(schedule: "daily 02:30", now: 1_774_747_800, last: 1_774_747_800, next: 1_774_830_600),
        // 02:30 on 2026-10-25 happened twice: once, at the first (00:30Z); not at the second.
        Due(schedule: "daily 02:30", now: 1_792_843_200, last: 1_792_801_800, next: 1_792_888_200),
        Due(schedule: "daily 02:30", now: 1_792_888_200, last: 1_792_888_200, next: 1_792_978_200),
        Due(
            schedule: "daily 02:30", now: 1_792_888_200 + 3600, last: 1_792_888_200,
            next: 1_792_978_200),
    ])
    func dueMomentsFollowLocalTime(_ row: Due) throws {
        let schedule = try DigestSchedule(parsing: row.schedule)
        #expect(schedule.lastDue(atOrBefore: row.now, utcOffset: berlin) == row.last)
        #expect(schedule.nextDue(after: row.now, utcOffset: berlin) == row.next)
    }

    @Test func periodsAreTwentyThreeOrTwentyFiveHoursOnClockChanges() throws {
        let schedule = try DigestSchedule(parsing: "daily 07:00")
        // 2026-03-29 07:00 CEST is 05:00Z; 2026-03-28 07:00 CET was 06:00Z.
        #expect(
            schedule.period(endingAt: 1_774_760_400, utcOffset: berlin)
                == ReportPeriod(start: 1_774_677_600, end: 1_774_760_400))
        // 2026-10-25 07:00 CET is 06:00Z; 2026-10-24 07:00 CEST was 05:00Z.
        #expect(
            schedule.period(endingAt: 1_792_908_000, utcOffset: berlin)
                == ReportPeriod(start: 1_792_818_000, end: 1_792_908_000))
        let weekly = try DigestSchedule(parsing: "weekly mon 07:00")
        #expect(
            weekly.period(endingAt: 1_796_623_200, utcOffset: berlin)
                == ReportPeriod(start: 1_796_018_400, end: 1_796_623_200))
    }

    /// Across a whole year, in steps that are no divisor of a day: the last due moment is at
    /// or before now, the next after it, no due moment lies between them, and each falls on
    /// the right local weekday and wall-clock time (or just past a skipped one).
    @Test(arguments: ["daily 07:00", "daily 02:30", "weekly mon 07:00", "weekly sun 00:00"])
    func everyMomentLiesBetweenItsLastAndNextDue(_ text: String) throws {
        let schedule = try DigestSchedule(parsing: text)
        var now = 1_767_225_600  // 2026-01-01T00:00Z
        while now < 1_767_225_600 + 366 * 86_400 {
            let last = schedule.lastDue(atOrBefore: now, utcOffset: berlin)
            let next = schedule.nextDue(after: now, utcOffset: berlin)
            #expect(last <= now && now < next)
            #expect(schedule.nextDue(after: last, utcOffset: berlin) == next)
            #expect(schedule.lastDue(atOrBefore: next - 1, utcOffset: berlin) == last)
            #expect((20 * 3600...(8 * 86_400)).contains(next - last))
            let local = CivilTime(epochSeconds: Int64(next + berlin(next)))
            if case .weekly(let weekday) = schedule.cadence { #expect(local.weekday == weekday) }
            let skipped = local.hour == schedule.hour + 1 && berlin(next) != berlin(next - 3600)
            #expect((local.hour == schedule.hour || skipped) && local.minute == schedule.minute)
            now += 25_117
        }
    }
}
