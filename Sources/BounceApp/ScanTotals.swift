import BounceCore

/// What a scan counts: the aggregate behind every format, and the failures over time that only
/// the HTML report draws (nil for the other formats, which skip the work).
struct ScanTotals {
    var aggregator: ScanAggregator
    var timeline: FailureTimeline?

    /// Adds what a scan of later lines counted (see `ScanAggregator.merge`).
    mutating func merge(_ other: ScanTotals) {
        aggregator.merge(other.aggregator)
        if let later = other.timeline { timeline?.merge(later) }
    }
}
