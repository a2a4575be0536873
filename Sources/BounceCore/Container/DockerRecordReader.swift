/// The byte-level reader behind `DockerRecord.decode`: one pass over the line, the `log`
/// string unescaped straight into the caller's buffer, every other value skipped.
struct DockerRecordReader {
    /// Deeper `attrs` (or other values) are refused: skipping is recursive.
    static let maximumDepth = 32

    let line: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(line: UnsafeBufferPointer<UInt8>) {
        self.line = line
    }

    private var atEnd: Bool { index >= line.count }
    private var current: UInt8 { ByteScan.byte(line, index) }

    mutating func record(log: inout BoundedBytes) throws(DockerRecordProblem) -> DockerRecord {
        skipSpace()
        guard current == UInt8(ascii: "{") else { throw .notAnObject }
        index += 1
        var record = DockerRecord(stream: .other, time: nil, isPartial: false)
        var seen: (log: Bool, stream: Bool, time: Bool) = (false, false, false)
        skipSpace()
        if current == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipSpace()
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                if Self.equals(line, key, "log") {
                    guard !seen.log else { throw .duplicateKey("log") }
                    seen.log = true
                    record.isPartial = !(try logString(into: &log))
                } else if Self.equals(line, key, "stream") {
                    guard !seen.stream else { throw .duplicateKey("stream") }
                    seen.stream = true
                    let value = try string()
                    record.stream =
                        Self.equals(line, value, "stdout")
                        ? .stdout : Self.equals(line, value, "stderr") ? .stderr : .other
                } else if Self.equals(line, key, "time") {
                    guard !seen.time else { throw .duplicateKey("time") }
                    seen.time = true
                    let value = try string()
                    record.time = Self.isStamp(line, value) ? value : nil
                } else {
                    try skipValue(depth: 1)
                }
                skipSpace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                break
            }
        }
        skipSpace()
        guard atEnd else { throw .malformed(offset: index) }
        guard seen.log else { throw .missingLog }
        return record
    }

    /// The `log` string, unescaped into `log`; returns whether it ended with a newline (the
    /// escape `\n` just before the closing quote, not an escaped backslash and an `n`).
    private mutating func logString(into log: inout BoundedBytes) throws(DockerRecordProblem)
        -> Bool
    {
        guard current == UInt8(ascii: "\"") else { throw failure() }
        let start = index + 1
        do throws(JSONStringBytes.Failure) {
            index = try JSONStringBytes.read(line, from: start, into: &log)
        } catch {
            throw error == .unterminated ? .truncated : .badEscape(offset: start)
        }
        let quote = index - 1
        guard quote - start >= 2, line[quote - 1] == UInt8(ascii: "n") else { return false }
        var backslashes = 0
        var cursor = quote - 2
        while cursor >= start, line[cursor] == UInt8(ascii: "\\") {
            backslashes += 1
            cursor -= 1
        }
        return backslashes % 2 == 1
    }

    /// A string that is not unescaped: its raw content's range.
    private mutating func string() throws(DockerRecordProblem) -> Range<Int> {
        guard current == UInt8(ascii: "\"") else { throw failure() }
        let start = index + 1
        do throws(JSONStringBytes.Failure) {
            index = try JSONStringBytes.skip(line, from: start)
        } catch {
            throw .truncated
        }
        return start..<(index - 1)
    }

    private mutating func skipValue(depth: Int) throws(DockerRecordProblem) {
        guard depth <= Self.maximumDepth else { throw .tooDeep }
        switch current {
        case UInt8(ascii: "\""):
            _ = try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let isObject = current == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            index += 1
            skipSpace()
            if current == close {
                index += 1
                return
            }
            while true {
                skipSpace()
                if isObject {
                    _ = try string()
                    skipSpace()
                    try expect(UInt8(ascii: ":"))
                    skipSpace()
                }
                try skipValue(depth: depth + 1)
                skipSpace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(close)
                return
            }
        default:
            // A number, `true`, `false` or `null`: a run of the bytes they are made of.
            let start = index
            while !atEnd, Self.isScalarByte(line[index]) { index += 1 }
            guard index > start else { throw failure() }
        }
    }

    private static func isScalarByte(_ byte: UInt8) -> Bool {
        ByteScan.isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".")
    }

    private mutating func expect(_ byte: UInt8) throws(DockerRecordProblem) {
        guard current == byte, !atEnd else { throw failure() }
        index += 1
    }

    /// What is wrong at the current byte: the line ended, or something else is there.
    private func failure() -> DockerRecordProblem {
        atEnd ? .truncated : .malformed(offset: index)
    }

    private mutating func skipSpace() {
        while !atEnd {
            switch line[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private static func equals(
        _ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ text: StaticString
    ) -> Bool {
        guard range.count == text.utf8CodeUnitCount else { return false }
        let expected = text.utf8Start
        for offset in 0..<range.count where line[range.lowerBound + offset] != expected[offset] {
            return false
        }
        return true
    }

    /// Whether the raw text at `range` is one RFC 3339 stamp and nothing else.
    private static func isStamp(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count <= DockerRecord.maximumTimeLength, !range.isEmpty else { return false }
        let text = UnsafeBufferPointer(rebasing: line[range])
        var cursor = 0
        guard TimestampParser.rfc3339(text, at: &cursor) != nil else { return false }
        return cursor == text.count
    }
}
