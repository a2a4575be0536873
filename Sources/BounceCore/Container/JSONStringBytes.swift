/// Reads the JSON string at a position in a byte buffer, byte by byte, appending its unescaped
/// content to an output buffer.
///
/// Full RFC 8259 unescaping: `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` and `\uXXXX`, a
/// UTF-16 surrogate pair joined into one code point. A lone surrogate becomes U+FFFD. Bytes that
/// are not valid UTF-8 are kept as they are: a log line is bytes, and the parsers read bytes.
/// Raw control bytes, which strict JSON forbids, are kept too: being lenient about them loses
/// nothing, refusing them would lose the line.
public enum JSONStringBytes {
    /// Why a string could not be read.
    public enum Failure: Error, Equatable, Sendable {
        /// The buffer ends before the closing quote.
        case unterminated
        /// A backslash followed by something that is not an escape.
        case badEscape
    }

    /// Reads the string whose opening quote is at `index - 1`, so `index` is its first content
    /// byte. Appends the content to `output` while `output` is shorter than `limit`, then
    /// drops the rest (the caller counts that); returns the index just past the closing quote.
    public static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, from index: Int, into output: inout BoundedBytes
    ) throws(Failure) -> Int {
        var cursor = index
        var runStart = cursor
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<cursor]))
                return cursor + 1
            }
            guard byte == UInt8(ascii: "\\") else {
                cursor += 1
                continue
            }
            output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<cursor]))
            cursor = try escape(bytes, at: cursor + 1, into: &output)
            runStart = cursor
        }
        throw .unterminated
    }

    /// Skips the string whose first content byte is at `index`; returns the index past it.
    public static func skip(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int)
        throws(Failure) -> Int
    {
        var cursor = index
        while cursor < bytes.count {
            switch bytes[cursor] {
            case UInt8(ascii: "\""): return cursor + 1
            case UInt8(ascii: "\\"): cursor += 2
            default: cursor += 1
            }
        }
        throw .unterminated
    }

    /// One escape; `index` is the byte after the backslash. Returns the index after it.
    private static func escape(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, into output: inout BoundedBytes
    ) throws(Failure) -> Int {
        guard index < bytes.count else { throw .unterminated }
        let simple: UInt8? =
            switch bytes[index] {
            case UInt8(ascii: "\""): 0x22
            case UInt8(ascii: "\\"): 0x5C
            case UInt8(ascii: "/"): 0x2F
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            default: nil
            }
        if let simple {
            output.append(simple)
            return index + 1
        }
        guard bytes[index] == UInt8(ascii: "u") else { throw .badEscape }
        guard let unit = hex4(bytes, at: index + 1) else {
            throw index + 5 > bytes.count ? .unterminated : .badEscape
        }
        var next = index + 5
        var scalar = unit
        if unit >= 0xD800, unit <= 0xDBFF {
            // A high surrogate: a pair when a low one follows as `\uDC00`...`\uDFFF`.
            if ByteScan.byte(bytes, next) == UInt8(ascii: "\\"),
                ByteScan.byte(bytes, next + 1) == UInt8(ascii: "u"),
                let low = hex4(bytes, at: next + 2), low >= 0xDC00, low <= 0xDFFF
            {
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                next += 6
            } else {
                scalar = replacement
            }
        } else if unit >= 0xDC00, unit <= 0xDFFF {
            scalar = replacement
        }
        appendUTF8(scalar, to: &output)
        return next
    }

    /// U+FFFD, what a surrogate without its partner stands for.
    private static let replacement: UInt32 = 0xFFFD

    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index >= 0, index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt8
            if ByteScan.isDigit(byte) {
                digit = byte &- UInt8(ascii: "0")
            } else if ByteScan.lower(byte) &- UInt8(ascii: "a") < 6 {
                digit = ByteScan.lower(byte) &- UInt8(ascii: "a") &+ 10
            } else {
                return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to output: inout BoundedBytes) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(
                UInt8(0xE0 | scalar >> 12), UInt8(0x80 | scalar >> 6 & 0x3F),
                UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(
                UInt8(0xF0 | scalar >> 18), UInt8(0x80 | scalar >> 12 & 0x3F),
                UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F))
        }
    }
}
