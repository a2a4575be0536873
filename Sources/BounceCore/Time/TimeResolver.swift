/// Places log timestamps on the time line.
///
/// Stamps with a year and an offset (RFC 3339, Exim with `log_timezone`) are exact. The others
/// are local wall-clock time, converted with `utcOffset`, which the caller builds from the
/// system's zone so that this type reads no clock and no zone database itself.
///
/// BSD syslog stamps (`Nov 26 10:00:01`) have no year. Each one gets, on its own, the latest
/// year that puts it no more than a few days after `reference`: nothing in a log is newer than
/// the moment it is read (a followed log) or than the file's last write (a file read whole),
/// give or take clock trouble. Deciding each line alone means one stray stamp (a line from
/// half a year ago, a `Jan 1` in July) lands in its own year and moves no other line; a log
/// that runs from December into January still splits at New Year, since its January lines are
/// before the reference and its December lines would be long after it in the reference's
/// year. A log that spans more than a year cannot be placed from its stamps alone: its oldest
/// lines land a year late. Use one resolver per input, and move the reference forward with
/// `advance(reference:)` as a followed log is read.
public struct TimeResolver {
    /// Seconds east of UTC of the local zone at the given Unix time.
    public typealias UTCOffset = (_ unixSeconds: Int) -> Int

    /// How far after the reference a year-less stamp may lie and keep the reference's year.
    static let referenceSlack = 3 * 86_400

    private let utcOffset: UTCOffset
    private var reference: Int
    private var referenceWall: Int
    private var referenceYear: Int
    /// The last instant resolved from local time, to order the two readings of a repeated hour.
    private var lastLocalInstant: Int?
    /// A local wall-clock hour (wall seconds / 3600) with no zone change within a day either
    /// side, and its offset: the lines of one hour then cost no zone lookup after the first.
    private var steadyHour: Int?
    private var steadyOffset = 0
    /// Whether a repeated hour was read with no earlier local stamp to order it by: its
    /// reading then depends on lines before this resolver's first, which a scan of one piece of
    /// a file does not see.
    public private(set) var orderedWithoutHistory = false
    /// The stamp resolved last and its instant: the lines of one second share a stamp, and
    /// resolving it again would give the same instant (the repeated-hour ordering compares
    /// with that very instant), so it is answered from here until the reference moves.
    private var lastStamp: LogTimestamp?
    private var lastInstant = LogInstant(unixSeconds: 0, nanosecond: 0, utcOffsetSeconds: 0)

    /// - Parameters:
    ///   - reference: Unix seconds that year-less stamps are placed before (a file's
    ///     modification time, or now for standard input and followed logs).
    ///   - utcOffset: the local zone's offset at a given Unix time.
    public init(reference: Int, utcOffset: @escaping UTCOffset) {
        self.utcOffset = utcOffset
        self.reference = reference
        referenceWall = reference + utcOffset(reference)
        referenceYear = CivilDate.date(days: floorDivision(referenceWall, 86_400)).year
    }

    /// Moves the reference to `reference` (the reading clock now, for a followed log). Only
    /// lines resolved afterwards are affected; a reference that did not change costs nothing.
    public mutating func advance(reference: Int) {
        guard reference != self.reference else { return }
        self.reference = reference
        lastStamp = nil
        referenceWall = reference + utcOffset(reference)
        referenceYear = CivilDate.date(days: floorDivision(referenceWall, 86_400)).year
    }

    /// The instant `stamp` names.
    public mutating func resolve(_ stamp: LogTimestamp) -> LogInstant {
        if stamp == lastStamp { return lastInstant }
        let instant = resolveAnew(stamp)
        lastStamp = stamp
        lastInstant = instant
        return instant
    }

    private mutating func resolveAnew(_ stamp: LogTimestamp) -> LogInstant {
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

    /// The latest year, among those where the date exists, that puts the stamp no more than
    /// `referenceSlack` after the reference. Feb 29 may need to look back a few years.
    private func inferYear(_ stamp: LogTimestamp) -> Int {
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

    /// Converts local wall seconds to Unix time. Around a zone change a wall time can exist
    /// twice (the clock went back) or not at all (it jumped forward). A repeated time takes the
    /// earlier reading unless that would step back before the previous line; a skipped time
    /// is read with the offset from before the jump, as most systems do.
    private mutating func localToUnix(_ wall: Int) -> Int {
        let hour = floorDivision(wall, 3600)
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
            if lastLocalInstant == nil { orderedWithoutHistory = true }
            if let lastLocalInstant, first < lastLocalInstant - 60 { return second }
            return first
        case (true, false): return early
        case (false, true): return late
        case (false, false): return early
        }
    }
}
