/// The escaping of values inside a checkpoint, and its integrity hash.
enum CheckpointEscaping {
    /// A value as one space-free word: `%`, control bytes, space and DEL become `%XX`.
    static func word(_ value: String) -> String {
        escape(value, alsoSpace: true)
    }

    /// An opaque line: `%`, control bytes (newlines included) and DEL become `%XX`.
    static func line(_ value: String) -> String {
        escape(value, alsoSpace: false)
    }

    private static func escape(_ value: String, alsoSpace: Bool) -> String {
        let needs = value.utf8.contains { needsEscape($0, alsoSpace: alsoSpace) }
        guard needs else { return value }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 8)
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in value.utf8 {
            if needsEscape(byte, alsoSpace: alsoSpace) {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8, alsoSpace: Bool) -> Bool {
        byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "%")
            || (alsoSpace && byte == UInt8(ascii: " "))
    }

    /// Undoes `word` or `line`; nil when a `%` is not followed by two hexadecimal digits or the
    /// result is not UTF-8.
    static func unescape(_ text: Substring) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue),
                let low = iterator.next().flatMap(hexValue)
            else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// Bytes that need not be UTF-8 (a name read from a log line) as one word of printable
    /// ASCII: every byte outside `!`...`~`, and `%`, becomes `%XX`. Exact for any bytes, where
    /// `word` and `unescape` assume text.
    static func word<Bytes: Collection>(bytes: Bytes) -> String where Bytes.Element == UInt8 {
        guard bytes.contains(where: { !isPlainByte($0) }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + 16)
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in bytes {
            if isPlainByte(byte) {
                escaped.append(byte)
            } else {
                escaped.append(UInt8(ascii: "%"))
                escaped.append(digits[Int(byte >> 4)])
                escaped.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    /// Undoes `word(bytes:)` into `bytes` (appended); false, with `bytes` in any state, on a
    /// byte that should have been escaped, a `%` without two hexadecimal digits, or more than
    /// `limit` bytes decoded.
    static func unescapeBytes(_ text: Substring, into bytes: inout [UInt8], limit: Int) -> Bool {
        var iterator = text.utf8.makeIterator()
        var count = 0
        while let byte = iterator.next() {
            count += 1
            guard count <= limit else { return false }
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue),
                    let low = iterator.next().flatMap(hexValue)
                else { return false }
                bytes.append(high << 4 | low)
            } else {
                guard isPlainByte(byte) else { return false }
                bytes.append(byte)
            }
        }
        return true
    }

    /// A byte `word(bytes:)` writes as itself: printable ASCII but space and `%`.
    @inline(__always)
    private static func isPlainByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "%")
    }

    /// FNV-1a 64 of the text's bytes as 16 lower-case hexadecimal digits.
    static func hashText<Text: StringProtocol>(of text: Text) -> String {
        var hash = CheckpointHash()
        for byte in text.utf8 { hash.add(byte: byte) }
        return hash.hex
    }
}
