/// A timestamp as written in the log, before it is placed on the time line.
///
/// BSD syslog stamps (`Nov 26 10:00:01`) carry neither year nor zone; RFC 3339 and Exim stamps
/// carry a year, and a UTC offset when the log has one. `TimeResolver` turns this into an instant.
public struct LogTimestamp: Hashable, Sendable {
    // Compact storage: every parsed event carries one, and events are copied per line.
    @usableFromInline var storedYear: Int32
    @usableFromInline var storedOffset: Int32
    @usableFromInline var storedNanosecond: Int32
    @usableFromInline var storedMonth: UInt8
    @usableFromInline var storedDay: UInt8
    @usableFromInline var storedHour: UInt8
    @usableFromInline var storedMinute: UInt8
    @usableFromInline var storedSecond: UInt8

    @usableFromInline static let absent = Int32.min

    /// Nil for BSD syslog stamps.
    @inlinable public var year: Int? {
        get { storedYear == Self.absent ? nil : Int(storedYear) }
        set { storedYear = newValue.map { Int32(clamping: $0) } ?? Self.absent }
    }
    @inlinable public var month: Int {
        get { Int(storedMonth) }
        set { storedMonth = UInt8(clamping: newValue) }
    }
    @inlinable public var day: Int {
        get { Int(storedDay) }
        set { storedDay = UInt8(clamping: newValue) }
    }
    @inlinable public var hour: Int {
        get { Int(storedHour) }
        set { storedHour = UInt8(clamping: newValue) }
    }
    @inlinable public var minute: Int {
        get { Int(storedMinute) }
        set { storedMinute = UInt8(clamping: newValue) }
    }
    @inlinable public var second: Int {
        get { Int(storedSecond) }
        set { storedSecond = UInt8(clamping: newValue) }
    }
    /// Fraction of the second in nanoseconds.
    @inlinable public var nanosecond: Int {
        get { Int(storedNanosecond) }
        set { storedNanosecond = Int32(clamping: newValue) }
    }
    /// Offset from UTC in seconds when the stamp states one; nil means local time.
    @inlinable public var utcOffsetSeconds: Int? {
        get { storedOffset == Self.absent ? nil : Int(storedOffset) }
        set { storedOffset = newValue.map { Int32(clamping: $0) } ?? Self.absent }
    }

    public init(
        year: Int?, month: Int, day: Int, hour: Int, minute: Int, second: Int,
        nanosecond: Int = 0, utcOffsetSeconds: Int? = nil
    ) {
        storedYear = year.map { Int32(clamping: $0) } ?? Self.absent
        storedOffset = utcOffsetSeconds.map { Int32(clamping: $0) } ?? Self.absent
        storedNanosecond = Int32(clamping: nanosecond)
        storedMonth = UInt8(clamping: month)
        storedDay = UInt8(clamping: day)
        storedHour = UInt8(clamping: hour)
        storedMinute = UInt8(clamping: minute)
        storedSecond = UInt8(clamping: second)
    }
}
