import BounceCore

/// The sentence a report's header gives a limited period, shared by the text and HTML reports.
enum ScanPeriodText {
    /// `Period: 2026-12-05T00:00:00+01:00 up to 2026-12-06T00:00:00+01:00; 3 events outside it
    /// not counted`.
    static func sentence(_ period: ScanPeriod) -> String {
        let range: String
        switch (period.start, period.end) {
        case (let start?, let end?): range = "\(start.rfc3339) up to \(end.rfc3339)"
        case (let start?, nil): range = "from \(start.rfc3339)"
        case (nil, let end?): range = "before \(end.rfc3339)"
        case (nil, nil): range = "all time"
        }
        let events = period.eventsOutside == 1 ? "event" : "events"
        return "Period: \(range); \(period.eventsOutside) \(events) outside it not counted"
    }
}
