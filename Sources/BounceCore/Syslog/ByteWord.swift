/// Eight bytes of a line in one `UInt64` (the first byte in the lowest bits), and per-byte
/// tests on it: the fixed-shape fields at the start of every line (stamps, ids, pids) are read
/// with a few word operations instead of a loop and a bounds check per byte.
///
/// Every test here is exact for each byte: no carry or borrow crosses from one byte into the
/// next, so the flags can be combined and counted freely.
enum ByteWord {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080
    static let lowSeven: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The eight bytes at `index`, or nil when fewer than eight remain.
    @inline(__always)
    static func load(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64? {
        guard index >= 0, index <= line.count - 8, let base = line.baseAddress else { return nil }
        return ByteScan.word(base, index)
    }

    /// `byte` repeated in every byte of a word.
    @inline(__always)
    static func splat(_ byte: UInt8) -> UInt64 { UInt64(byte) &* ones }

    /// The high bit of each byte of `word` within `low...high` (`high` at most 0x7F).
    @inline(__always)
    static func inRange(_ word: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
        // On the low seven bits no lane can carry or borrow; the top bit is checked apart.
        // `0x80 + high - s` has its top bit set exactly when `s <= high`, `s + 0x80 - low`
        // exactly when `s >= low`.
        let seven = word & lowSeven
        let notAbove = splat(0x80 &+ high) &- seven
        let notBelow = seven &+ splat(0x80 &- low)
        return notAbove & notBelow & ~word & highBits
    }

    /// The high bit of each byte of `word` that is zero, exactly: no borrow crosses from one
    /// byte into the next (unlike `ByteScan.zeroByteFlags`), so the highest flag is as real as
    /// the lowest, which a search backwards needs.
    @inline(__always)
    static func exactZeros(_ word: UInt64) -> UInt64 {
        ~(((word & lowSeven) &+ lowSeven) | word) & highBits
    }

    /// The high bit of each byte of `word` that is an ASCII digit.
    @inline(__always)
    static func digitFlags(_ word: UInt64) -> UInt64 {
        inRange(word, UInt8(ascii: "0"), UInt8(ascii: "9"))
    }

    /// How many bytes of `word`, from the first, are ASCII digits (0...8).
    @inline(__always)
    static func leadingDigits(_ word: UInt64) -> Int {
        let stops = ~digitFlags(word) & highBits
        return stops.trailingZeroBitCount / 8
    }

    /// The number written by the first `count` bytes of `word` (1...8), all known digits.
    @inline(__always)
    static func decimal(_ word: UInt64, count: Int) -> Int {
        // Move the digits to the top so that the bytes below read as leading zeros.
        var value = (word << UInt64((8 - count) * 8)) & 0x0F0F_0F0F_0F0F_0F0F
        value = ((value &* 10) &+ (value >> 8)) & 0x00FF_00FF_00FF_00FF
        value = ((value &* 100) &+ (value >> 16)) & 0x0000_FFFF_0000_FFFF
        value = ((value &* 10000) &+ (value >> 32)) & 0xFFFF_FFFF
        return Int(value)
    }

    /// The two-digit values starting at each byte of `word` whose bytes are digits: byte `k` of
    /// the result is `10 × byte k + byte k+1` (meaningful only where both are digits).
    @inline(__always)
    static func pairs(_ word: UInt64) -> UInt64 {
        let digits = word & 0x0F0F_0F0F_0F0F_0F0F
        return (digits &* 10) &+ (digits >> 8)
    }

    /// Byte `index` (0...7) of `word`.
    @inline(__always)
    static func byte(_ word: UInt64, _ index: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: word >> UInt64(index * 8))
    }
}
