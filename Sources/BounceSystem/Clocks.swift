#if canImport(Glibc)
    import Glibc
#endif

/// Readings of the monotonic and the wall clock, the only clocks bouncewatch uses.
public enum Clocks {
    /// Milliseconds on CLOCK_MONOTONIC, for deadlines: never jumps with the wall clock.
    public static func monotonicMilliseconds() -> Int64 {
        let now = read(CLOCK_MONOTONIC)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// Microseconds on CLOCK_MONOTONIC, as systemd wants them.
    public static func monotonicMicroseconds() -> UInt64 {
        let now = read(CLOCK_MONOTONIC)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
    }

    /// Seconds on CLOCK_MONOTONIC, for timeouts and retry delays.
    public static func monotonicSeconds() -> Double {
        let now = read(CLOCK_MONOTONIC)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// Unix seconds on the wall clock.
    public static func wallSeconds() -> Int64 {
        Int64(read(CLOCK_REALTIME).tv_sec)
    }

    /// Unix microseconds on the wall clock.
    public static func wallMicroseconds() -> Int64 {
        let now = read(CLOCK_REALTIME)
        return Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
    }

    /// Wall-clock Unix seconds as a function value, the default clock of the notifiers.
    @Sendable public static func now() -> Int64 { wallSeconds() }

    private static func read(_ clock: clockid_t) -> timespec {
        var now = timespec()
        clock_gettime(clock, &now)
        return now
    }
}
