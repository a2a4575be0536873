/// A point on the time line, with the UTC offset in which the log showed it.
public struct LogInstant: Hashable, Sendable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var unixSeconds: Int
    /// 0 ..< 1_000_000_000.
    public var nanosecond: Int
    /// Seconds east of UTC of the wall clock that wrote the stamp.
    public var utcOffsetSeconds: Int

    public init(unixSeconds: Int, nanosecond: Int = 0, utcOffsetSeconds: Int = 0) {
        self.unixSeconds = unixSeconds
        self.nanosecond = nanosecond
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    public static func < (lhs: LogInstant, rhs: LogInstant) -> Bool {
        (lhs.unixSeconds, lhs.nanosecond) < (rhs.unixSeconds, rhs.nanosecond)
    }

    /// The instant as a complete stamp: wall-clock time in its offset, with year and offset.
    public var timestamp: LogTimestamp {
        let (days, secondOfDay) = wallClock
        let date = CivilDate.date(days: days)
        return LogTimestamp(
            year: date.year, month: date.month, day: date.day, hour: secondOfDay / 3600,
            minute: secondOfDay / 60 % 60, second: secondOfDay % 60, nanosecond: nanosecond,
            utcOffsetSeconds: utcOffsetSeconds)
    }

    /// Days since 1970-01-01 and seconds into that day, on the wall clock of the offset.
    private var wallClock: (days: Int, secondOfDay: Int) {
        let local = unixSeconds + utcOffsetSeconds
        var days = local / 86_400
        var secondOfDay = local % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        return (days, secondOfDay)
    }

    /// RFC 3339 in the stamp's own offset, e.g. `2026-11-26T10:00:01.123456+01:00`.
    ///
    /// The fraction is written to the millisecond, microsecond or nanosecond, whichever is the
    /// shortest exact form, and left out when it is zero.
    public var rfc3339: String {
        let (days, secondOfDay) = wallClock
        let date = CivilDate.date(days: days)
        var text = ""
        text.reserveCapacity(35)
        if date.year < 0 { text += "-" }
        Self.append(abs(date.year), width: 4, to: &text)
        text += "-"
        Self.append(date.month, width: 2, to: &text)
        text += "-"
        Self.append(date.day, width: 2, to: &text)
        text += "T"
        Self.append(secondOfDay / 3600, width: 2, to: &text)
        text += ":"
        Self.append(secondOfDay / 60 % 60, width: 2, to: &text)
        text += ":"
        Self.append(secondOfDay % 60, width: 2, to: &text)
        if nanosecond != 0 {
            text += "."
            if nanosecond % 1_000_000 == 0 {
                Self.append(nanosecond / 1_000_000, width: 3, to: &text)
            } else if nanosecond % 1000 == 0 {
                Self.append(nanosecond / 1000, width: 6, to: &text)
            } else {
                Self.append(nanosecond, width: 9, to: &text)
            }
        }
        text += utcOffsetSeconds < 0 ? "-" : "+"
        let offsetMinutes = abs(utcOffsetSeconds) / 60
        Self.append(offsetMinutes / 60, width: 2, to: &text)
        text += ":"
        Self.append(offsetMinutes % 60, width: 2, to: &text)
        return text
    }

    private static func append(_ value: Int, width: Int, to text: inout String) {
        let digits = String(value)
        if digits.utf8.count < width {
            text += String(repeating: "0", count: width - digits.utf8.count)
        }
        text += digits
    }
}
