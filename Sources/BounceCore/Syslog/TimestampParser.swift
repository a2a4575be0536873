/// Parses the timestamp forms found at the start of mail-log lines.
public enum TimestampParser {
    /// `Nov 26 10:00:01`, `Nov  6 10:00:01` or `Jan 1 00:00:00`; advances `index` past it.
    public static func bsd(_ line: UnsafeBufferPointer<UInt8>, at index: inout Int) -> LogTimestamp?
    {
        if let (stamp, end) = StampWords.bsd(line, at: index) {
            index = end
            return stamp
        }
        return bsdBytes(line, at: &index)
    }

    /// `bsd(_:at:)` byte by byte, for every shape `StampWords.bsd` leaves out.
    static func bsdBytes(_ line: UnsafeBufferPointer<UInt8>, at index: inout Int) -> LogTimestamp? {
        var cursor = index
        guard cursor + 3 <= line.count, let month = monthNumber(line, at: cursor) else {
            return nil
        }
        cursor += 3
        guard cursor < line.count, line[cursor] == UInt8(ascii: " ") else { return nil }
        cursor += 1
        if cursor < line.count, line[cursor] == UInt8(ascii: " ") { cursor += 1 }
        guard cursor + 1 < line.count else { return nil }
        let day: Int
        if let pair = twoDigits(line, cursor) {
            day = pair
            cursor += 2
        } else {
            let single = line[cursor] &- UInt8(ascii: "0")
            guard single < 10 else { return nil }
            day = Int(single)
            cursor += 1
        }
        guard (1...31).contains(day) else { return nil }
        guard cursor < line.count, line[cursor] == UInt8(ascii: " ") else { return nil }
        cursor += 1
        guard let (hour, minute, second) = clock(line, at: &cursor) else { return nil }
        var nanosecond = 0
        fraction(line, at: &cursor, into: &nanosecond)
        index = cursor
        return LogTimestamp(
            year: nil, month: month, day: day, hour: hour, minute: minute, second: second,
            nanosecond: nanosecond)
    }

    /// `2026-11-26T10:00:01.123456+00:00` (fraction and offset optional, `Z` accepted).
    public static func rfc3339(_ line: UnsafeBufferPointer<UInt8>, at index: inout Int)
        -> LogTimestamp?
    {
        var cursor = index
        guard var stamp = dateTime(line, at: &cursor, separator: UInt8(ascii: "T")),
            rfc3339Offset(line, at: &cursor, into: &stamp)
        else { return nil }
        index = cursor
        return stamp
    }

    /// The optional offset of an RFC 3339 stamp (`Z`, `+hh:mm`, `-hhmm`) at `index`, after the
    /// date and clock, into `stamp` (nil when there is none); false when it is malformed.
    @inline(__always)
    static func rfc3339Offset(
        _ line: UnsafeBufferPointer<UInt8>, at index: inout Int, into stamp: inout LogTimestamp
    ) -> Bool {
        var cursor = index
        var offset: Int?
        if let (seconds, end) = StampWords.offset(line, at: cursor) {
            offset = seconds
            cursor = end
        } else if cursor < line.count, line[cursor] == UInt8(ascii: "Z") {
            offset = 0
            cursor += 1
        } else if cursor < line.count,
            line[cursor] == UInt8(ascii: "+") || line[cursor] == UInt8(ascii: "-")
        {
            guard let parsed = utcOffset(line, at: &cursor, colon: true) else { return false }
            offset = parsed
        }
        index = cursor
        stamp.utcOffsetSeconds = offset
        return true
    }

    /// `2026-11-26 10:00:01` (Exim), with an optional `.123` fraction; the zone is parsed by the
    /// caller because Exim writes it after a space.
    public static func exim(_ line: UnsafeBufferPointer<UInt8>, at index: inout Int)
        -> LogTimestamp?
    {
        dateTime(line, at: &index, separator: UInt8(ascii: " "))
    }

    /// `YYYY-MM-DD<separator>HH:MM:SS[.fraction]`, the part Exim and RFC 3339 stamps share.
    private static func dateTime(
        _ line: UnsafeBufferPointer<UInt8>, at index: inout Int, separator: UInt8
    ) -> LogTimestamp? {
        if let (stamp, end) = StampWords.dateTime(line, at: index, separator: separator) {
            index = end
            return stamp
        }
        return dateTimeBytes(line, at: &index, separator: separator)
    }

    /// `dateTime(_:at:separator:)` byte by byte, for every shape `StampWords.dateTime` leaves
    /// out.
    static func dateTimeBytes(
        _ line: UnsafeBufferPointer<UInt8>, at index: inout Int, separator: UInt8
    ) -> LogTimestamp? {
        var cursor = index
        guard let (year, month, day) = date(line, at: &cursor),
            cursor < line.count, line[cursor] == separator
        else { return nil }
        cursor += 1
        guard let (hour, minute, second) = clock(line, at: &cursor) else { return nil }
        var nanosecond = 0
        fraction(line, at: &cursor, into: &nanosecond)
        index = cursor
        return LogTimestamp(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            nanosecond: nanosecond)
    }

    /// `+0200`, `-05:30`; returns seconds east of UTC. `colon` allows the `+hh:mm` form too.
    public static func utcOffset(
        _ line: UnsafeBufferPointer<UInt8>, at index: inout Int, colon: Bool
    ) -> Int? {
        var cursor = index
        guard cursor < line.count else { return nil }
        let sign: Int
        switch line[cursor] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        cursor += 1
        guard let hours = ByteScan.fixedNumber(line, at: cursor, count: 2), hours <= 23 else {
            return nil
        }
        cursor += 2
        if colon, cursor < line.count, line[cursor] == UInt8(ascii: ":") { cursor += 1 }
        guard let minutes = ByteScan.fixedNumber(line, at: cursor, count: 2), minutes <= 59 else {
            return nil
        }
        cursor += 2
        index = cursor
        return sign * (hours * 3600 + minutes * 60)
    }

    private static func date(_ line: UnsafeBufferPointer<UInt8>, at index: inout Int) -> (
        Int, Int, Int
    )? {
        let cursor = index
        // Bounds first, then plain digit arithmetic: this runs on every Exim and RFC 3339 line.
        guard cursor >= 0, line.count > cursor + 10,
            let high = twoDigits(line, cursor), let low = twoDigits(line, cursor + 2),
            line[cursor + 4] == UInt8(ascii: "-"),
            let month = twoDigits(line, cursor + 5),
            line[cursor + 7] == UInt8(ascii: "-"),
            let day = twoDigits(line, cursor + 8),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        index = cursor + 10
        return (high * 100 + low, month, day)
    }

    private static func clock(_ line: UnsafeBufferPointer<UInt8>, at index: inout Int) -> (
        Int, Int, Int
    )? {
        let cursor = index
        guard cursor >= 0, line.count >= cursor + 8,
            let hour = twoDigits(line, cursor),
            line[cursor + 2] == UInt8(ascii: ":"),
            let minute = twoDigits(line, cursor + 3),
            line[cursor + 5] == UInt8(ascii: ":"),
            let second = twoDigits(line, cursor + 6),
            hour < 24, minute < 60, second <= 60
        else { return nil }
        index = cursor + 8
        return (hour, minute, second)
    }

    /// Two decimal digits at `index`, which the caller has bounds-checked.
    @inline(__always)
    private static func twoDigits(_ line: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int? {
        let tens = line[index] &- UInt8(ascii: "0")
        let ones = line[index + 1] &- UInt8(ascii: "0")
        guard tens < 10, ones < 10 else { return nil }
        return Int(tens) * 10 + Int(ones)
    }

    private static func fraction(
        _ line: UnsafeBufferPointer<UInt8>, at index: inout Int, into nanosecond: inout Int
    ) {
        guard index < line.count, line[index] == UInt8(ascii: "."),
            ByteScan.isDigit(at: index + 1, in: line)
        else { return }
        var cursor = index + 1
        var value = 0
        var digits = 0
        while cursor < line.count, ByteScan.isDigit(line[cursor]) {
            if digits < 9 {
                value = value * 10 + Int(line[cursor] &- UInt8(ascii: "0"))
                digits += 1
            }
            cursor += 1
        }
        while digits < 9 {
            value *= 10
            digits += 1
        }
        nanosecond = value
        index = cursor
    }

    /// Month number 1...12 from a three-letter English abbreviation at `index`.
    static func monthNumber(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let key =
            (UInt32(ByteScan.lower(line[index])) << 16)
            | (UInt32(ByteScan.lower(line[index + 1])) << 8)
            | UInt32(ByteScan.lower(line[index + 2]))
        return month(key)
    }

    /// Month number 1...12 from three lower-cased letters, the first in the highest byte.
    @inline(__always)
    static func month(_ key: UInt32) -> Int? {
        switch key {
        case 0x6A_616E: return 1  // jan
        case 0x66_6562: return 2  // feb
        case 0x6D_6172: return 3  // mar
        case 0x61_7072: return 4  // apr
        case 0x6D_6179: return 5  // may
        case 0x6A_756E: return 6  // jun
        case 0x6A_756C: return 7  // jul
        case 0x61_7567: return 8  // aug
        case 0x73_6570: return 9  // sep
        case 0x6F_6374: return 10  // oct
        case 0x6E_6F76: return 11  // nov
        case 0x64_6563: return 12  // dec
        default: return nil
        }
    }
}
