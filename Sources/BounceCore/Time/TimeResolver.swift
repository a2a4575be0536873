/// Places log timestamps on the time line.
///
/// Stamps with a year and an offset (RFC 3339, Exim with `log_timezone`) are exact. The others
/// are local wall-clock time, converted with `utcOffset`, which the caller builds from the
/// system's zone so that this type reads no clock and no zone database itself.
///
/// BSD syslog stamps (`Nov 26 10:00:01`) have no year. The first one gets the latest year that
/// puts it no more than a few days after `reference` (the file's modification time: nothing in
/// a file is newer than its last write, give or take clock trouble). Each later one gets the
/// year that keeps it nearest the stamp before it, preferring forward steps, so a log that runs
/// from December into January moves to the next year, while lines a little out of order, or
/// repeated by a DST fall-back hour, stay in their year. Use one resolver per file.
public struct TimeResolver {
    /// Seconds east of UTC of the local zone at the given Unix time.
    public typealias UTCOffset = (_ unixSeconds: Int) -> Int

    /// How far after the reference the first year-less stamp may lie.
    static let referenceSlack = 3 * 86_400
    /// A backward step counts this many times a forward step of the same size when choosing
    /// a year: logs move forward.
    static let backwardWeight = 2

    private let utcOffset: UTCOffset
    private let referenceWall: Int
    private let referenceYear: Int
    /// Local wall seconds and year of the last year-less stamp.
    private var lastWall: Int?
    private var lastYear = 0
    /// The last instant resolved from local time, to order the two readings of a repeated hour.
    private var lastLocalInstant: Int?
    /// A local wall-clock hour (wall seconds / 3600) with no zone change within a day either
    /// side, and its offset: the lines of one hour then cost no zone lookup after the first.
    private var steadyHour: Int?
    private var steadyOffset = 0

    /// - Parameters:
    ///   - reference: Unix seconds that year-less stamps are placed before (a file's
    ///     modification time, or now for standard input).
    ///   - utcOffset: the local zone's offset at a given Unix time.
    public init(reference: Int, utcOffset: @escaping UTCOffset) {
        self.utcOffset = utcOffset
        referenceWall = reference + utcOffset(reference)
        referenceYear = CivilDate.date(days: Self.floorDiv(referenceWall, 86_400)).year
    }

    /// The instant `stamp` names.
    public mutating func resolve(_ stamp: LogTimestamp) -> LogInstant {
        let year = stamp.year ?? inferYear(stamp)
        let wall = Self.wallSeconds(stamp, year: year)
        if let offset = stamp.utcOffsetSeconds {
            return LogInstant(
                unixSeconds: wall - offset, nanosecond: stamp.nanosecond, utcOffsetSeconds: offset)
        }
        let unix = localToUnix(wall)
        lastLocalInstant = unix
        return LogInstant(
            unixSeconds: unix, nanosecond: stamp.nanosecond, utcOffsetSeconds: wall - unix)
    }

    /// Local wall-clock seconds since 1970-01-01 00:00 of `stamp` in `year`.
    static func wallSeconds(_ stamp: LogTimestamp, year: Int) -> Int {
        CivilDate.days(year: year, month: stamp.month, day: stamp.day) * 86_400
            + stamp.hour * 3600 + stamp.minute * 60 + stamp.second
    }

    private mutating func inferYear(_ stamp: LogTimestamp) -> Int {
        let year: Int
        if let lastWall {
            year = nearestYear(stamp, to: lastWall)
        } else {
            year = firstYear(stamp)
        }
        lastWall = Self.wallSeconds(stamp, year: year)
        lastYear = year
        return year
    }

    /// The latest year, among those where the date exists, that puts the stamp no more than
    /// `referenceSlack` after the reference. Feb 29 may need to look back a few years.
    private func firstYear(_ stamp: LogTimestamp) -> Int {
        for year in stride(from: referenceYear + 1, through: referenceYear - 8, by: -1) {
            guard CivilDate.isValid(year: year, month: stamp.month, day: stamp.day) else {
                continue
            }
            if Self.wallSeconds(stamp, year: year) <= referenceWall + Self.referenceSlack {
                return year
            }
        }
        return referenceYear
    }

    /// The year next to the last stamp's that keeps this stamp closest to it.
    private func nearestYear(_ stamp: LogTimestamp, to previous: Int) -> Int {
        var best = lastYear
        var bestCost = Int.max
        for year in (lastYear - 1)...(lastYear + 1) {
            guard CivilDate.isValid(year: year, month: stamp.month, day: stamp.day) else {
                continue
            }
            let step = Self.wallSeconds(stamp, year: year) - previous
            let cost = step >= 0 ? step : -step * Self.backwardWeight
            if cost < bestCost {
                best = year
                bestCost = cost
            }
        }
        return best
    }

    /// Converts local wall seconds to Unix time. Around a zone change a wall time can exist
    /// twice (the clock went back) or not at all (it jumped forward). A repeated time takes the
    /// earlier reading unless that would step back before the previous line; a skipped time
    /// is read with the offset from before the jump, as most systems do.
    private mutating func localToUnix(_ wall: Int) -> Int {
        let hour = Self.floorDiv(wall, 3600)
        if hour == steadyHour { return wall - steadyOffset }
        let before = utcOffset(wall - 86_400)
        let after = utcOffset(wall + 86_400)
        if before == after {
            let offset = utcOffset(wall - before)
            if offset == before {
                steadyHour = hour
                steadyOffset = offset
                return wall - offset
            }
            // A change and its reversal within two days: settle on whatever is consistent.
            return wall - utcOffset(wall - offset)
        }
        let early = wall - before
        let late = wall - after
        let earlyFits = utcOffset(early) == before
        let lateFits = utcOffset(late) == after
        switch (earlyFits, lateFits) {
        case (true, true):
            let (first, second) = (min(early, late), max(early, late))
            if let lastLocalInstant, first < lastLocalInstant - 60 { return second }
            return first
        case (true, false): return early
        case (false, true): return late
        case (false, false): return early
        }
    }

    private static func floorDiv(_ value: Int, _ divisor: Int) -> Int {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}
