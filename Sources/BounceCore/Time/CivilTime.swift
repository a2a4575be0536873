/// A UTC calendar date and time of day from epoch seconds, for the date forms the notifiers
/// write themselves (mbox separators, Alertmanager's RFC 3339 stamps).
public struct CivilTime: Equatable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// 0 is Sunday.
    public var weekday: Int

    public init(epochSeconds seconds: Int64) {
        let days = Int(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400)
        let secondOfDay = Int(seconds - Int64(days) * 86400)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
        weekday = ((days + 4) % 7 + 7) % 7
        (year, month, day) = CivilDate.date(days: days)
    }

    /// `Fri Nov 27 04:49:22 2026`, the form of an mbox `From ` line.
    public var asctime: String {
        let dayText = day < 10 ? " \(day)" : "\(day)"
        return "\(CalendarNames.weekdays[weekday]) \(CalendarNames.months[month - 1]) \(dayText) "
            + "\(Self.pad(hour)):\(Self.pad(minute)):\(Self.pad(second)) \(year)"
    }

    /// `2026-11-27T04:49:22Z`.
    public var rfc3339: String {
        "\(Self.pad(year, 4))-\(Self.pad(month))-\(Self.pad(day))T\(Self.pad(hour)):"
            + "\(Self.pad(minute)):\(Self.pad(second))Z"
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
