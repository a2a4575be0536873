/// Local calendar arithmetic for digests: midnights, weekdays and wall-clock times turned into
/// Unix seconds with the zone's offset function (the caller's `LocalZone`), so that nothing
/// here reads a clock or a zone database.
public enum DigestCalendar {
    /// Seconds east of UTC at a Unix time.
    public typealias UTCOffset = (_ unixSeconds: Int) -> Int

    /// The Unix time of a local wall-clock time. Out-of-range fields roll over (day 32 is the
    /// next month's first). In a repeated hour the earlier reading wins; a time skipped by a
    /// zone change lands after it.
    public static func instant(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        utcOffset: UTCOffset
    ) -> Int64 {
        let wall =
            CivilDate.days(year: year, month: month, day: day) * 86_400 + hour * 3600
            + minute * 60 + second
        // The offset before the wall time, then the offset at the first guess: right on both
        // sides of a change.
        let guess = wall - utcOffset(wall - 86_400)
        let offset = utcOffset(guess)
        return Int64(wall - offset)
    }

    /// The local date and weekday (0 = Sunday) at a Unix time.
    public static func date(
        at instant: Int64, utcOffset: UTCOffset
    ) -> (year: Int, month: Int, day: Int, weekday: Int) {
        let wall = Int(instant) + utcOffset(Int(instant))
        let days = wall >= 0 ? wall / 86_400 : (wall - 86_399) / 86_400
        let date = CivilDate.date(days: days)
        return (date.year, date.month, date.day, ((days % 7) + 11) % 7)
    }

    /// The local midnight that starts the day `instant` is in, moved by `days` days.
    public static func midnight(
        of instant: Int64, addingDays days: Int = 0, utcOffset: UTCOffset
    ) -> Int64 {
        let date = date(at: instant, utcOffset: utcOffset)
        return self.instant(
            year: date.year, month: date.month, day: date.day + days, utcOffset: utcOffset)
    }
}
