import BounceCore
import Foundation

/// The system's time zone as the UTC-offset function that `TimeResolver` needs.
///
/// Asking Foundation for every log line would be slow, and logs move forward in time, so the
/// offset is kept for the interval from the last question up to the zone's next change.
public final class LocalZone {
    private let zone: TimeZone
    private var validFrom = Int.max
    private var validUntil = Int.min
    private var cached = 0

    /// `zone` defaults to the process's zone (`TZ`, else `/etc/localtime`).
    public init(_ zone: TimeZone = .current) {
        self.zone = zone
    }

    /// Seconds east of UTC at Unix time `unixSeconds`.
    public func offset(at unixSeconds: Int) -> Int {
        if unixSeconds >= validFrom && unixSeconds < validUntil { return cached }
        let date = Date(timeIntervalSince1970: TimeInterval(unixSeconds))
        cached = zone.secondsFromGMT(for: date)
        validFrom = unixSeconds
        // Also stop at the next hour: should the zone data not report a change, an hour is
        // the longest a wrong answer could last.
        let nextHour = unixSeconds - ((unixSeconds % 3600) + 3600) % 3600 + 3600
        if let change = zone.nextDaylightSavingTimeTransition(after: date) {
            validUntil = min(nextHour, Int(change.timeIntervalSince1970.rounded(.down)))
        } else {
            validUntil = nextHour
        }
        return cached
    }

    /// A resolver for one input whose year-less stamps end near `reference`.
    public func resolver(reference: Int) -> TimeResolver {
        TimeResolver(reference: reference, utcOffset: { [self] in offset(at: $0) })
    }
}
