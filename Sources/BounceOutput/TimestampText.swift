import BounceCore

/// Writes a log stamp as the log stated it, for reports.
enum TimestampText {
    /// `2026-11-26T10:00:01.123+01:00` when the stamp has a year (the offset only when it has
    /// one: otherwise local time), `Nov 26 10:00:01` for a BSD syslog stamp.
    static func format(_ stamp: LogTimestamp) -> String {
        let time = "\(pad(stamp.hour)):\(pad(stamp.minute)):\(pad(stamp.second))"
        guard let year = stamp.year else {
            let month = CalendarNames.month(stamp.month) ?? "???"
            let day = stamp.day < 10 ? " \(stamp.day)" : "\(stamp.day)"
            return "\(month) \(day) \(time)"
        }
        var text = "\(pad(year, 4))-\(pad(stamp.month))-\(pad(stamp.day))T\(time)"
        if stamp.nanosecond > 0 {
            var fraction = pad(stamp.nanosecond, 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += ".\(fraction)"
        }
        if let offset = stamp.utcOffsetSeconds {
            if offset == 0 {
                text += "Z"
            } else {
                let minutes = abs(offset) / 60
                text += "\(offset < 0 ? "-" : "+")\(pad(minutes / 60)):\(pad(minutes % 60))"
            }
        }
        return text
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
