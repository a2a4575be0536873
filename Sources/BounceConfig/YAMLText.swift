/// Scalars written so that any YAML 1.1 reader gets back exactly the same string.
enum YAMLText {
    /// Plain when that is safe and reads as the same string, double-quoted otherwise.
    static func scalar(_ value: String) -> String {
        isPlainSafe(value) ? value : doubleQuoted(value)
    }

    /// A flow list, `[a, "b c"]`.
    static func list(_ values: [String]) -> String {
        "[" + values.map(scalar).joined(separator: ", ") + "]"
    }

    /// Words YAML would read as a boolean or null instead of a string.
    private static let reserved: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "null", "y", "n",
    ]

    /// Starts with a letter or `/`, then only letters, digits and `/_.@+-`: never a number,
    /// never an indicator, never a comment or a key.
    static func isPlainSafe(_ value: String) -> Bool {
        guard let first = value.utf8.first, isLetter(first) || first == 0x2F else { return false }
        guard !reserved.contains(value.lowercased()) else { return false }
        return value.utf8.allSatisfy { byte in
            isLetter(byte) || (0x30...0x39).contains(byte) || "/_.@+-".utf8.contains(byte)
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// A double-quoted scalar; everything YAML does not print as itself is escaped.
    static func doubleQuoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let code = scalar.value
                if code < 0x20 || (0x7F...0x9F).contains(code) {
                    out += "\\x" + hex2(code)
                } else if code == 0x2028 || code == 0x2029 || code == 0xFEFF
                    || code >= 0xFFFE
                        && code <= 0xFFFF
                {
                    out += "\\u" + String(code, radix: 16, uppercase: true)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
