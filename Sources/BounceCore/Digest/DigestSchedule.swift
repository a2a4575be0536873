/// When the daemon mails its digest: every day, or one day a week, at a local wall-clock time.
///
/// Written as `daily 07:00` or `weekly mon 07:00` (a weekday as its three-letter English
/// abbreviation or its full name, in any case). The times are the host's local time: a
/// schedule at 02:30 on the night the clocks go forward fires just after the jump (03:30 in
/// Berlin), and on the night they go back it fires once, at the first 02:30.
///
/// Pure: the clock and the zone come in as values, as for ``ReportPeriod``.
public struct DigestSchedule: Hashable, Sendable, CustomStringConvertible {
    /// How often the digest goes out.
    public enum Cadence: Hashable, Sendable {
        case daily
        /// Once a week, on `weekday` (0 is Sunday, as in ``CalendarNames/weekdays``).
        case weekly(weekday: Int)
    }

    public var cadence: Cadence
    /// 0-23, local time.
    public var hour: Int
    /// 0-59.
    public var minute: Int

    /// Seconds east of UTC of the local zone at a given Unix time.
    public typealias UTCOffset = TimeResolver.UTCOffset

    public init(cadence: Cadence, hour: Int, minute: Int) {
        self.cadence = cadence
        self.hour = hour
        self.minute = minute
    }

    /// Reads `daily HH:MM` or `weekly DAY HH:MM`; the message of the error says which forms work.
    public init(parsing text: String) throws(DigestScheduleError) {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let problem = DigestScheduleError(
            "schedule '\(UTF8Prefix.string(text, atMost: 64))' is not a schedule: write "
                + "'daily HH:MM' or 'weekly DAY HH:MM' (DAY: mon, tue, ... sun; local time).")
        let clock: String
        switch (words.first?.lowercased(), words.count) {
        case ("daily", 2):
            cadence = .daily
            clock = words[1]
        case ("weekly", 3):
            guard let weekday = Self.weekday(words[1]) else { throw problem }
            cadence = .weekly(weekday: weekday)
            clock = words[2]
        default:
            throw problem
        }
        let bytes = Array(clock.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
            bytes.allSatisfy({ $0 == UInt8(ascii: ":") || (0x30...0x39).contains($0) })
        else { throw problem }
        let hour = Int(bytes[0] - 0x30) * 10 + Int(bytes[1] - 0x30)
        let minute = Int(bytes[3] - 0x30) * 10 + Int(bytes[4] - 0x30)
        guard hour < 24, minute < 60 else {
            throw DigestScheduleError(
                "schedule '\(UTF8Prefix.string(text, atMost: 64))': there is no such time of day.")
        }
        self.hour = hour
        self.minute = minute
    }

    /// The canonical text: `daily 07:00`, `weekly mon 07:00`.
    public var description: String {
        let clock = (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
        switch cadence {
        case .daily: return "daily \(clock)"
        case .weekly(let weekday):
            return "weekly \(CalendarNames.weekdays[weekday].lowercased()) \(clock)"
        }
    }

    /// The latest scheduled moment at or before `now`, in Unix seconds.
    public func lastDue(atOrBefore now: Int, utcOffset: UTCOffset) -> Int {
        let today = floorDivision(now + utcOffset(now), 86_400)
        // A week and two days cover any weekday and any offset between UTC and local time.
        for day in stride(from: today + 1, through: today - 8, by: -1) {
            if let due = due(onLocalDay: day, utcOffset: utcOffset), due <= now { return due }
        }
        preconditionFailure("a weekly schedule fires within any eight days")
    }

    /// The first scheduled moment strictly after `now`, in Unix seconds.
    public func nextDue(after now: Int, utcOffset: UTCOffset) -> Int {
        let today = floorDivision(now + utcOffset(now), 86_400)
        for day in (today - 1)...(today + 8) {
            if let due = due(onLocalDay: day, utcOffset: utcOffset), due > now { return due }
        }
        preconditionFailure("a weekly schedule fires within any eight days")
    }

    /// The period a digest sent at `due` reports: from the scheduled moment before it up to
    /// `due` itself. A day with a clock change makes it 23 or 25 hours long.
    public func period(endingAt due: Int, utcOffset: UTCOffset) -> ReportPeriod {
        ReportPeriod(start: lastDue(atOrBefore: due - 1, utcOffset: utcOffset), end: due)
    }

    /// The moment the schedule fires on local day `day` (days since 1970-01-01), nil on a day
    /// it does not fire.
    private func due(onLocalDay day: Int, utcOffset: UTCOffset) -> Int? {
        if case .weekly(let weekday) = cadence, ((day + 4) % 7 + 7) % 7 != weekday { return nil }
        return ReportPeriod.localToUnix(
            day * 86_400 + hour * 3600 + minute * 60, utcOffset: utcOffset)
    }

    private static func weekday(_ word: String) -> Int? {
        let lower = word.lowercased()
        let full = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        if let index = full.firstIndex(of: lower) { return index }
        return CalendarNames.weekdays.firstIndex { $0.lowercased() == lower }
    }
}

/// Why a digest schedule could not be read; the message names the forms it takes.
public struct DigestScheduleError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
