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
    /// The last RFC 3339 zone `quickStamp` read, as the bytes from its first byte through the
    /// space after it (`+00:00 `, `Z `; zero above them), and its offset in seconds east of UTC.
    /// Until a zone is kept, a key no masked word equals.
    private var zoneKey: UInt64 = 1
    private var zoneMask: UInt64 = 0
    private var zoneSeconds: Int32 = 0
    /// The bytes of the key: the zone and its space (`zoneMask`'s bytes, kept apart because
    /// counting bits is a long sequence on the baseline x86-64 target).
    private var zoneLength = 0

    public init() {}

    /// The stamp of the line at `base` (`count` bytes, at least 40) and the offset after the
    /// space that follows it, for the shapes of a busy syslog file: the entry's BSD stamp, or
    /// the entry's RFC 3339 date and clock with an optional fraction of up to seven digits and
    /// the zone of the line before (or any `Z`/`+hh:mm` zone, which is then kept). 0 when the
    /// line is in none of those shapes; `stamp` is then meaningless and the caller reads the
    /// line the general way (`SyslogHeader.parse`), which also makes the entries.
    ///
    /// Why: the general reading returns the stamp and its end through two optionals, and
    /// reads the fraction and the zone of an RFC 3339 stamp byte by byte on every line. Here a
    /// BSD stamp costs two word compares, an RFC 3339 one three more, a fraction one load and
    /// a zone one masked compare. Whenever this answers, the answer is the parser's: the entry
    /// was made from the same first bytes, the fraction is `StampWords.fraction`'s reading, and
    /// a zone is taken only in the two shapes `StampWords.offset` and the `Z` branch read.
    @inline(__always)
    mutating func quickStamp(
        _ base: UnsafePointer<UInt8>, count: Int, into result: inout LogTimestamp
    ) -> Int {
        let head = ByteScan.word(base, 0)
        let middle = ByteScan.word(base, 8)
        if kind == .bsd {
            // The key holds byte 15, so a space there is the entry's own.
            guard head == first, middle >> 56 == 0x20 else { return 0 }
            if middle != second {
                // The entry's month, day, hour and minute (bytes 0..<13), another second:
                // taken as `StampWords.clock` reads it (two digits, at most 60), and kept.
                guard (middle ^ second) & 0xFF_FFFF_FFFF == 0,
                    let next = Self.second(ByteWord.byte(middle, 5), ByteWord.byte(middle, 6))
                else { return 0 }
                second = middle
                stamp.storedSecond = next
            }
            result = stamp
            return 16
        }
        guard kind == .dateTime, separator == UInt8(ascii: "T"), head == first,
            middle == second
        else { return 0 }
        let clock = ByteScan.word(base, 11)
        if clock != third {
            // The entry's date, hour and minute (bytes 0..<16), another second, as for Exim.
            guard base[16] == UInt8(ascii: ":"), let next = Self.second(base[17], base[18]) else {
                return 0
            }
            third = clock
            stamp.storedSecond = next
        }
        // `.digits`, one to seven of them: the nanoseconds as `StampWords.fraction` gives them.
        var zoneStart = 19
        var nanosecond = 0
        if base[19] == UInt8(ascii: ".") {
            let digits = ByteScan.word(base, 20)
            let length = ByteWord.leadingDigits(digits)
            guard length > 0, length < 8 else { return 0 }
            nanosecond = ByteWord.decimal(digits, count: length) &* Self.fractionScale(length)
            zoneStart = 20 &+ length
        }
        let zone = ByteScan.word(base, zoneStart)
        if zone & zoneMask != zoneKey {
            guard learnZone(zone) else { return 0 }
        }
        result = stamp
        result.storedNanosecond = Int32(truncatingIfNeeded: nanosecond)
        result.storedOffset = zoneSeconds
        return zoneStart &+ zoneLength
    }

    /// Keeps the zone at the start of `word` when it is `Z` or `+hh:mm`/`-hh:mm` (hours up to
    /// 23, minutes up to 59) followed by a space; false for anything else.
    @inline(never)
    private mutating func learnZone(_ word: UInt64) -> Bool {
        if word & 0xFFFF == 0x205A {
            zoneKey = 0x205A
            zoneMask = 0xFFFF
            zoneSeconds = 0
            zoneLength = 2
            return true
        }
        let sign = ByteWord.byte(word, 0)
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
            ByteWord.byte(word, 3) == UInt8(ascii: ":"), ByteWord.byte(word, 6) == 0x20
        else { return false }
        let h1 = ByteWord.byte(word, 1) &- 0x30
        let h2 = ByteWord.byte(word, 2) &- 0x30
        let m1 = ByteWord.byte(word, 4) &- 0x30
        let m2 = ByteWord.byte(word, 5) &- 0x30
        guard h1 < 10, h2 < 10, m1 < 10, m2 < 10 else { return false }
        let hours = Int(h1) &* 10 &+ Int(h2)
        let minutes = Int(m1) &* 10 &+ Int(m2)
        guard hours <= 23, minutes <= 59 else { return false }
        let seconds = (sign == UInt8(ascii: "+") ? 1 : -1) &* (hours &* 3600 &+ minutes &* 60)
        zoneMask = 0x00FF_FFFF_FFFF_FFFF
        zoneKey = word & zoneMask
        zoneSeconds = Int32(truncatingIfNeeded: seconds)
        zoneLength = 7
        return true
    }

    /// The second written by the digits `tens` and `ones` as `StampWords.clock` takes it (at
    /// most 60), or nil.
    @inline(__always)
    private static func second(_ tens: UInt8, _ ones: UInt8) -> UInt8? {
        let high = tens &- UInt8(ascii: "0")
        let low = ones &- UInt8(ascii: "0")
        guard high < 10, low < 10 else { return nil }
        let value = high &* 10 &+ low
        return value <= 60 ? value : nil
    }

    /// Nanoseconds per unit of a fraction of `digits` digits (1...7).
    @inline(__always)
    private static func fractionScale(_ digits: Int) -> Int {
        switch digits {
        case 1: 100_000_000
        case 2: 10_000_000
        case 3: 1_000_000
        case 4: 100_000
        case 5: 10_000
        case 6: 1000
        default: 100
        }
    }

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
