/// The daemon's delivery delay histogram (`bouncewatch_delivery_delay_seconds`): per provider
/// row of `MetricsProviders` (so `other` is row 0 and the rows are bounded the same way) and
/// final status, the count per bucket and the sum.
///
/// The buckets are fixed, in seconds a mail administrator reads at a glance (`bounds`); a delay
/// counts in the first bucket whose bound it does not exceed, or in the last (`+Inf`). Counts
/// per bucket are kept apart here and made cumulative when rendered.
struct MetricsDelays {
    /// The upper bounds of the buckets, in seconds, before `+Inf`: 1 s, 5 s, 30 s, 1 min, 5 min,
    /// 15 min, 30 min, 1 h, 4 h, 12 h, 1 d, 2 d, 5 d.
    static let bounds: [Int] = [
        1, 5, 30, 60, 300, 900, 1800, 3600, 14400, 43200, 86400, 172_800, 432_000,
    ]
    /// The buckets, `+Inf` included.
    static let bucketCount = bounds.count + 1
    private static let boundMillis: [Int32] = bounds.map { Int32($0 * 1000) }
    private static let statusCount = DeliveryDelay.finalStatuses.count
    private static let rowStride = statusCount * bucketCount

    /// `rowStride` counts per provider row, grown as rows are first counted.
    private(set) var counts: [Int] = []
    /// The sum of the delays in milliseconds per provider row and status.
    private(set) var sums: [Int] = []

    /// Counts a delay of `millis` (not negative) at `status` for provider row `row`; a delay
    /// that is unknown or not at a final outcome is not counted. Returns whether it was.
    @inline(__always)
    @discardableResult
    mutating func add(row: Int, status: DeliveryStatus, millis: Int32) -> Bool {
        guard millis >= 0, let slot = DeliveryDelay.finalSlot(status) else { return false }
        var bucket = 0
        // Nearly every delivery is under a minute: a few comparisons.
        while bucket < Self.boundMillis.count, millis > Self.boundMillis[bucket] { bucket &+= 1 }
        grow(to: row)
        counts[(row &* Self.statusCount &+ slot) &* Self.bucketCount &+ bucket] &+= 1
        let sum = row &* Self.statusCount &+ slot
        sums[sum] = sums[sum].saturatingSum(Int(millis))
        return true
    }

    /// The bucket counts (not cumulative, `+Inf` last) of `row` and `status`; nil when the row
    /// or status has none.
    func buckets(row: Int, status: DeliveryStatus) -> ArraySlice<Int>? {
        guard let slot = DeliveryDelay.finalSlot(status), row < sums.count / Self.statusCount
        else { return nil }
        let start = (row * Self.statusCount + slot) * Self.bucketCount
        return counts[start..<start + Self.bucketCount]
    }

    /// The sum in milliseconds of `row` and `status` (0 when none).
    func sumMillis(row: Int, status: DeliveryStatus) -> Int {
        guard let slot = DeliveryDelay.finalSlot(status), row < sums.count / Self.statusCount
        else { return 0 }
        return sums[row * Self.statusCount + slot]
    }

    /// Adds counts read from a checkpoint to `row` and `status` (a final one).
    mutating func restore(row: Int, status: DeliveryStatus, buckets: [Int], sumMillis: Int) {
        guard let slot = DeliveryDelay.finalSlot(status), buckets.count == Self.bucketCount
        else { return }
        grow(to: row)
        let start = (row * Self.statusCount + slot) * Self.bucketCount
        for (offset, count) in buckets.enumerated() {
            counts[start + offset] = counts[start + offset].saturatingSum(count)
        }
        let sum = row * Self.statusCount + slot
        sums[sum] = sums[sum].saturatingSum(sumMillis)
    }

    @inline(__always)
    private mutating func grow(to row: Int) {
        let rows = sums.count / Self.statusCount
        guard row >= rows else { return }
        let added = row + 1 - rows
        counts.append(contentsOf: repeatElement(0, count: added * Self.rowStride))
        sums.append(contentsOf: repeatElement(0, count: added * Self.statusCount))
    }
}
