import BounceCore

extension ScanRunner {
    /// A merged piece's aggregate, reset for the worker's next piece: its tables' pages are
    /// already touched and its provider memory is warm, where new ones cost first touches
    /// (page faults the kernel zeroes) and lookups anew (see `ScanAggregator.reset`).
    func reuse(_ totals: inout ScanTotals, providers: ProviderTable) {
        totals.aggregator.reset()
        // Only the HTML report draws failures over time: small, made anew.
        if totals.timeline != nil { totals.timeline = FailureTimeline() }
    }
}
