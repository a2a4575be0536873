/// Durations as the configuration writes them: `30s`, `15m`, `4h`, `1d`, `1h30m`, or a plain
/// number of seconds.
enum DurationText {
    /// The units, largest first; a duration names each at most once, in this order.
    static let units: [(suffix: UInt8, seconds: Int)] = [
        (UInt8(ascii: "d"), 86_400), (UInt8(ascii: "h"), 3_600), (UInt8(ascii: "m"), 60),
        (UInt8(ascii: "s"), 1),
    ]

    /// The hint every duration error ends with.
    static let hint = "use 30s, 15m, 4h or 1d"

    /// Seconds, or nil when `text` is no duration (or one beyond ten years).
    static func seconds(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 40 else { return nil }
        var total = 0
        var index = 0
        var nextUnit = 0
        while index < bytes.count {
            var number = 0
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                number = number * 10 + Int(bytes[index] - 0x30)
                index += 1
                if number > 999_999_999 { return nil }
            }
            guard index > start else { return nil }
            if index == bytes.count {
                // A bare number is seconds, but only on its own: `1h30` is a typo.
                guard start == 0 else { return nil }
                total = number
                break
            }
            guard
                let unit = units[nextUnit...].firstIndex(where: { $0.suffix == bytes[index] })
            else { return nil }
            total += number * units[unit].seconds
            nextUnit = unit + 1
            index += 1
        }
        return total <= 10 * 365 * 86_400 ? total : nil
    }

    /// The shortest text for `seconds`: `1h30m`, `4h`, `0s`.
    static func text(_ seconds: Int) -> String {
        guard seconds > 0 else { return "0s" }
        var rest = seconds
        var out = ""
        for unit in units where rest >= unit.seconds {
            out += "\(rest / unit.seconds)" + String(UnicodeScalar(unit.suffix))
            rest %= unit.seconds
        }
        return out
    }
}
