/// The tokens of alert checkpoint lines: numbers, identifiers, `-` for nothing, and text as
/// `=` followed by the UTF-8 bytes with everything but printable ASCII (and `%`) written as
/// `%XX`, so a hostile log line can never add a space, a line break or a token of its own.
enum AlertCheckpointToken {
    static func text(_ value: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "=")]
        out.reserveCapacity(value.utf8.count + 1)
        for byte in value.utf8 {
            if byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "%") {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigit(byte >> 4))
                out.append(hexDigit(byte & 0x0F))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func optionalText(_ value: String?) -> String {
        value.map(text) ?? "-"
    }

    static func optional<Value>(_ value: Value?, _ write: (Value) -> String) -> String {
        value.map(write) ?? "-"
    }

    /// The text of an `=` token; nil when the token is not one or is malformed.
    static func parseText(_ token: Substring) -> String? {
        let bytes = Array(token.utf8)
        guard bytes.first == UInt8(ascii: "=") else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                    let low = hexValue(bytes[index + 2])
                else { return nil }
                out.append(high << 4 | low)
                index += 3
            } else {
                guard byte > 0x20, byte < 0x7F else { return nil }
                out.append(byte)
                index += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    /// `-` as nil, otherwise the text; `.none` when malformed.
    static func parseOptionalText(_ token: Substring) -> String?? {
        if token == "-" { return .some(nil) }
        guard let value = parseText(token) else { return .none }
        return .some(value)
    }

    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
