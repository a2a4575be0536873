/// A small streaming JSON writer: objects, arrays, strings, integers, booleans and null.
///
/// Log text is attacker-controlled, so every string is escaped here, including control bytes and
/// the line separators U+2028/U+2029 that break some JavaScript consumers.
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
        var pending: [UInt8] = []
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20, 0x7F: appendEscape(UInt16(byte))
            case 0xE2:
                // U+2028 and U+2029 are E2 80 A8 / E2 80 A9.
                pending = [byte]
                if let second = iterator.next() {
                    pending.append(second)
                    if let third = iterator.next() {
                        pending.append(third)
                    }
                }
                if pending.count == 3, pending[1] == 0x80, pending[2] == 0xA8 || pending[2] == 0xA9
                {
                    appendEscape(pending[2] == 0xA8 ? 0x2028 : 0x2029)
                } else {
                    bytes.append(contentsOf: pending)
                }
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(_ unit: UInt16) {
        bytes.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(Self.hexDigits[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }
}
