/// Delivery delays by final status (`DeliveryDelay.finalStatuses`), one `DelayHistogram` each:
/// what `scan` reports as "Delivery delay".
public struct DeliveryDelayTally: Sendable, Equatable {
    // One stored histogram per status rather than an array of them: each delivery then pays
    // one switch, not an array's uniqueness and bounds checks on top of the histogram's.
    private var sent = DelayHistogram()
    private var bounced = DelayHistogram()
    private var expired = DelayHistogram()

    /// Nothing counted.
    public init() {}

    /// Counts the delay of an outcome with `status`: only a known delay (not negative) at a
    /// final status counts.
    @inline(__always)
    public mutating func add(_ status: DeliveryStatus, millis: Int32) {
        switch status {
        case .sent: sent.add(millis)
        case .bounced: bounced.add(millis)
        case .expired: expired.add(millis)
        case .deferred, .rejected: break
        }
    }

    /// Adds everything `other` counted.
    public mutating func merge(_ other: DeliveryDelayTally) {
        sent.merge(other.sent)
        bounced.merge(other.bounced)
        expired.merge(other.expired)
    }

    /// Forgets everything counted, keeping the memory.
    public mutating func reset() {
        sent.reset()
        bounced.reset()
        expired.reset()
    }

    /// The histogram of a final status; nil for any other.
    public func histogram(_ status: DeliveryStatus) -> DelayHistogram? {
        switch status {
        case .sent: sent
        case .bounced: bounced
        case .expired: expired
        case .deferred, .rejected: nil
        }
    }

    /// Count, median and 95th percentile per final status, in report order.
    public func summaries() -> [DelaySummary] {
        DeliveryDelay.finalStatuses.map { status in
            let histogram = self.histogram(status) ?? DelayHistogram()
            return DelaySummary(
                status: status, count: histogram.count,
                medianMillis: histogram.quantile(permille: 500),
                p95Millis: histogram.quantile(permille: 950))
        }
    }
}
