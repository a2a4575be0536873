/// The stamp at the start of the last line read, kept by its bytes, so that the next line with
/// the same bytes there takes it without parsing it again.
///
/// Why: a busy log writes many lines a second, and consecutive lines share their stamp's bytes
/// (`Nov 26 10:00:01`, or the `2026-11-26 10:00:01` part of an Exim or RFC 3339 stamp). Two or
/// three word comparisons then replace the stamp parser. The answer is always the parser's own:
/// an entry is kept only for a stamp at offset 0 that the parser read from exactly the bytes
/// compared (and a line long enough that no length check of the parser could differ), so equal
/// bytes give an equal stamp and end.
public struct StampCache: Sendable {
    /// What the entry holds.
    private enum Kind: UInt8 {
        case none
        /// A BSD stamp ending at offset 15, keyed by bytes 0..<16 (byte 15 is not a `.`).
        case bsd
        /// `YYYY-MM-DD?HH:MM:SS` keyed by bytes 0..<19; the separator `?` is `separator`.
        case dateTime
    }

    private var kind = Kind.none
    private var separator: UInt8 = 0
    private var first: UInt64 = 0
    private var second: UInt64 = 0
    private var third: UInt64 = 0
    private var stamp = LogTimestamp(year: nil, month: 1, day: 1, hour: 0, minute: 0, second: 0)

    public init() {}

    /// `TimestampParser.bsd(line, at: &index)`, from the entry when the bytes match.
    @inline(__always)
    mutating func bsd(_ line: UnsafeBufferPointer<UInt8>, at index: inout Int) -> LogTimestamp? {
        guard index == 0, line.count >= 16, let base = line.baseAddress else {
            return TimestampParser.bsd(line, at: &index)
        }
        let head = ByteScan.word(base, 0)
        let tail = ByteScan.word(base, 8)
        if kind == .bsd, head == first, tail == second {
            index = 15
            return stamp
        }
        guard let parsed = TimestampParser.bsd(line, at: &index) else { return nil }
        if index == 15, line[15] != UInt8(ascii: ".") {
            kind = .bsd
            first = head
            second = tail
            stamp = parsed
        }
        return parsed
    }

    /// `TimestampParser.rfc3339(line, at: &index)`, the date and clock from the entry when the
    /// bytes match; the fraction and the offset are read each time.
    @inline(__always)
    mutating func rfc3339(_ line: UnsafeBufferPointer<UInt8>, at index: inout Int)
        -> LogTimestamp?
    {
        guard index == 0, var parsed = cachedDateTime(line, separator: UInt8(ascii: "T")) else {
            return TimestampParser.rfc3339(line, at: &index)
        }
        var cursor = parsed.end
        guard TimestampParser.rfc3339Offset(line, at: &cursor, into: &parsed.stamp) else {
            return nil
        }
        index = cursor
        return parsed.stamp
    }

    /// `TimestampParser.exim(line, at: &index)`, the date and clock from the entry when the
    /// bytes match.
    @inline(__always)
    mutating func exim(_ line: UnsafeBufferPointer<UInt8>, at index: inout Int) -> LogTimestamp? {
        guard index == 0, let parsed = cachedDateTime(line, separator: UInt8(ascii: " ")) else {
            return TimestampParser.exim(line, at: &index)
        }
        index = parsed.end
        return parsed.stamp
    }

    /// The second of `:SS` at bytes 16..<19 as `StampWords.clock` reads it (two digits, at
    /// most 60), for a line whose first 16 bytes are the entry's: the date, hour and minute,
    /// checked when the entry was made, are then the entry's too.
    @inline(__always)
    private static func nextSecond(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        let tens = line[17] &- UInt8(ascii: "0")
        let ones = line[18] &- UInt8(ascii: "0")
        guard line[16] == UInt8(ascii: ":"), tens < 10, ones < 10 else { return nil }
        let value = Int(tens) &* 10 &+ Int(ones)
        return value <= 60 ? value : nil
    }

    /// `YYYY-MM-DD<separator>HH:MM:SS[.fraction]` at offset 0 as `TimestampParser` reads it,
    /// or nil when the entry cannot say (the caller then parses the whole stamp).
    @inline(__always)
    private mutating func cachedDateTime(_ line: UnsafeBufferPointer<UInt8>, separator: UInt8)
        -> (stamp: LogTimestamp, end: Int)?
    {
        guard line.count >= 20, let base = line.baseAddress else { return nil }
        let head = ByteScan.word(base, 0)
        let middle = ByteScan.word(base, 8)
        let tail = ByteScan.word(base, 11)
        if !(kind == .dateTime && self.separator == separator && head == first
            && middle == second && tail == third)
        {
            if separator == UInt8(ascii: " "), kind == .dateTime, self.separator == separator,
                head == first, middle == second, let next = Self.nextSecond(line)
            {
                // Exim: the same date, hour and minute as the entry, another second.
                third = tail
                stamp.second = next
            } else {
                // Seconds only: the fraction is read below, as for a hit.
                guard
                    let (parsed, end) = StampWords.dateTime(
                        line, at: 0, separator: separator, fraction: false),
                    end == 19
                else { return nil }
                kind = .dateTime
                self.separator = separator
                first = head
                second = middle
                third = tail
                stamp = parsed
            }
        }
        // The fraction as `StampWords.fraction` reads it; the byte-wise parser decides the
        // shapes it leaves out (eight digits or more).
        guard let (nanosecond, end) = StampWords.fraction(line, at: 19) else { return nil }
        var result = stamp
        result.nanosecond = nanosecond
        return (result, end)
    }
}
