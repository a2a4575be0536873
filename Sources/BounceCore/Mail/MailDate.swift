/// Dates as an alert mail writes them, at a fixed UTC offset (the machine's zone at sending).
enum MailDate {
    /// RFC 5322 `date-time`: `Fri, 27 Nov 2026 09:14:03 +0100`.
    static func rfc5322(_ epoch: Int64, utcOffsetSeconds offset: Int) -> String {
        let parts = civil(epoch, offset: offset)
        let weekday = CalendarNames.weekdays[((parts.days % 7) + 11) % 7]
        return "\(weekday), \(parts.day) \(CalendarNames.months[parts.month - 1]) \(parts.year) "
            + "\(parts.clock) \(zone(offset))"
    }

    /// For the body: `2026-11-27 09:14:03 +0100`.
    static func readable(_ epoch: Int64, utcOffsetSeconds offset: Int) -> String {
        let parts = civil(epoch, offset: offset)
        return "\(pad(parts.year, 4))-\(pad(parts.month))-\(pad(parts.day)) \(parts.clock) "
            + zone(offset)
    }

    /// `+0100`, `-0330`; offsets beyond ±23:59 are clamped (a header must stay valid).
    static func zone(_ offset: Int) -> String {
        let clamped = min(max(offset, -86_340), 86_340)
        let minutes = abs(clamped) / 60
        return (clamped < 0 ? "-" : "+") + pad(minutes / 60) + pad(minutes % 60)
    }

    private static func civil(
        _ epoch: Int64, offset: Int
    ) -> (days: Int, year: Int, month: Int, day: Int, clock: String) {
        // Keep far-off stamps inside years 1-9999 so the date stays a valid header.
        let lowest: Int64 = -62_135_596_800
        let highest: Int64 = 253_402_300_799
        let clampedOffset = Int64(min(max(offset, -86_340), 86_340))
        let local = min(max(epoch, lowest + 86_400), highest - 86_400) + clampedOffset
        let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        let seconds = Int(local - Int64(days) * 86_400)
        let date = CivilDate.date(days: days)
        let clock = "\(pad(seconds / 3600)):\(pad(seconds / 60 % 60)):\(pad(seconds % 60))"
        return (days, date.year, date.month, date.day, clock)
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
