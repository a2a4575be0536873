/// The usual shapes of the stamps at the start of a line, read as whole words.
///
/// Every reader here answers nil when the bytes are not in the one shape it knows (a short
/// line, a single-digit day without padding, a fraction of eight or more digits, ...); the
/// byte-wise readers of `TimestampParser` then decide. Whenever a reader here does answer, the
/// byte-wise one would give the same stamp and the same end, which the tests check.
enum StampWords {
    /// Digit bytes 0, 1, 3, 4, 6 and 7 of `HH:MM:SS`.
    private static let clockDigits: UInt64 = 0x8080_0080_8000_8080
    /// Bytes 2 and 5 of `HH:MM:SS`, and the colons they must hold.
    private static let clockColonMask: UInt64 = 0x0000_FF00_00FF_0000
    private static let clockColons: UInt64 = 0x0000_3A00_003A_0000
    /// Digit bytes 0, 1, 2, 3, 5 and 6 of `YYYY-MM-`.
    private static let dateDigits: UInt64 = 0x0080_8000_8080_8080
    /// Bytes 4 and 7 of `YYYY-MM-`, and the dashes they must hold.
    private static let dateDashMask: UInt64 = 0xFF00_00FF_0000_0000
    private static let dateDashes: UInt64 = 0x2D00_002D_0000_0000

    /// `HH:MM:SS` as one word, with hour < 24, minute < 60 and second <= 60.
    @inline(__always)
    static func clock(_ word: UInt64) -> (hour: Int, minute: Int, second: Int)? {
        guard ByteWord.digitFlags(word) & clockDigits == clockDigits,
            word & clockColonMask == clockColons
        else { return nil }
        let pairs = ByteWord.pairs(word)
        let hour = Int(ByteWord.byte(pairs, 0))
        let minute = Int(ByteWord.byte(pairs, 3))
        let second = Int(ByteWord.byte(pairs, 6))
        guard hour < 24, minute < 60, second <= 60 else { return nil }
        return (hour, minute, second)
    }

    /// `Mmm dd HH:MM:SS` or `Mmm  d HH:MM:SS` at `index`, then an optional fraction.
    @inline(__always)
    static func bsd(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> (LogTimestamp, Int)? {
        guard let head = ByteWord.load(line, at: index),
            let time = ByteWord.load(line, at: index + 7),
            ByteWord.byte(head, 3) == 0x20, ByteWord.byte(head, 6) == 0x20,
            let month = TimestampParser.month(monthKey(head))
        else { return nil }
        let tens = ByteWord.byte(head, 4)
        let ones = ByteWord.byte(head, 5) &- 0x30
        guard ones < 10 else { return nil }
        let day: Int
        if tens == 0x20 {
            day = Int(ones)
        } else {
            guard tens &- 0x30 < 10 else { return nil }
            day = Int(tens &- 0x30) &* 10 &+ Int(ones)
        }
        guard day >= 1, day <= 31, let (hour, minute, second) = clock(time),
            let (nanosecond, end) = fraction(line, at: index + 15)
        else { return nil }
        let stamp = LogTimestamp(
            year: nil, month: month, day: day, hour: hour, minute: minute, second: second,
            nanosecond: nanosecond)
        return (stamp, end)
    }

    /// The first three bytes of `word` as `TimestampParser.month(_:)` takes them. Setting bit
    /// 5 of a byte gives the same letter as lower-casing it, and makes no other byte a letter.
    @inline(__always)
    static func monthKey(_ word: UInt64) -> UInt32 {
        let low = UInt32(truncatingIfNeeded: word) | 0x0020_2020
        return (low & 0xFF) << 16 | (low & 0xFF00) | (low >> 16 & 0xFF)
    }

    /// `YYYY-MM-DD<separator>HH:MM:SS` at `index`, then an optional fraction (left unread,
    /// and the end put after the seconds, when `fraction` is false).
    @inline(__always)
    static func dateTime(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, separator: UInt8, fraction: Bool = true
    ) -> (LogTimestamp, Int)? {
        guard let head = ByteWord.load(line, at: index),
            let time = ByteWord.load(line, at: index + 11),
            ByteWord.digitFlags(head) & dateDigits == dateDigits,
            head & dateDashMask == dateDashes,
            line[index + 10] == separator
        else { return nil }
        let dayTens = line[index + 8] &- 0x30
        let dayOnes = line[index + 9] &- 0x30
        guard dayTens < 10, dayOnes < 10 else { return nil }
        let pairs = ByteWord.pairs(head)
        let year = Int(ByteWord.byte(pairs, 0)) &* 100 &+ Int(ByteWord.byte(pairs, 2))
        let month = Int(ByteWord.byte(pairs, 5))
        let day = Int(dayTens) &* 10 &+ Int(dayOnes)
        guard month >= 1, month <= 12, day >= 1, day <= 31,
            let (hour, minute, second) = clock(time),
            let (nanosecond, end) =
                fraction ? Self.fraction(line, at: index + 19) : (0, index + 19)
        else { return nil }
        let stamp = LogTimestamp(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            nanosecond: nanosecond)
        return (stamp, end)
    }

    /// An optional `.digits` at `index`: the nanoseconds (0 without one) and the end. Nil for
    /// eight digits or more, or when the word cannot be read.
    @inline(__always)
    static func fraction(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> (Int, Int)? {
        guard index < line.count, line[index] == UInt8(ascii: ".") else { return (0, index) }
        guard let word = ByteWord.load(line, at: index + 1) else { return nil }
        let count = ByteWord.leadingDigits(word)
        // A dot without digits is no fraction: the stamp ends before it.
        if count == 0 { return (0, index) }
        guard count < 8 else { return nil }
        let scale: Int
        switch count {
        case 1: scale = 100_000_000
        case 2: scale = 10_000_000
        case 3: scale = 1_000_000
        case 4: scale = 100_000
        case 5: scale = 10_000
        case 6: scale = 1000
        default: scale = 100
        }
        return (ByteWord.decimal(word, count: count) &* scale, index + 1 + count)
    }

    /// `+hh:mm` or `-hh:mm` at `index` (hours <= 23, minutes <= 59): seconds east of UTC and
    /// the end.
    @inline(__always)
    static func offset(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> (Int, Int)? {
        guard index >= 0, index + 6 <= line.count, line[index + 3] == UInt8(ascii: ":") else {
            return nil
        }
        let sign: Int
        switch line[index] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        let h1 = line[index + 1] &- 0x30
        let h2 = line[index + 2] &- 0x30
        let m1 = line[index + 4] &- 0x30
        let m2 = line[index + 5] &- 0x30
        guard h1 < 10, h2 < 10, m1 < 10, m2 < 10 else { return nil }
        let hours = Int(h1) &* 10 &+ Int(h2)
        let minutes = Int(m1) &* 10 &+ Int(m2)
        guard hours <= 23, minutes <= 59 else { return nil }
        return (sign &* (hours &* 3600 &+ minutes &* 60), index + 6)
    }
}
