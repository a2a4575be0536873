/// The English month and weekday abbreviations that syslog stamps, mail dates and mbox
/// separators use, whatever the machine's locale.
public enum CalendarNames {
    /// `Jan` ... `Dec`; index 0 is January.
    public static let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// `Sun` ... `Sat`; index 0 is Sunday.
    public static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// The abbreviation of `month` (1-12), nil outside that range.
    public static func month(_ month: Int) -> String? {
        (1...12).contains(month) ? months[month - 1] : nil
    }
}
