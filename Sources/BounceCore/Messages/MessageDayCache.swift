/// The date of the last stamp placed by `MessageClock`, with its days: a log's lines come day
/// after day, so nearly every stamp skips the calendar's arithmetic (which had cost a tenth of
/// following an Exim delivery).
struct MessageDayCache: Sendable {
    /// The year, month and day last counted; `UInt64.max` before the first.
    private var date = UInt64.max
    private var days: Int64 = 0

    init() {}

    /// `MessageClock.milliseconds(stamp)`, its days counted again only for a new date.
    @inline(__always)
    mutating func milliseconds(_ stamp: LogTimestamp) -> Int64 {
        let date =
            UInt64(UInt32(bitPattern: stamp.storedYear)) << 16 | UInt64(stamp.storedMonth) << 8
            | UInt64(stamp.storedDay)
        if date != self.date {
            self.date = date
            days = MessageClock.days(of: stamp)
        }
        return MessageClock.milliseconds(stamp, days: days)
    }
}
