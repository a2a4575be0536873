#if canImport(Glibc)
    import Glibc
#endif

/// The system's UTC offset for `TimeResolver`, from `localtime_r` (which reads `TZ` and
/// `/etc/localtime`).
///
/// Logs move forward, so the answer is kept until the next full hour after the question: zone
/// changes happen on hour boundaries, and asking the C library per line would be slow.
final class SystemZone {
    private var validFrom = Int.max
    private var validUntil = Int.min
    private var cached = 0

    init() {
        tzset()
    }

    /// Seconds east of UTC at Unix time `unixSeconds`.
    func offset(at unixSeconds: Int) -> Int {
        if unixSeconds >= validFrom && unixSeconds < validUntil { return cached }
        var time = time_t(unixSeconds)
        var parts = tm()
        guard localtime_r(&time, &parts) != nil else { return 0 }
        cached = Int(parts.tm_gmtoff)
        validFrom = unixSeconds - ((unixSeconds % 3600) + 3600) % 3600
        validUntil = validFrom + 3600
        return cached
    }
}
