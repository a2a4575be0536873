import BounceIngest

/// Opening the inputs named on a command line.
enum InputOpening {
    /// `-` is standard input; anything else is a path (plain or gzip).
    static func open(_ name: String) throws(IngestError) -> LineReader {
        if name == "-" { return LineReader(descriptor: 0, name: "-") }
        return try LineReader(path: name)
    }

    /// The note printed when lines were cut at the reader's limit.
    static func truncationNote(_ reader: LineReader) -> String? {
        guard reader.truncatedLines > 0 else { return nil }
        let lines = reader.truncatedLines == 1 ? "line was" : "lines were"
        return "\(reader.path): \(reader.truncatedLines) \(lines) longer than"
            + " \(reader.maxLineLength) bytes and cut to that length"
    }
}
