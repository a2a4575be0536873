/// Turns untrusted text (server replies, program output) into one bounded printable line.
enum TextSanitizer {
    /// Control characters become spaces, runs of white space collapse to one, and the text is
    /// cut to `limit` characters with `...` at the end.
    static func line(_ text: String, limit: Int = 300) -> String {
        var result = ""
        var lastWasSpace = true
        var characters = 0
        for scalar in text.unicodeScalars {
            let isSpace =
                scalar.value < 0x20 || scalar.value == 0x7F || scalar == " "
                || (scalar.value >= 0x80 && scalar.value < 0xA0) || scalar == "\u{2028}"
                || scalar == "\u{2029}"
            if isSpace {
                if lastWasSpace { continue }
                lastWasSpace = true
                result.unicodeScalars.append(" ")
            } else {
                lastWasSpace = false
                result.unicodeScalars.append(scalar)
            }
            characters += 1
            if characters >= limit {
                result += "..."
                break
            }
        }
        while result.hasSuffix(" ") { result.removeLast() }
        return result
    }

    /// Decodes bytes as UTF-8 (repairing invalid sequences), then `line(_:limit:)`.
    static func line(_ bytes: [UInt8], limit: Int = 300) -> String {
        line(String(decoding: bytes, as: UTF8.self), limit: limit)
    }
}
