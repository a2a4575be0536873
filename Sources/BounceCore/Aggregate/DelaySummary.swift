/// The delivery delays of one final status in a scan: how many, the median and the 95th
/// percentile (`DelayHistogram`'s resolution).
public struct DelaySummary: Sendable, Equatable {
    public var status: DeliveryStatus
    /// Outcomes with a known delay.
    public var count: Int
    /// Nil when `count` is zero.
    public var medianMillis: Int32?
    /// Nil when `count` is zero.
    public var p95Millis: Int32?

    public init(
        status: DeliveryStatus, count: Int = 0, medianMillis: Int32? = nil, p95Millis: Int32? = nil
    ) {
        self.status = status
        self.count = count
        self.medianMillis = medianMillis
        self.p95Millis = p95Millis
    }
}
