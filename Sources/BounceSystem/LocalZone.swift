import BounceCore

#if canImport(Glibc)
    import Glibc
#endif

/// The system's time zone as the UTC-offset function that `TimeResolver` needs, for `scan`,
/// `classify`, the daemon and the alert mail alike, so they never disagree about a stamp.
///
/// The offset comes from `localtime_r` (which reads `TZ` and `/etc/localtime`). Asking it for
/// every log line would be slow, and logs move forward in time, so an answer is kept from the
/// question up to the zone's next change, or the next full hour when there is none before it.
/// A change is found by asking again an hour later and, when the answers differ, narrowing
/// down to the second; so changes off the hour (Newfoundland's at :30 UTC) are exact too.
public final class LocalZone {
    private let offsetAt: (Int) -> Int
    private var validFrom = Int.max
    private var validUntil = Int.min
    private var cached = 0

    /// The process's zone (`TZ`, else `/etc/localtime`).
    public convenience init() {
        tzset()
        self.init(offsetAt: LocalZone.systemOffset(at:))
    }

    /// A zone whose offsets come from `offsetAt` (seconds east of UTC at a Unix time).
    public init(offsetAt: @escaping (Int) -> Int) {
        self.offsetAt = offsetAt
    }

    /// Seconds east of UTC at Unix time `unixSeconds`.
    public func offset(at unixSeconds: Int) -> Int {
        if unixSeconds >= validFrom && unixSeconds < validUntil { return cached }
        cached = offsetAt(unixSeconds)
        validFrom = unixSeconds
        let nextHour = unixSeconds - ((unixSeconds % 3600) + 3600) % 3600 + 3600
        if offsetAt(nextHour) == cached {
            validUntil = nextHour
        } else {
            // The change lies in (unixSeconds, nextHour]: find its first second.
            var low = unixSeconds
            var high = nextHour
            while high - low > 1 {
                let middle = low + (high - low) / 2
                if offsetAt(middle) == cached { low = middle } else { high = middle }
            }
            validUntil = high
        }
        return cached
    }

    /// A resolver for one input whose year-less stamps end near `reference`.
    public func resolver(reference: Int) -> TimeResolver {
        TimeResolver(reference: reference, utcOffset: { [self] in offset(at: $0) })
    }

    /// The process's zone's offset at `unixSeconds`, asked without a cache (for one-off
    /// questions such as a mail's `Date:`); 0 when the C library cannot say.
    public static func systemOffset(at unixSeconds: Int) -> Int {
        var time = time_t(unixSeconds)
        var parts = tm()
        guard localtime_r(&time, &parts) != nil else { return 0 }
        return Int(parts.tm_gmtoff)
    }
}
