/// The periods `bouncewatch digest --period` accepts, as `[start, end)` in Unix seconds:
/// `today`, `yesterday`, `last-week` (Monday 00:00 to Monday 00:00 before this week) and
/// `FROM..TO` with local dates or times (`2026-11-26..2026-11-27`,
/// `2026-11-26T06:00..2026-11-26T18:00`); `TO` is not included.
public enum DigestPeriodText {
    /// The period, or nil with no such period (or one that ends before it starts).
    public static func parse(
        _ text: String, now: Int64, utcOffset: DigestCalendar.UTCOffset
    ) -> (start: Int64, end: Int64)? {
        switch text {
        case "today":
            let start = DigestCalendar.midnight(of: now, utcOffset: utcOffset)
            return (start, DigestCalendar.midnight(of: now, addingDays: 1, utcOffset: utcOffset))
        case "yesterday":
            let end = DigestCalendar.midnight(of: now, utcOffset: utcOffset)
            return (DigestCalendar.midnight(of: now, addingDays: -1, utcOffset: utcOffset), end)
        case "last-week":
            let weekday = DigestCalendar.date(at: now, utcOffset: utcOffset).weekday
            let sinceMonday = (weekday + 6) % 7
            let end = DigestCalendar.midnight(
                of: now, addingDays: -sinceMonday, utcOffset: utcOffset)
            let start = DigestCalendar.midnight(
                of: now, addingDays: -sinceMonday - 7, utcOffset: utcOffset)
            return (start, end)
        default:
            let ends = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
            guard ends.count == 3, ends[1].isEmpty,
                let start = localTime(String(ends[0]), utcOffset: utcOffset),
                let end = localTime(String(ends[2]), utcOffset: utcOffset), end > start
            else { return nil }
            return (start, end)
        }
    }

    /// `YYYY-MM-DD`, optionally followed by `THH:MM` or `THH:MM:SS` (or a space instead of `T`).
    static func localTime(_ text: String, utcOffset: DigestCalendar.UTCOffset) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 || bytes.count == 16 || bytes.count == 19 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for byte in bytes[from..<(from + count)] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            CivilDate.isValid(year: year, month: month, day: day)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        if bytes.count >= 16 {
            guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
                bytes[13] == UInt8(ascii: ":"), let h = number(11, 2), let m = number(14, 2),
                h < 24, m < 60
            else { return nil }
            hour = h
            minute = m
        }
        if bytes.count == 19 {
            guard bytes[16] == UInt8(ascii: ":"), let s = number(17, 2), s < 60 else { return nil }
            second = s
        }
        return DigestCalendar.instant(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            utcOffset: utcOffset)
    }
}
