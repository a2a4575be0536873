/// How many distinct values a bitmap of hashed values saw (linear counting): each value sets
/// one bit, and the share of bits still clear tells how many values there were. Exact for a
/// handful of values, within a few percent up to about twice the bitmap's size, and a floor
/// beyond (the bitmap is then full). Fixed memory, whatever the values.
enum DistinctEstimate {
    /// The bit a value's hash sets in a bitmap of `words` 64-bit words (a power of two).
    @inline(__always)
    static func bit(_ hash: UInt64, words: Int) -> (word: Int, mask: UInt64) {
        // The high bits: the hash mixes them best.
        let index = Int(truncatingIfNeeded: hash >> 32) & (words &* 64 &- 1)
        return (index >> 6, 1 << UInt64(index & 63))
    }

    /// The estimate for a bitmap with `set` of its `bits` bits set; `saturated` when every bit
    /// is set and the true count may be any larger number.
    static func count(set: Int, of bits: Int) -> (count: Int, saturated: Bool) {
        guard set < bits else {
            return (Int((Double(bits) * naturalLog(Double(bits))).rounded()), true)
        }
        let clear = Double(bits - set)
        return (Int((Double(bits) * naturalLog(Double(bits) / clear)).rounded()), false)
    }

    /// ln x for x > 0, from the exponent and a short series: BounceCore has no math library.
    static func naturalLog(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return 0 }
        let significand = x.significand  // in [1, 2)
        let t = (significand - 1) / (significand + 1)  // below 1/3
        let square = t * t
        var term = t
        var sum = 0.0
        for denominator in stride(from: 1, through: 41, by: 2) {
            sum += term / Double(denominator)
            term *= square
        }
        return 2 * sum + Double(x.exponent) * 0.693_147_180_559_945_3
    }
}
