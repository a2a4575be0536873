/// Greedy word wrapping for help text: a line's leading spaces are kept on its first row
/// (indented examples), continuation rows start at `indent`.
enum TextWrapping {
    /// `text` wrapped so that every row, `indent` spaces included, is at most
    /// `maximumLineLength` long; the first row starts at column `firstLineStart`. Each `\n` in
    /// `text` starts a new row. A word longer than the room left stands alone on its row.
    /// With `roomForSpace`, a row that does not end the text must leave room for one more
    /// character (how option help has always wrapped).
    static func wrap(
        _ text: String, maximumLineLength: Int = 79, indent: Int = 0, firstLineStart: Int = 0,
        roomForSpace: Bool = false
    ) -> [String] {
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
            for (position, word) in words.enumerated() {
                let reserve = roomForSpace && position < words.count - 1 ? 1 : 0
                if current.isEmpty {
                    current = String(word)
                } else if start + current.count + 1 + word.count + reserve <= maximumLineLength {
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
