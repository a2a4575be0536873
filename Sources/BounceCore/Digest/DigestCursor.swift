/// Which digest period is open and when it closes: the daemon's decision of when to send.
///
/// The one persistent value is `periodEnd`, the scheduled moment that closes the open period.
/// The daemon keeps it in its checkpoint next to the period's counters, so a restart goes on
/// with the same period, and a period that closed while the daemon was stopped is reported
/// once, at the next start (the cursor then moves past now, so a second start finds nothing).
///
/// Pure: the clock and the zone come in as values.
public struct DigestCursor: Equatable, Sendable {
    /// A period that has closed and whose digest is due.
    public struct Closed: Equatable, Sendable {
        /// The period, `[start, end)`: one scheduled moment to the next.
        public var period: ReportPeriod
        /// Scheduled moments that passed after `period.end` while nothing was sent (the
        /// daemon was stopped across more than one); their digests are not sent.
        public var skipped: Int
    }

    public let schedule: DigestSchedule
    /// The scheduled moment that closes the open period, in Unix seconds.
    public private(set) var periodEnd: Int

    /// A cursor for a daemon with no saved one: the open period closes at the next scheduled
    /// moment after `now`.
    public init(schedule: DigestSchedule, now: Int, utcOffset: DigestSchedule.UTCOffset) {
        self.schedule = schedule
        periodEnd = schedule.nextDue(after: now, utcOffset: utcOffset)
    }

    /// A cursor restored from a checkpoint.
    public init(schedule: DigestSchedule, periodEnd: Int) {
        self.schedule = schedule
        self.periodEnd = periodEnd
    }

    /// The period that closed at or before `now`, if one did; the cursor then stands on the
    /// next period still open. Nil while the open period runs on.
    public mutating func close(now: Int, utcOffset: DigestSchedule.UTCOffset) -> Closed? {
        guard now >= periodEnd else { return nil }
        let period = schedule.period(endingAt: periodEnd, utcOffset: utcOffset)
        var skipped = 0
        var next = schedule.nextDue(after: periodEnd, utcOffset: utcOffset)
        while next <= now {
            skipped += 1
            next = schedule.nextDue(after: next, utcOffset: utcOffset)
        }
        periodEnd = next
        return Closed(period: period, skipped: skipped)
    }
}
