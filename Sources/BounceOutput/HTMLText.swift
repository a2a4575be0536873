/// Text for HTML and inline SVG: escaped so that no text from the log can become markup, and
/// shown so that it cannot reorder, hide or break what is around it.
///
/// `&`, `<`, `>`, `"` and `'` become character references, so a value is safe both between
/// tags and inside a quoted attribute. Control, format (bidi overrides and isolates,
/// zero-width characters), separator, private-use and unassigned scalars appear as visible
/// escapes (`\x0a`, `\u{202e}`): a reply text cannot flip the direction of the page around it.
enum HTMLText {
    /// `text` escaped; at most `limit` characters of it are kept, `...` marking a cut.
    static func escape(_ text: String, limit: Int = 2000) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        var used = 0
        for scalar in text.unicodeScalars {
            guard used < limit else { return result + "..." }
            used += 1
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                if isInvisible(scalar) {
                    result +=
                        scalar.value < 0x80
                        ? "\\x" + hex(scalar.value, width: 2)
                        : "\\u{" + hex(scalar.value, width: 1) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Characters that would move the cursor, break a line, or reorder or hide text.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse,
            .unassigned:
            true
        default:
            false
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
