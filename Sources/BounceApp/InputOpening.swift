import BounceIngest

/// Opening the inputs named on a command line.
enum InputOpening {
    /// `-` is standard input; anything else is a path (plain or gzip).
    /// Lines are read up to `InputLines.physicalLineLimit` bytes, room for a Docker record
    /// of a 16 KiB piece however escaped; `InputLines` cuts log lines at their own limit.
    static func open(_ name: String) throws(IngestError) -> LineReader {
        let limit = InputLines.physicalLineLimit
        if name == "-" { return LineReader(descriptor: 0, name: "-", maxLineLength: limit) }
        return try LineReader(path: name, maxLineLength: limit)
    }

    /// Input `name`, whole, or only the byte range `range` of it (a plain file; see
    /// `LineReader.pieces`).
    static func open(_ name: String, range: Range<Int>?) throws(IngestError) -> LineReader {
        guard let range else { return try open(name) }
        return try LineReader(
            path: name, range: range, maxLineLength: InputLines.physicalLineLimit)
    }

    /// The note printed when `lines` cut lines at its limit.
    static func truncationNote(_ lines: InputLines, input: String) -> String? {
        guard lines.truncatedLines > 0 else { return nil }
        let count = lines.truncatedLines == 1 ? "line was" : "lines were"
        return "\(input): \(lines.truncatedLines) \(count) longer than"
            + " \(lines.maxLineLength) bytes and cut to that length"
    }
}
