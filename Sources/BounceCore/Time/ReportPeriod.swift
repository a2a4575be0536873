/// A stretch of time a report covers: half-open, `[start, end)`, in Unix seconds, either end
/// possibly open.
///
/// Written by people in the host's local time: a date (`2026-12-01`, its midnight), a date and
/// time (`2026-12-01T07:00` or `2026-12-01T07:00:30`, a space works in place of the `T`), or a
/// named period relative to now: `today`, `yesterday`, `last-week` (Monday to Monday of the
/// calendar week before this one). Used as one bound (`scan --since/--until`) a named period
/// stands for its start, so `--since yesterday --until today` is all of yesterday.
///
/// Pure: the clock and the zone come in as values (`now`, `utcOffset`), so the same text gives
/// the same period in tests and in every command.
public struct ReportPeriod: Hashable, Sendable {
    /// The first second in the period; nil when it is open towards the past.
    public var start: Int?
    /// The first second after the period; nil when it is open towards the future.
    public var end: Int?

    /// Seconds east of UTC of the local zone at a given Unix time.
    public typealias UTCOffset = TimeResolver.UTCOffset

    /// The named periods, relative to now in local time.
    public enum Name: String, CaseIterable, Sendable {
        case today
        case yesterday
        /// The calendar week (Monday 00:00 to Monday 00:00) before the current one.
        case lastWeek = "last-week"
    }

    public init(start: Int? = nil, end: Int? = nil) {
        self.start = start
        self.end = end
    }

    /// True when neither end is set: everything is in.
    public var isUnbounded: Bool { start == nil && end == nil }

    /// Whether `unixSeconds` lies in the period.
    @inlinable
    public func contains(_ unixSeconds: Int) -> Bool {
        if let start, unixSeconds < start { return false }
        if let end, unixSeconds >= end { return false }
        return true
    }

    /// The named period around `now`.
    public static func named(_ name: Name, now: Int, utcOffset: UTCOffset) -> ReportPeriod {
        let today = floorDivision(now + utcOffset(now), 86_400)
        switch name {
        case .today:
            return days(today, today + 1, utcOffset: utcOffset)
        case .yesterday:
            return days(today - 1, today, utcOffset: utcOffset)
        case .lastWeek:
            // Day 0 (1970-01-01) was a Thursday: +3 makes Monday 0.
            let monday = today - ((today + 3) % 7 + 7) % 7
            return days(monday - 7, monday, utcOffset: utcOffset)
        }
    }

    /// The period `--since` and `--until` describe; each is optional. Throws when a bound
    /// cannot be read or when the period would be empty (the start not before the end).
    public static func bounds(
        since: String?, until: String?, now: Int, utcOffset: UTCOffset
    ) throws(ReportPeriodError) -> ReportPeriod {
        let start = try since.map { (text) throws(ReportPeriodError) in
            try instant(text, now: now, utcOffset: utcOffset, option: "--since")
        }
        let end = try until.map { (text) throws(ReportPeriodError) in
            try instant(text, now: now, utcOffset: utcOffset, option: "--until")
        }
        if let start, let end, start >= end {
            throw ReportPeriodError(
                "--since (\(since ?? "")) must be before --until (\(until ?? "")); the period "
                    + "runs from the first up to, not including, the second.")
        }
        return ReportPeriod(start: start, end: end)
    }

    /// A period written alone: a named period, a date (that whole day), or `FROM..TO` with
    /// two bounds as `bounds(since:until:)` reads them.
    public static func period(
        _ text: String, now: Int, utcOffset: UTCOffset
    ) throws(ReportPeriodError) -> ReportPeriod {
        if let name = Name(rawValue: text) { return named(name, now: now, utcOffset: utcOffset) }
        let bytes = Array(text.utf8)
        if let dots = bytes.indices.dropLast().first(where: {
            bytes[$0] == UInt8(ascii: ".") && bytes[$0 + 1] == UInt8(ascii: ".")
        }) {
            let from = String(decoding: bytes[..<dots], as: UTF8.self)
            let to = String(decoding: bytes[(dots + 2)...], as: UTF8.self)
            return try bounds(
                since: from.isEmpty ? nil : from, until: to.isEmpty ? nil : to, now: now,
                utcOffset: utcOffset)
        }
        let wall = try wallTime(text, option: "period")
        guard wall.isDateOnly else {
            throw ReportPeriodError(
                "period '\(text)': a date and time is one moment; write FROM..TO for a range.")
        }
        let day = floorDivision(wall.seconds, 86_400)
        return days(day, day + 1, utcOffset: utcOffset)
    }

    /// The moment `text` names as one bound: a date's midnight, a date and time, or a named
    /// period's start; in Unix seconds.
    public static func instant(
        _ text: String, now: Int, utcOffset: UTCOffset, option: String = "time"
    ) throws(ReportPeriodError) -> Int {
        if let name = Name(rawValue: text) {
            return named(name, now: now, utcOffset: utcOffset).start ?? now
        }
        return localToUnix(try wallTime(text, option: option).seconds, utcOffset: utcOffset)
    }

    // MARK: - Reading

    /// Local wall-clock seconds since 1970-01-01 00:00, and whether only a date was written.
    private struct WallTime {
        var seconds: Int
        var isDateOnly: Bool
    }

    private static func wallTime(
        _ text: String, option: String
    ) throws(ReportPeriodError) -> WallTime {
        let bytes = Array(text.utf8)
        let problem = ReportPeriodError(
            "\(option) '\(UTF8Prefix.string(text, atMost: 64))' is not a time: write YYYY-MM-DD, "
                + "YYYY-MM-DDTHH:MM[:SS] (local time), "
                + Name.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        guard bytes.count == 10 || bytes.count == 16 || bytes.count == 19 else { throw problem }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for byte in bytes[from..<from + count] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), bytes[4] == UInt8(ascii: "-"), let month = number(5, 2),
            bytes[7] == UInt8(ascii: "-"), let day = number(8, 2)
        else { throw problem }
        guard CivilDate.isValid(year: year, month: month, day: day) else {
            throw ReportPeriodError("\(option) '\(text)': there is no such day.")
        }
        var seconds = CivilDate.days(year: year, month: month, day: day) * 86_400
        guard bytes.count > 10 else { return WallTime(seconds: seconds, isDateOnly: true) }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            let hour = number(11, 2), bytes[13] == UInt8(ascii: ":"), let minute = number(14, 2)
        else { throw problem }
        var second = 0
        if bytes.count == 19 {
            guard bytes[16] == UInt8(ascii: ":"), let value = number(17, 2) else { throw problem }
            second = value
        }
        guard hour < 24, minute < 60, second < 60 else {
            throw ReportPeriodError("\(option) '\(text)': there is no such time of day.")
        }
        seconds += hour * 3600 + minute * 60 + second
        return WallTime(seconds: seconds, isDateOnly: false)
    }

    // MARK: - Local time

    private static func days(_ first: Int, _ end: Int, utcOffset: UTCOffset) -> ReportPeriod {
        ReportPeriod(
            start: localToUnix(first * 86_400, utcOffset: utcOffset),
            end: localToUnix(end * 86_400, utcOffset: utcOffset))
    }

    /// Unix seconds of local wall-clock seconds. A time the clock skipped (spring forward) is
    /// read with the offset from before the jump, so it lands just past it; a repeated time
    /// (fall back) takes its first reading.
    static func localToUnix(_ wall: Int, utcOffset: UTCOffset) -> Int {
        let before = utcOffset(wall - 86_400)
        let first = wall - before
        let after = utcOffset(first)
        if after == before { return first }
        let second = wall - after
        return utcOffset(second) == after ? second : first
    }
}

/// Why a period's text could not be read; the message names the option and the forms it takes.
public struct ReportPeriodError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
