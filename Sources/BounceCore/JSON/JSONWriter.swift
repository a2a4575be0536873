/// A small streaming JSON writer: objects, arrays, strings, integers, booleans and null.
///
/// Log text is attacker-controlled, so every string is escaped here, including control bytes (C0
/// and C1), the line separators U+2028/U+2029 that break some JavaScript consumers, and the
/// invisible format characters (bidi overrides and isolates, zero-width) that would reorder or
/// hide text when the JSON is read on a terminal.
public struct JSONWriter: Sendable {
    /// The JSON text written so far, as UTF-8.
    public private(set) var bytes: [UInt8] = []
    /// Whether the next value in the current container needs a comma before it.
    private var needsComma = false

    public init() {}

    /// The JSON text written so far.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes an object key; the next call writes its value.
    public mutating func key(_ name: String) {
        separate()
        appendQuoted(name.utf8)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func value(_ text: String?) {
        guard let text else { return null() }
        separate()
        appendQuoted(text.utf8)
        needsComma = true
    }

    /// Writes raw bytes as a JSON string, repairing invalid UTF-8.
    public mutating func value(bytes raw: UnsafeBufferPointer<UInt8>) {
        value(String(decoding: raw, as: UTF8.self))
    }

    public mutating func value(_ number: Int?) {
        guard let number else { return null() }
        separate()
        bytes.append(contentsOf: String(number).utf8)
        needsComma = true
    }

    public mutating func value(_ number: Double) {
        separate()
        if number.isFinite {
            bytes.append(contentsOf: String(number).utf8)
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
        needsComma = true
    }

    public mutating func value(_ flag: Bool) {
        separate()
        bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        needsComma = true
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// `"name": text` in one call.
    public mutating func field(_ name: String, _ text: String?) {
        key(name)
        value(text)
    }

    /// `"name": number` in one call.
    public mutating func field(_ name: String, _ number: Int?) {
        key(name)
        value(number)
    }

    /// `"name": flag` in one call.
    public mutating func field(_ name: String, _ flag: Bool) {
        key(name)
        value(flag)
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func appendQuoted(_ text: String.UTF8View) {
        bytes.append(UInt8(ascii: "\""))
        var iterator = text.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20, 0x7F: appendEscape(UInt16(byte))
            case 0xC2:
                // C1 controls U+0080-U+009F (C2 80-C2 9F): CSI among them drives terminals.
                guard let second = iterator.next() else { break }
                if second < 0xA0 {
                    appendEscape(UInt16(second))
                } else {
                    bytes.append(contentsOf: [byte, second])
                }
            case 0xE2, 0xEF:
                // Three-byte characters that hide or reorder text on a terminal (bidi marks,
                // overrides and isolates, zero-width, U+2028/U+2029, U+FEFF) are escaped.
                guard let second = iterator.next(), let third = iterator.next() else { break }
                let scalar =
                    UInt16(byte & 0x0F) << 12 | UInt16(second & 0x3F) << 6 | UInt16(third & 0x3F)
                if Self.isInvisibleFormat(scalar) {
                    appendEscape(scalar)
                } else {
                    bytes.append(contentsOf: [byte, second, third])
                }
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// U+200B-U+200F, U+2028-U+202E, U+2060-U+206F and U+FEFF: format and separator
    /// characters that are invisible yet move, hide or reorder the text around them.
    private static func isInvisibleFormat(_ scalar: UInt16) -> Bool {
        switch scalar {
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFEFF: true
        default: false
        }
    }

    private mutating func appendEscape(_ unit: UInt16) {
        bytes.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(Self.hexDigits[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }
}
