/// Greedy word wrapping for help text: lines stay under 80 columns, a line's leading spaces
/// are kept on its first row (indented examples), continuation rows start at `indent`.
enum TextWrapping {
    /// Lines are at most this long.
    static let maximumLineLength = 79

    /// `text` wrapped so that every row, `indent` spaces included, fits; `firstLinePrefix`
    /// (e.g. `OVERVIEW: `) counts on the first row. Each `\n` in `text` starts a new row.
    static func wrap(_ text: String, indent: Int = 0, firstLineStart: Int = 0) -> [String] {
        var rows: [String] = []
        let padding = String(repeating: " ", count: indent)
        var firstRow = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var words = line.split(separator: " ", omittingEmptySubsequences: false)
            // Leading spaces belong to the first word (an indented example line).
            var leading = 0
            while leading < words.count - 1, words[leading].isEmpty { leading += 1 }
            if leading > 0 {
                let first = String(repeating: " ", count: leading) + words[leading]
                words.replaceSubrange(0...leading, with: [Substring(first)])
            }
            var current = ""
            var start = firstRow ? firstLineStart : indent
            for word in words {
                if current.isEmpty {
                    current = String(word)
                } else if start + current.count + 1 + word.count <= maximumLineLength {
                    current += " " + word
                } else {
                    rows.append(current)
                    current = String(word)
                    start = indent
                }
            }
            rows.append(current)
            firstRow = false
        }
        return rows.enumerated().map { $0.offset == 0 ? $0.element : padding + $0.element }
    }
}
