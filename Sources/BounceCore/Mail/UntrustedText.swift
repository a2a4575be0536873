/// Shows text from the log (remote replies, addresses, host names) in a mail body or on a
/// terminal so that it is read, never acted upon: control, format (bidi overrides, zero-width)
/// and line separator characters appear as escapes, long text is cut with a marker, and quoted
/// lines carry a prefix.
public enum UntrustedText {
    /// Characters that would move the cursor, break a line, or reorder or hide text.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse,
            .unassigned:
            return true
        default:
            return false
        }
    }

    /// One printable piece per scalar: itself, or `\xHH` / `\u{HHHH}` for invisible ones.
    static func pieces(_ text: String) -> [String] {
        text.unicodeScalars.map { scalar in
            guard isInvisible(scalar) else { return String(scalar) }
            if scalar.value < 0x80 {
                let digits = String(scalar.value, radix: 16)
                return "\\x" + (digits.count < 2 ? "0" : "") + digits
            }
            return "\\u{\(String(scalar.value, radix: 16))}"
        }
    }

    /// `text` on one line with every invisible character written as `\xHH` (below U+0080) or
    /// `\u{HHHH}`, and nothing cut: what the text reports print to a terminal.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isInvisible) else { return text }
        return pieces(text).joined()
    }

    /// A short value on one line (a destination, a list name): escaped, at most `limit`
    /// characters, `...` marking a cut.
    static func inline(_ text: String, limit: Int = 120) -> String {
        let all = pieces(text)
        var result = ""
        var used = 0
        for piece in all {
            guard used + piece.count <= limit else { return result + "..." }
            result += piece
            used += piece.count
        }
        return result
    }

    /// A log line quoted over as many body lines as needed: the first starts with `  | `, the
    /// ones it wraps onto with `  + `. Lines longer than `limit` characters are cut, and the
    /// marker says how many bytes were left out.
    static func quote(_ line: String, width: Int = 72, limit: Int = 400) -> [String] {
        var all = pieces(line)
        var marker: String?
        if all.count > limit {
            let kept = all.prefix(limit).joined().utf8.count
            marker = " [cut: \(line.utf8.count - kept) more bytes]"
            all = Array(all.prefix(limit))
        }
        var lines: [String] = []
        var current: [String] = []
        var used = 0
        for piece in all {
            if used + piece.count > width, !current.isEmpty {
                // Break after the line's last space when it is near the end, so words stay
                // whole where they can.
                var keep = current.count
                if let space = current.lastIndex(of: " "),
                    current[(space + 1)...].reduce(0, { $0 + $1.count }) < 24
                {
                    keep = space + 1
                }
                lines.append(current[..<keep].joined())
                current = Array(current[keep...])
                used = current.reduce(0) { $0 + $1.count }
            }
            current.append(piece)
            used += piece.count
        }
        var last = current.joined()
        if let marker {
            if used + marker.count > width + 2 {
                lines.append(last)
                last = String(marker.dropFirst())
            } else {
                last += marker
            }
        }
        lines.append(last)
        return lines.enumerated().map { ($0.offset == 0 ? "  | " : "  + ") + $0.element }
    }
}
