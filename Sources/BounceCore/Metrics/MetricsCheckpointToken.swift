/// The fields of a metrics checkpoint line: space-separated tokens that never contain a space,
/// a newline or a byte outside printable ASCII, whatever the text they carry.
///
/// - Text: `s:` followed by the UTF-8 bytes, with `%`, space, control characters and every
///   byte above 0x7E written as `%XX` (upper-case hex). `s:` alone is the empty string.
/// - Absent text or number: `-`.
/// - Numbers: decimal digits, with a leading `-` only where a negative value is allowed.
enum MetricsCheckpointToken {
    static let absent = "-"

    static func text(_ value: String) -> String {
        // Most names need no escape: one append instead of one per byte (this runs for every
        // domain and candidate at every textfile write, to compare with the last checkpoint).
        if value.utf8.allSatisfy(isPlain) { return "s:" + value }
        var bytes: [UInt8] = Array("s:".utf8)
        bytes.reserveCapacity(value.utf8.count * 3 + 2)
        for byte in value.utf8 {
            if isPlain(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(UInt8(hexDigit(byte >> 4).value))
                bytes.append(UInt8(hexDigit(byte & 0xF).value))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A byte written as itself: printable ASCII other than space and `%`.
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "%")
    }

    static func text(_ value: String?) -> String { value.map { text($0) } ?? absent }

    /// The text of a `s:` token, or nil when the token is not one or is malformed.
    static func decodeText(_ token: Substring) -> String? {
        guard token.hasPrefix("s:") else { return nil }
        var bytes: [UInt8] = []
        var iterator = token.utf8.dropFirst(2).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue),
                    let low = iterator.next().flatMap(hexValue)
                else { return nil }
                bytes.append(high << 4 | low)
            } else {
                guard byte > 0x20, byte < 0x7F else { return nil }
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// A count: digits only, no sign, fits an `Int`.
    static func decodeCount(_ token: Substring) -> Int? {
        guard !token.isEmpty, token.utf8.count <= 19,
            token.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return Int(token)
    }

    /// A time in epoch seconds, possibly negative.
    static func decodeTime(_ token: Substring) -> Int64? {
        if token.hasPrefix("-") {
            return decodeCount(token.dropFirst()).map { -Int64($0) }
        }
        return decodeCount(token).map(Int64.init)
    }

    private static func hexDigit(_ value: UInt8) -> Unicode.Scalar {
        Unicode.Scalar(value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
