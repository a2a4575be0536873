/// Log stamps as milliseconds on one line, for a message's age and a delivery's delay.
///
/// Only differences matter here, so no zone is looked up: a stamp with a UTC offset is moved
/// to UTC, one without is taken as it is (both stamps of one message come from one log). A
/// year-less syslog stamp is placed in the leap year 2000, so that 29 February exists; a
/// message that crosses New Year then looks a year older than it is, which `delay` mends.
public enum MessageClock {
    /// No stamp.
    public static let unknown = Int64.min
    /// Half a year: a difference beyond it between two year-less stamps crossed New Year.
    static let halfYear: Int64 = 183 * 86_400_000
    static let leapYear: Int64 = 366 * 86_400_000

    /// The stamp in milliseconds since 1970 (by the civil calendar).
    @inline(__always)
    public static func milliseconds(_ stamp: LogTimestamp) -> Int64 {
        milliseconds(stamp, days: days(of: stamp))
    }

    /// The days from 1970 to the stamp's date (a year-less stamp's in 2000).
    @inline(__always)
    static func days(of stamp: LogTimestamp) -> Int64 {
        let year = stamp.storedYear == LogTimestamp.absent ? 2000 : Int64(stamp.storedYear)
        return daysFromCivil(year, Int64(stamp.storedMonth), Int64(stamp.storedDay))
    }

    /// The stamp in milliseconds since 1970, its date's `days(of:)` already counted.
    @inline(__always)
    static func milliseconds(_ stamp: LogTimestamp, days: Int64) -> Int64 {
        var seconds =
            days &* 86_400 &+ Int64(stamp.storedHour) &* 3600 &+ Int64(stamp.storedMinute) &* 60
            &+ Int64(stamp.storedSecond)
        if stamp.storedOffset != LogTimestamp.absent { seconds &-= Int64(stamp.storedOffset) }
        return seconds &* 1000 &+ Int64(stamp.storedNanosecond / 1_000_000)
    }

    /// The delay from `arrival` to `now` in milliseconds, nil when either is unknown or the
    /// delivery comes before the arrival (a log out of order).
    @inline(__always)
    public static func delay(from arrival: Int64, to now: Int64, yearless: Bool) -> Int64? {
        guard arrival != unknown, now != unknown else { return nil }
        var delay = now &- arrival
        if yearless, delay < -halfYear { delay &+= leapYear }
        return delay >= 0 ? delay : nil
    }

    /// Days from 1970-01-01 to the given civil date (proleptic Gregorian), for any month and
    /// day a parser accepted: no trap on odd values.
    @inline(__always)
    static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let shifted = month <= 2 ? year &- 1 : year
        let era = (shifted >= 0 ? shifted : shifted &- 399) / 400
        let yearOfEra = shifted &- era &* 400
        let monthIndex = month > 2 ? month &- 3 : month &+ 9
        let dayOfYear = (153 &* monthIndex &+ 2) / 5 &+ day &- 1
        let dayOfEra = yearOfEra &* 365 &+ yearOfEra / 4 &- yearOfEra / 100 &+ dayOfYear
        return era &* 146_097 &+ dayOfEra &- 719_468
    }
}
