/// Turns one log line into an event, a known non-event, or "unrecognized".
///
/// Never throws and never traps on any input: hostile and broken lines are ordinary input here.
public struct LineParser: Sendable {
    public var format: LogFormat

    public init(format: LogFormat = .auto) {
        self.format = format
    }

    /// Parses one line without its trailing newline.
    public func parse(_ line: UnsafeBufferPointer<UInt8>) -> ParseResult {
        guard line.count >= 16 else { return .unrecognized }
        // An Exim mainlog line starts with `YYYY-MM-DD HH:MM:SS`; an RFC 3339 syslog stamp has a `T`
        // at the same place.
        if format != .postfix, line[10] == UInt8(ascii: " "), ByteScan.isDigit(line[0]) {
            return EximParser.parseMainlog(line)
        }
        guard let header = SyslogHeader.parse(line) else { return .unrecognized }
        let program = header.program.slice(of: line)
        if format != .exim, ByteScan.hasPrefix(program, at: 0, "postfix") {
            return PostfixParser.parse(line, header: header)
        }
        if format != .postfix, ByteScan.hasPrefix(program, at: 0, "exim") {
            return EximParser.parse(line, header: header)
        }
        // Another program sharing the mail log (dovecot, amavis, opendkim, ...).
        return .ignored
    }
}
