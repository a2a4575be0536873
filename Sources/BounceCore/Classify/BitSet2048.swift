/// A fixed set of up to 2048 small integers, kept inline so that matching allocates nothing.
///
/// Used for the phrase ids found in a reply and for the candidate rules they trigger.
public struct BitSet2048: Sendable, Equatable {
    /// The largest number of members.
    public static let capacity = 2048

    @usableFromInline
    var words:
        (
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
        ) = (
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0
        )

    public init() {}

    /// Whether `member` is in the set; false for anything outside `0..<capacity`.
    @inlinable
    public func contains(_ member: Int) -> Bool {
        guard member >= 0, member < Self.capacity else { return false }
        return word(member >> 6) & (1 << UInt64(member & 63)) != 0
    }

    /// One word by index, read in place: going through `withUnsafeBytes(of:)` would copy all
    /// 256 bytes on every call.
    @usableFromInline
    func word(_ index: Int) -> UInt64 {
        switch index {
        case 0: words.0
        case 1: words.1
        case 2: words.2
        case 3: words.3
        case 4: words.4
        case 5: words.5
        case 6: words.6
        case 7: words.7
        case 8: words.8
        case 9: words.9
        case 10: words.10
        case 11: words.11
        case 12: words.12
        case 13: words.13
        case 14: words.14
        case 15: words.15
        case 16: words.16
        case 17: words.17
        case 18: words.18
        case 19: words.19
        case 20: words.20
        case 21: words.21
        case 22: words.22
        case 23: words.23
        case 24: words.24
        case 25: words.25
        case 26: words.26
        case 27: words.27
        case 28: words.28
        case 29: words.29
        case 30: words.30
        default: words.31
        }
    }

    /// Adds `member`; members outside `0..<capacity` are ignored.
    @inlinable
    public mutating func insert(_ member: Int) {
        guard member >= 0, member < Self.capacity else { return }
        withMutableWords { $0[member >> 6] |= 1 << UInt64(member & 63) }
    }

    /// The members of both sets.
    @inlinable
    public func intersection(_ other: BitSet2048) -> BitSet2048 {
        var result = self
        result.withMutableWords { mine in
            other.withWords { theirs in
                for index in 0..<mine.count { mine[index] &= theirs[index] }
            }
        }
        return result
    }

    /// The members of either set.
    @inlinable
    public func union(_ other: BitSet2048) -> BitSet2048 {
        var result = self
        result.withMutableWords { mine in
            other.withWords { theirs in
                for index in 0..<mine.count { mine[index] |= theirs[index] }
            }
        }
        return result
    }

    /// The smallest member in `range` for which `predicate` holds, trying members in increasing
    /// order and skipping the numbers that are not members.
    @inlinable
    public func first(in range: Range<Int>, where predicate: (Int) -> Bool) -> Int? {
        let lower = max(range.lowerBound, 0)
        let upper = min(range.upperBound, Self.capacity)
        guard lower < upper else { return nil }
        return withWords { words in
            var wordIndex = lower >> 6
            var rest = words[wordIndex] & (~0 << UInt64(lower & 63))
            while true {
                while rest != 0 {
                    let member = wordIndex << 6 + rest.trailingZeroBitCount
                    if member >= upper { return nil }
                    if predicate(member) { return member }
                    rest &= rest - 1
                }
                wordIndex += 1
                guard wordIndex << 6 < upper else { return nil }
                rest = words[wordIndex]
            }
        }
    }

    /// Whether no member is set.
    public var isEmpty: Bool {
        withWords { words in words.allSatisfy { $0 == 0 } }
    }

    /// The members in increasing order (allocates: for explanations and tests, not the hot path).
    public var members: [Int] {
        var result: [Int] = []
        withWords { words in
            for (index, word) in words.enumerated() {
                var rest = word
                while rest != 0 {
                    result.append(index * 64 + rest.trailingZeroBitCount)
                    rest &= rest - 1
                }
            }
        }
        return result
    }

    /// Calls `body` with the members in increasing order until it returns false.
    @inlinable
    public func forEach(_ body: (Int) -> Bool) {
        withWords { words in
            for index in 0..<words.count {
                var rest = words[index]
                while rest != 0 {
                    if !body(index * 64 + rest.trailingZeroBitCount) { return }
                    rest &= rest - 1
                }
            }
        }
    }

    @usableFromInline
    func withWords<Result>(_ body: (UnsafeBufferPointer<UInt64>) -> Result) -> Result {
        withUnsafeBytes(of: words) { raw in body(raw.assumingMemoryBound(to: UInt64.self)) }
    }

    @usableFromInline
    mutating func withMutableWords(_ body: (UnsafeMutableBufferPointer<UInt64>) -> Void) {
        withUnsafeMutableBytes(of: &words) { raw in
            body(raw.assumingMemoryBound(to: UInt64.self))
        }
    }

    public static func == (lhs: BitSet2048, rhs: BitSet2048) -> Bool {
        lhs.withWords { left in rhs.withWords { right in left.elementsEqual(right) } }
    }
}
