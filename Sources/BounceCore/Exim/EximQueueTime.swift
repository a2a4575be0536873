/// Exim's time on queue, `QT=` (log selector `+queue_time`): the delay from the message's
/// arrival to a delivery, as `RawEvent.delayMillis`.
enum EximQueueTime {
    /// The `QT=` of a delivery line (`=>`, `->`, `>>`), or -1.
    ///
    /// Exim writes it after every other field of a delivery but `DT=` (`... C="250 OK"
    /// QT=1m3s DT=2s`), so the line is read backwards, a few bytes per line, instead of
    /// walking the fields after `H=` (which the parser otherwise skips). The value must run to
    /// the end of its field: `QT=` inside a quoted confirmation (`C="... QT=5s"`) ends in a
    /// quote and reads as unknown.
    @inline(__always)
    static func atEnd(_ line: UnsafeBufferPointer<UInt8>) -> Int32 {
        let end = line.count
        // `QT=` and `DT=` values end in a digit and a unit: without `+queue_time` nearly every
        // delivery line (`C="..."`, `H=... [ip]`, `CV=yes`) is answered here, in line.
        guard end >= 5, isUnit(line[end &- 1]), ByteScan.isDigit(line[end &- 2]) else {
            return DelayText.unknown
        }
        return lastFields(line)
    }

    /// `atEnd` past its first test: the last field, or the one before a last `DT=`.
    private static func lastFields(_ line: UnsafeBufferPointer<UInt8>) -> Int32 {
        var end = line.count
        var start = fieldStart(line, before: end)
        if ByteScan.hasPrefix(line, at: start, "DT=") {
            guard start > 0 else { return DelayText.unknown }
            end = start &- 1
            start = fieldStart(line, before: end)
        }
        guard ByteScan.hasPrefix(line, at: start, "QT=") else { return DelayText.unknown }
        return DelayText.eximDuration(line, from: start &+ 3, to: end)
    }

    /// The `QT=` field of a failure's fields (before the reason), its value at `value`.
    @inline(__always)
    static func isKey(_ line: UnsafeBufferPointer<UInt8>, at index: Int, value: Int) -> Bool {
        value == index &+ 3 && line[index] == UInt8(ascii: "Q")
            && line[index &+ 1] == UInt8(ascii: "T")
    }

    /// `s`, `m`, `h`, `d` or `w`: the units of Exim's durations.
    @inline(__always)
    private static func isUnit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "s"), UInt8(ascii: "m"), UInt8(ascii: "h"), UInt8(ascii: "d"),
            UInt8(ascii: "w"):
            true
        default: false
        }
    }

    /// Where the space-separated field that ends at `end` starts.
    @inline(__always)
    private static func fieldStart(_ line: UnsafeBufferPointer<UInt8>, before end: Int) -> Int {
        var cursor = end
        while cursor > 0, line[cursor &- 1] != EximScan.space { cursor &-= 1 }
        return cursor
    }
}
