/// Reads the text form of a checkpoint line by line (see `Checkpoint.encoded`).
struct CheckpointReader {
    private let lines: [Substring]
    private var index = 0
    /// The hash of every byte before the last line, newlines included.
    private let hashBeforeLastLine: String

    init(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // The text ends with a newline, which leaves one empty piece after it.
        if lines.last?.isEmpty == true { lines.removeLast() }
        self.lines = lines
        // Hashed in place: a copy of the text before the end line would be one more copy of
        // a checkpoint that can run to tens of megabytes.
        var hash = CheckpointHash()
        if let last = lines.last {
            for byte in text.utf8[..<last.startIndex] { hash.add(byte: byte) }
        }
        hashBeforeLastLine = hash.hex
    }

    mutating func read() throws(CheckpointDecodingError) -> Checkpoint {
        try checkFrame()
        index = 1
        let written = try field("written")
        guard let writtenAt = Int64(written) else {
            throw .malformed(line: index, reason: "time \"\(written.prefix(30))\" is not a number")
        }
        var checkpoint = Checkpoint(writtenAt: writtenAt)
        while let line = peek(), line.hasPrefix("source ") {
            let (name, source) = try readSource()
            guard checkpoint.sources[name] == nil else {
                throw .malformed(line: index, reason: "source \"\(name.prefix(80))\" twice")
            }
            checkpoint.sources[name] = source
        }
        checkpoint.metrics = try readSection("metrics")
        checkpoint.alerts = try readSection("alerts")
        if let line = peek(), line.hasPrefix("digest ") {
            checkpoint.digest = try readSection("digest")
        }
        if let line = peek(), line.hasPrefix("messages ") {
            checkpoint.messages = try readSection("messages")
        }
        guard index == lines.count - 1 else {
            throw .malformed(line: index + 1, reason: "unexpected line before the end line")
        }
        return checkpoint
    }

    /// The tag on the first line and the hash on the last, before anything else is trusted.
    private func checkFrame() throws(CheckpointDecodingError) {
        guard let first = lines.first, first.hasPrefix("bouncewatch-checkpoint/") else {
            throw .notACheckpoint
        }
        guard first == Checkpoint.formatTag else {
            throw .unsupportedVersion(String(first.dropFirst("bouncewatch-checkpoint/".count)))
        }
        guard lines.count >= 2, let last = lines.last, last.hasPrefix("end ") else {
            throw .truncated
        }
        // The hash covers everything before the end line, newlines included.
        guard last.dropFirst(4) == hashBeforeLastLine else { throw .checksumMismatch }
    }

    private func peek() -> Substring? {
        index < lines.count - 1 ? lines[index] : nil
    }

    /// The rest of the next line after `keyword` and a space.
    private mutating func field(_ keyword: String) throws(CheckpointDecodingError) -> Substring {
        guard let line = peek() else {
            throw .malformed(line: index + 1, reason: "expected \"\(keyword)\"")
        }
        index += 1
        guard line.hasPrefix(keyword + " ") else {
            throw .malformed(
                line: index, reason: "expected \"\(keyword)\", found \"\(line.prefix(40))\"")
        }
        return line.dropFirst(keyword.count + 1)
    }

    private mutating func word(_ text: Substring, _ what: String) throws(CheckpointDecodingError)
        -> String
    {
        guard !text.isEmpty, !text.contains(" "), let value = CheckpointEscaping.unescape(text)
        else {
            throw .malformed(line: index, reason: "\(what) \"\(text.prefix(80))\" is not valid")
        }
        return value
    }

    private mutating func readSource() throws(CheckpointDecodingError)
        -> (String, SourceCheckpoint)
    {
        let rest = try field("source")
        let parts = rest.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw .malformed(line: index, reason: "source line needs a type and a name")
        }
        let name = try word(parts[1], "source name")
        switch parts[0] {
        case "file":
            var positions: [String: FilePosition] = [:]
            while let line = peek(), line.hasPrefix("position ") {
                let (path, position) = try readPosition()
                positions[path] = position
            }
            return (name, .files(positions))
        case "journal":
            guard let line = peek(), line.hasPrefix("cursor ") else {
                return (name, .journal(cursor: nil))
            }
            let cursor = try word(try field("cursor"), "journal cursor")
            return (name, .journal(cursor: cursor))
        default:
            throw .malformed(
                line: index, reason: "unknown source type \"\(parts[0].prefix(20))\"")
        }
    }

    private mutating func readPosition() throws(CheckpointDecodingError)
        -> (String, FilePosition)
    {
        let rest = try field("position")
        guard let space = rest.firstIndex(of: " ") else {
            throw .malformed(line: index, reason: "position line needs a path and a position")
        }
        let path = try word(rest[..<space], "path")
        do {
            let position = try FilePosition(decoding: String(rest[rest.index(after: space)...]))
            return (path, position)
        } catch {
            throw .malformed(line: index, reason: error.description)
        }
    }

    private mutating func readSection(_ name: String) throws(CheckpointDecodingError)
        -> [String]
    {
        let countText = try field(name)
        guard let count = Int(countText), count >= 0, count <= lines.count - index else {
            throw .malformed(line: index, reason: "\(name) count \"\(countText.prefix(20))\"")
        }
        var result: [String] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            guard let line = peek() else { throw .truncated }
            index += 1
            guard let value = CheckpointEscaping.unescape(line) else {
                throw .malformed(line: index, reason: "bad escape in a \(name) line")
            }
            result.append(value)
        }
        return result
    }
}
