/// Shape checks for values that end up in mail headers, URLs and rule tables.
///
/// Each returns nil when the value is fine, else what is wrong, ready for a message.
enum ShapeChecks {
    /// A mail address of a sane shape: one `@` with text on both sides, no spaces, no
    /// control characters, nothing that would split or break a header.
    static func address(_ text: String) -> String? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            return "\(quoted(text)) is not a mail address (one @ with a name on each side)"
        }
        if let bad = text.unicodeScalars.first(where: { isBreaking($0) }) {
            return "\(quoted(text)) is not a mail address (it contains \(describe(bad)))"
        }
        if text.utf8.count > 254 {
            return "\(quoted(text)) is longer than a mail address may be (254 bytes)"
        }
        return nil
    }

    /// A destination domain, `example.com` or `*.example.com`; nil when fine.
    static func domain(_ text: String) -> String? {
        var name = Substring(text)
        if name.hasPrefix("*.") { name = name.dropFirst(2) }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        let fine =
            !name.isEmpty && name.utf8.count <= 253
            && labels.allSatisfy { label in
                !label.isEmpty && label.utf8.count <= 63
                    && !label.unicodeScalars.contains(where: isBreaking)
                    && !label.contains("*") && !label.contains("@")
            }
        return fine ? nil : "\(quoted(text)) is not a domain (example.com or *.example.com)"
    }

    /// An SMTP reply code (`550`) or an enhanced status code (`5.7.1`, `x.7.1`, `5.7.x`).
    static func code(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        let isReplyCode =
            bytes.count == 3 && (0x32...0x35).contains(bytes[0])
            && bytes.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let isEnhanced =
            parts.count == 3 && ["2", "4", "5", "x"].contains(parts[0])
            && isDigits(parts[1], upTo: 3) && (parts[2] == "x" || isDigits(parts[2], upTo: 3))
        if isReplyCode || isEnhanced { return nil }
        return "\(quoted(text)) is not a status code (like 5.7.1, 5.7.x or 550)"
    }

    private static func isDigits(_ text: Substring, upTo count: Int) -> Bool {
        !text.isEmpty && text.utf8.count <= count
            && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// Characters that end or split a header field or an address list.
    private static func isBreaking(_ scalar: Unicode.Scalar) -> Bool {
        ConfigReader.isControl(scalar) || scalar.properties.isWhitespace
            || "<>,;\"()[]\\".unicodeScalars.contains(scalar)
    }

    private static func describe(_ scalar: Unicode.Scalar) -> String {
        if scalar == " " { return "a space" }
        if scalar == "\n" || scalar == "\r" { return "a line break" }
        if scalar.properties.isWhitespace || ConfigReader.isControl(scalar) {
            return "a control or space character"
        }
        return "\"\(scalar)\""
    }
}
