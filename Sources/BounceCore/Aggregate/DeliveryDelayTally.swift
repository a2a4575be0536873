/// Delivery delays by final status (`DeliveryDelay.finalStatuses`), one `DelayHistogram` each:
/// what `scan` reports as "Delivery delay".
public struct DeliveryDelayTally: Sendable, Equatable {
    private var histograms: [DelayHistogram]

    /// Nothing counted.
    public init() {
        histograms = Array(repeating: DelayHistogram(), count: DeliveryDelay.finalStatuses.count)
    }

    /// Counts the delay of an outcome with `status`: only a known delay (not negative) at a
    /// final status counts.
    @inline(__always)
    public mutating func add(_ status: DeliveryStatus, millis: Int32) {
        guard millis >= 0, let slot = DeliveryDelay.finalSlot(status) else { return }
        histograms[slot].add(millis)
    }

    /// Adds everything `other` counted.
    public mutating func merge(_ other: DeliveryDelayTally) {
        for slot in histograms.indices { histograms[slot].merge(other.histograms[slot]) }
    }

    /// Forgets everything counted, keeping the memory.
    public mutating func reset() {
        for slot in histograms.indices { histograms[slot].reset() }
    }

    /// The histogram of a final status.
    public func histogram(_ status: DeliveryStatus) -> DelayHistogram? {
        DeliveryDelay.finalSlot(status).map { histograms[$0] }
    }

    /// Count, median and 95th percentile per final status, in report order.
    public func summaries() -> [DelaySummary] {
        zip(DeliveryDelay.finalStatuses, histograms).map { status, histogram in
            DelaySummary(
                status: status, count: histogram.count,
                medianMillis: histogram.quantile(permille: 500),
                p95Millis: histogram.quantile(permille: 950))
        }
    }
}
