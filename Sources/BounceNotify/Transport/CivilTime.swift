/// A UTC calendar date and time of day from epoch seconds, for the few date forms the notifiers
/// write themselves (mbox separators, Alertmanager's RFC 3339 stamps).
struct CivilTime: Equatable {
    var year: Int64
    var month: Int64
    var day: Int64
    var hour: Int64
    var minute: Int64
    var second: Int64
    /// 0 is Sunday.
    var weekday: Int64

    init(epochSeconds seconds: Int64) {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secondOfDay = seconds - days * 86400
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
        weekday = ((days + 4) % 7 + 7) % 7
        // Howard Hinnant's civil_from_days.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// `Fri Nov 27 04:49:22 2026`, the form of an mbox `From ` line.
    var asctime: String {
        let dayText = day < 10 ? " \(day)" : "\(day)"
        return "\(Self.weekdays[Int(weekday)]) \(Self.months[Int(month) - 1]) \(dayText) "
            + "\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second)) \(year)"
    }

    /// `2026-11-27T04:49:22Z`.
    var rfc3339: String {
        let yearText = String(year)
        let paddedYear = String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText
        return "\(paddedYear)-\(Self.two(month))-\(Self.two(day))T\(Self.two(hour)):"
            + "\(Self.two(minute)):\(Self.two(second))Z"
    }

    private static func two(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
