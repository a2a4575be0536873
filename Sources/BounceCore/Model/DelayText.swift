/// Reads the delays that MTAs write on delivery lines into milliseconds (`RawEvent.delayMillis`).
///
/// Both readers take log bytes, which strangers can shape: they never trap, a value too large
/// for `Int32` milliseconds (about 24.8 days) saturates at `Int32.max`, and anything that is
/// not exactly the expected form gives -1 (unknown).
enum DelayText {
    /// The unknown delay.
    static let unknown: Int32 = -1

    /// Postfix `delay=` (from the message's arrival to this outcome): `SECONDS[.FRACTION]` at
    /// `index`, ending at a comma, a space or the end of the line. Digits past the third of
    /// the fraction are read and dropped.
    ///
    /// Every Postfix delivery line has one, so the digits are read without a check per digit:
    /// ten digits of seconds fit in milliseconds many times over, and more saturate. (Reading
    /// the value a word at a time was tried: for values this short it cost as much.)
    static func postfixSeconds(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> Int32 {
        let limit = line.count
        var cursor = index
        var seconds = 0
        while cursor < limit {
            let digit = line[cursor] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            seconds = seconds &* 10 &+ Int(digit)
            cursor &+= 1
        }
        let digits = cursor &- index
        guard digits > 0 else { return unknown }
        var millis = 0
        if cursor < limit, line[cursor] == UInt8(ascii: ".") {
            cursor &+= 1
            let fractionStart = cursor
            var scale = 100
            while cursor < limit {
                let digit = line[cursor] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                millis &+= Int(digit) &* scale
                // 100, 10, 1, then 0 for every further digit.
                scale /= 10
                cursor &+= 1
            }
            guard cursor > fractionStart else { return unknown }
        }
        guard
            cursor == limit || line[cursor] == UInt8(ascii: ",")
                || line[cursor] == UInt8(ascii: " ")
        else { return unknown }
        guard digits <= 10 else { return Int32.max }
        return saturated(Int64(seconds) * 1000 + Int64(millis))
    }

    /// Exim's time on queue (`QT=`, log selector `+queue_time`) in `line[start..<end]`: counts
    /// with a unit each, largest first, as Exim prints them (`1w2d`, `3h4m5s`, `0s`), or, under
    /// five seconds with `+millisec`, seconds with a fraction (`1.234s`).
    static func eximDuration(_ line: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
        -> Int32
    {
        guard start >= 0, start < end, end <= line.count else { return unknown }
        var cursor = start
        var total: Int64 = 0
        while cursor < end {
            let digitsStart = cursor
            var number: Int64 = 0
            while cursor < end, ByteScan.isDigit(line[cursor]) {
                number = capped(number * 10 + Int64(line[cursor] &- UInt8(ascii: "0")))
                cursor &+= 1
            }
            guard cursor > digitsStart, cursor < end else { return unknown }
            var fraction: Int64 = 0
            if line[cursor] == UInt8(ascii: ".") {
                cursor &+= 1
                let fractionStart = cursor
                var scale: Int64 = 100
                while cursor < end, ByteScan.isDigit(line[cursor]) {
                    fraction += Int64(line[cursor] &- UInt8(ascii: "0")) * scale
                    scale /= 10
                    cursor &+= 1
                }
                // Only seconds carry a fraction.
                guard cursor > fractionStart, cursor < end, line[cursor] == UInt8(ascii: "s")
                else { return unknown }
            }
            let unitMillis: Int64
            switch line[cursor] {
            case UInt8(ascii: "w"): unitMillis = 604_800_000
            case UInt8(ascii: "d"): unitMillis = 86_400_000
            case UInt8(ascii: "h"): unitMillis = 3_600_000
            case UInt8(ascii: "m"): unitMillis = 60_000
            case UInt8(ascii: "s"): unitMillis = 1000
            default: return unknown
            }
            cursor &+= 1
            // `number` is capped far below the point where this product could overflow.
            total = capped(total + number * unitMillis + fraction)
        }
        return saturated(total)
    }

    /// Past `Int32.max` every value reads the same: keeping sums below this bound lets the
    /// arithmetic above never overflow, whatever the digits.
    private static let ceiling = Int64(Int32.max) + 1

    @inline(__always)
    private static func capped(_ value: Int64) -> Int64 {
        value > ceiling ? ceiling : value
    }

    @inline(__always)
    private static func saturated(_ value: Int64) -> Int32 {
        value >= Int64(Int32.max) ? Int32.max : Int32(truncatingIfNeeded: value)
    }
}
