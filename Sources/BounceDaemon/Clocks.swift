#if canImport(Glibc)
    import Glibc
#endif

/// Readings of the monotonic and the wall clock, the only clocks the daemon uses.
enum Clocks {
    /// Milliseconds on CLOCK_MONOTONIC, for deadlines: never jumps with the wall clock.
    static func monotonicMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }

    /// Microseconds on CLOCK_MONOTONIC, as systemd wants them.
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
    }

    /// Unix seconds on the wall clock.
    static func wallSeconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec)
    }
}
