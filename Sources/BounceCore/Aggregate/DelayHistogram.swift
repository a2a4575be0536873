/// Delays in milliseconds counted in fixed log-spaced buckets, for a median and percentiles in
/// bounded memory (`scan`'s delivery delay).
///
/// Resolution: delays under 16 ms have a bucket each; above, every doubling is split into 16
/// equal buckets, so a bucket is at most 1/16 of its lower bound wide. A quantile is read as
/// its bucket's middle, within 3.2% of the true delay, clamped to the smallest and largest
/// delay counted, which are kept exactly (and are the answer at the first and last rank).
/// 448 buckets reach `Int32.max` ms (24.8 days); counting allocates nothing, and two
/// histograms merge by adding their buckets.
public struct DelayHistogram: Sendable, Equatable {
    /// Buckets per doubling, and the delays (0..<16 ms) that have one each.
    static let bucketsPerDoubling = 16
    /// Enough for every non-negative `Int32`: 16 single delays, then 27 doublings (2^4...2^30).
    static let bucketCount = 16 + 27 * 16

    private var buckets: [Int]
    /// How many delays were counted.
    public private(set) var count = 0
    private var smallest = Int32.max
    private var largest: Int32 = 0

    /// Nothing counted.
    public init() {
        buckets = Array(repeating: 0, count: Self.bucketCount)
    }

    /// Counts one delay; a negative one (unknown) is not counted.
    @inline(__always)
    public mutating func add(_ millis: Int32) {
        guard millis >= 0 else { return }
        buckets[Self.bucket(of: millis)] &+= 1
        count &+= 1
        if millis < smallest { smallest = millis }
        if millis > largest { largest = millis }
    }

    /// Adds everything `other` counted.
    public mutating func merge(_ other: DelayHistogram) {
        guard other.count > 0 else { return }
        for index in buckets.indices { buckets[index] &+= other.buckets[index] }
        count &+= other.count
        smallest = Swift.min(smallest, other.smallest)
        largest = Swift.max(largest, other.largest)
    }

    /// Forgets everything counted, keeping the memory.
    public mutating func reset() {
        guard count > 0 else { return }
        buckets.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        count = 0
        smallest = .max
        largest = 0
    }

    /// The delay at `permille` (500: the median, 950: the 95th percentile) by nearest rank,
    /// in milliseconds (see the resolution above); nil when nothing was counted.
    public func quantile(permille: Int) -> Int32? {
        guard count > 0 else { return nil }
        let share = Swift.min(Swift.max(permille, 0), 1000)
        // ceil(count * share / 1000), without the product overflowing for any count.
        let rank = Swift.max(1, count / 1000 * share + (count % 1000 * share + 999) / 1000)
        // The first and last ranks are the smallest and largest delays, kept exactly.
        if rank == 1 { return smallest }
        if rank >= count { return largest }
        var seen = 0
        for (index, bucketCount) in buckets.enumerated() {
            seen += bucketCount
            guard seen >= rank else { continue }
            let (lower, upper) = Self.bounds(of: index)
            let middle = Int32(truncatingIfNeeded: (lower + upper - 1) / 2)
            return Swift.min(Swift.max(middle, smallest), largest)
        }
        return largest
    }

    /// The bucket of a non-negative delay.
    @inline(__always)
    static func bucket(of millis: Int32) -> Int {
        let value = UInt32(truncatingIfNeeded: millis)
        guard value >= 16 else { return Int(value) }
        let doubling = 31 - value.leadingZeroBitCount
        let step = Int((value >> UInt32(doubling - 4)) & 15)
        return 16 + (doubling - 4) * bucketsPerDoubling + step
    }

    /// The delays of bucket `index`: from `lower` up to, not including, `upper`.
    static func bounds(of index: Int) -> (lower: Int64, upper: Int64) {
        guard index >= 16 else { return (Int64(index), Int64(index) + 1) }
        let doubling = (index - 16) / bucketsPerDoubling + 4
        let step = Int64((index - 16) % bucketsPerDoubling)
        let width = Int64(1) << Int64(doubling - 4)
        return ((16 + step) * width, (17 + step) * width)
    }
}
