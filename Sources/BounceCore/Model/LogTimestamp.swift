/// A timestamp as written in the log, before it is placed on the time line.
///
/// BSD syslog stamps (`Nov 26 10:00:01`) carry neither year nor zone; RFC 3339 and Exim stamps
/// carry a year, and a UTC offset when the log has one. `TimeResolver` turns this into an instant.
public struct LogTimestamp: Hashable, Sendable {
    /// Nil for BSD syslog stamps.
    public var year: Int?
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Fraction of the second in nanoseconds.
    public var nanosecond: Int
    /// Offset from UTC in seconds when the stamp states one; nil means local time.
    public var utcOffsetSeconds: Int?

    public init(
        year: Int?, month: Int, day: Int, hour: Int, minute: Int, second: Int,
        nanosecond: Int = 0, utcOffsetSeconds: Int? = nil
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
        self.utcOffsetSeconds = utcOffsetSeconds
    }
}
