import BounceCore

/// Places the events of one input on the time line, for the period filter and the HTML
/// report's charts over time.
///
/// Each event's stamp is resolved with the input's own resolver (year-less stamps take their
/// year from the input's modification time, as the report's first and last events do). With a
/// period, an event outside it, or without a stamp to judge it by, is refused and tallied.
struct EventClock {
    /// What became of an event.
    enum Placement {
        /// Outside the period: the event is counted nowhere.
        case outside
        /// Counted; its moment in Unix seconds, nil when it has no stamp.
        case inside(Int?)
    }

    let period: ReportPeriod?
    private var resolver: TimeResolver
    /// Events refused so far.
    private(set) var outside = 0

    init(period: ReportPeriod?, resolver: TimeResolver) {
        self.period = period
        self.resolver = resolver
    }

    /// Whether a repeated local hour was read with nothing before it to order it by.
    var orderedWithoutHistory: Bool { resolver.orderedWithoutHistory }

    @inline(__always)
    mutating func place(_ stamp: LogTimestamp?) -> Placement {
        let moment = stamp.map { resolver.resolve($0).unixSeconds }
        if let period {
            guard let moment, period.contains(moment) else {
                outside += 1
                return .outside
            }
        }
        return .inside(moment)
    }
}
