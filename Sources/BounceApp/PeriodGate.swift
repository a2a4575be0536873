import BounceCore

/// Decides, per event of one input, whether it lies in the report's period.
///
/// Each event's stamp is placed on the time line with the input's own resolver (year-less
/// stamps take their year from the input's modification time, as the report's first and last
/// events do). An event without a stamp cannot be placed and is left out with those outside.
struct PeriodGate {
    let period: ReportPeriod
    private var resolver: TimeResolver
    /// Events refused so far.
    private(set) var outside = 0

    init(period: ReportPeriod, resolver: TimeResolver) {
        self.period = period
        self.resolver = resolver
    }

    /// True when the event stamped `stamp` is counted; a refusal is tallied in `outside`.
    @inline(__always)
    mutating func admits(_ stamp: LogTimestamp?) -> Bool {
        if let stamp, period.contains(resolver.resolve(stamp).unixSeconds) { return true }
        outside += 1
        return false
    }
}
