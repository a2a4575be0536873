/// Failed deliveries by cause and block-list hits by list over a scan's time line, bucket by
/// bucket (see `FailureTimeline`).
public struct FailureTimelineReport: Sendable, Equatable {
    /// Seconds per bucket: 3600 unless the scan spanned more than `maximumBuckets` hours.
    public var bucketSeconds: Int
    /// Each bucket's start, contiguous from the first counted moment's bucket to the last's.
    public var bucketStarts: [LogInstant]
    /// One series per cause that failed at least once, largest total first.
    public var failures: [TimelineSeries]
    /// One series per block list with hits (`other` past the limit), largest total first.
    public var blocklistHits: [TimelineSeries]

    public init(
        bucketSeconds: Int, bucketStarts: [LogInstant], failures: [TimelineSeries],
        blocklistHits: [TimelineSeries]
    ) {
        self.bucketSeconds = bucketSeconds
        self.bucketStarts = bucketStarts
        self.failures = failures
        self.blocklistHits = blocklistHits
    }
}

/// A named row of counts, one per bucket of a `FailureTimelineReport`.
public struct TimelineSeries: Sendable, Equatable {
    /// A cause identifier, or a block list name.
    public var name: String
    public var counts: [Int]

    public init(name: String, counts: [Int]) {
        self.name = name
        self.counts = counts
    }

    public var total: Int { counts.reduce(0, +) }
}
