/// The syslog prefix of a line: `Nov 26 10:00:01 mx1 postfix/smtp[123]: ` or
/// `2026-11-26T10:00:01.123456+00:00 mx1 postfix/smtp[123]: `.
public struct SyslogHeader: Sendable {
    public var timestamp: LogTimestamp
    public var host: ByteRange
    /// The syslog identifier without the `[pid]`, e.g. `postfix/submission/smtpd`.
    public var program: ByteRange
    public var pid: Int?
    /// Offset of the first byte of the message text, after `: `.
    public var messageStart: Int

    public init(
        timestamp: LogTimestamp, host: ByteRange, program: ByteRange, pid: Int?, messageStart: Int
    ) {
        self.timestamp = timestamp
        self.host = host
        self.program = program
        self.pid = pid
        self.messageStart = messageStart
    }

    /// Parses the header at the start of `line`, or returns nil when the line has none.
    public static func parse(_ line: UnsafeBufferPointer<UInt8>) -> SyslogHeader? {
        var cursor = 0
        // A BSD stamp starts with a month name, an RFC 3339 one with a digit: try only the one
        // that can match.
        guard !line.isEmpty,
            let stamp = ByteScan.isDigit(line[0])
                ? TimestampParser.rfc3339(line, at: &cursor)
                : TimestampParser.bsd(line, at: &cursor)
        else { return nil }
        guard cursor < line.count, line[cursor] == UInt8(ascii: " ") else { return nil }
        cursor += 1
        // Host: one token.
        let hostStart = cursor
        cursor = ByteScan.find(UInt8(ascii: " "), in: line, from: cursor) ?? line.count
        guard cursor > hostStart, cursor < line.count else { return nil }
        let host = ByteRange(hostStart, cursor)
        cursor += 1
        // Program, optional [pid], then ':'.
        let programStart = cursor
        cursor = ByteScan.firstOf(
            UInt8(ascii: "["), UInt8(ascii: ":"), UInt8(ascii: " "), in: line, from: cursor)
        guard cursor > programStart, cursor < line.count else { return nil }
        let program = ByteRange(programStart, cursor)
        var pid: Int?
        if line[cursor] == UInt8(ascii: "[") {
            cursor += 1
            pid = Self.pid(line, at: &cursor)
            guard pid != nil, cursor < line.count, line[cursor] == UInt8(ascii: "]") else {
                return nil
            }
            cursor += 1
        }
        guard cursor < line.count, line[cursor] == UInt8(ascii: ":") else { return nil }
        cursor += 1
        if cursor < line.count, line[cursor] == UInt8(ascii: " ") { cursor += 1 }
        return SyslogHeader(
            timestamp: stamp, host: host, program: program, pid: pid, messageStart: cursor)
    }

    /// The digits of a pid at `index` (at most ten), advancing past them. Up to seven digits
    /// are read as one word.
    @inline(__always)
    static func pid(_ line: UnsafeBufferPointer<UInt8>, at index: inout Int) -> Int? {
        if let word = ByteWord.load(line, at: index) {
            let count = ByteWord.leadingDigits(word)
            if count == 0 { return nil }
            if count < 8 {
                index += count
                return ByteWord.decimal(word, count: count)
            }
        }
        return ByteScan.smallNumber(line, at: &index, maxDigits: 10)
    }
}
