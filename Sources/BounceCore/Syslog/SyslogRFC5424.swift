/// RFC 5424 lines: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]`,
/// where each of the middle fields may be the nil value `-` and the structured data is `-` or
/// one or more `[id name="value" ...]` elements (`\"`, `\\` and `\]` escaped inside values).
///
/// rsyslog's `RSYSLOG_SyslogProtocol23Format` and syslog-ng's `syslog()` destinations write
/// this shape to files.
enum SyslogRFC5424 {
    /// The index after `<PRI>` (one to three digits) at the start of `line`, or nil.
    static func priorityEnd(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        var cursor = 1
        guard ByteScan.smallNumber(line, at: &cursor, maxDigits: 3) != nil,
            ByteScan.byte(line, cursor) == UInt8(ascii: ">")
        else { return nil }
        return cursor + 1
    }

    /// The header of an RFC 5424 line whose timestamp starts at `index` (after `<PRI>1 `).
    /// Nil when a field is missing or the timestamp is the nil value: a stamp-less line cannot
    /// be placed in time.
    @inline(never)
    static func parse(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> SyslogHeader? {
        var cursor = index
        guard let stamp = TimestampParser.rfc3339(line, at: &cursor),
            ByteScan.byte(line, cursor) == UInt8(ascii: " ")
        else { return nil }
        guard let host = field(line, at: &cursor),
            let program = field(line, at: &cursor),
            let procID = field(line, at: &cursor),
            field(line, at: &cursor) != nil
        else { return nil }
        cursor += 1
        guard let dataEnd = structuredDataEnd(line, at: cursor) else { return nil }
        cursor = dataEnd
        if cursor < line.count {
            guard line[cursor] == UInt8(ascii: " ") else { return nil }
            cursor += 1
        }
        // MSG may open with a UTF-8 byte order mark.
        if ByteScan.hasPrefix(line, at: cursor, "\u{FEFF}") { cursor += 3 }
        return SyslogHeader(
            timestamp: stamp, host: host, program: program, pid: pid(line, procID),
            messageStart: cursor)
    }

    /// The field after the space at `index`, advancing to the space that ends it: empty for the
    /// nil value `-`, nil when no space ends it.
    @inline(__always)
    private static func field(_ line: UnsafeBufferPointer<UInt8>, at index: inout Int)
        -> ByteRange?
    {
        let start = index + 1
        guard let end = ByteScan.find(UInt8(ascii: " "), in: line, from: start), end > start else {
            return nil
        }
        index = end
        if end == start + 1, line[start] == UInt8(ascii: "-") { return ByteRange.none }
        return ByteRange(start, end)
    }

    /// The PROCID as a number when it is one (it may be any word).
    private static func pid(_ line: UnsafeBufferPointer<UInt8>, _ range: ByteRange) -> Int? {
        guard !range.isEmpty, range.end - range.start <= 10 else { return nil }
        var cursor = range.start
        guard let value = ByteScan.smallNumber(line, at: &cursor, maxDigits: 10),
            cursor == range.end
        else { return nil }
        return value
    }

    /// The end of the structured data at `index`: after `-` or after the last `]` of one or
    /// more elements. Nil when an element is not closed.
    static func structuredDataEnd(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let count = line.count
        guard index < count else { return nil }
        if line[index] == UInt8(ascii: "-") { return index + 1 }
        var cursor = index
        while cursor < count, line[cursor] == UInt8(ascii: "[") {
            cursor += 1
            var quoted = false
            while true {
                guard cursor < count else { return nil }
                let byte = line[cursor]
                if quoted, byte == UInt8(ascii: "\\") {
                    cursor += 2
                    continue
                }
                cursor += 1
                if byte == UInt8(ascii: "\"") {
                    quoted.toggle()
                } else if byte == UInt8(ascii: "]"), !quoted {
                    break
                }
            }
        }
        return cursor > index ? cursor : nil
    }
}
