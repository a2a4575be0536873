extension Int {
    /// The largest count a metrics checkpoint may hold: 2^53, where Prometheus's float64
    /// values stop being exact. No real run gets there (a million lines a second for 285
    /// years).
    static let largestCount = 1 << 53

    /// `self + other` for counts, at most `largestCount`.
    ///
    /// For sums of many counters (folds into `other`, totals over every cell): each counter
    /// restored from a checkpoint is at most `largestCount`, but a sum of thousands of them
    /// need not be, and must neither overflow nor be written into a checkpoint that the next
    /// start would refuse. Counts of real lines never come near the cap.
    @inline(__always)
    func saturatingSum(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? Int.largestCount : Swift.min(sum, Int.largestCount)
    }
}
