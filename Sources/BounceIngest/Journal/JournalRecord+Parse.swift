import BounceCore

/// Parsing a journal record from its own fields, with no syslog header to read back.
///
/// `SYSLOG_IDENTIFIER` picks the parser, `_PID` and `__REALTIME_TIMESTAMP` go into the header
/// as they are, and only `MESSAGE` is scanned: the line handed to the parser is
/// `identifier[pid]: message`, with a header whose ranges point into it, so events still carry
/// their program and their byte ranges index the same buffer the classifier reads.
extension JournalRecord {
    /// Writes the record into `line` (emptied first, so one buffer serves every record) and
    /// parses it as `format` allows. The event's time is the record's realtime stamp, in UTC.
    public func parse(into line: inout [UInt8], format: LogFormat) -> ParseResult {
        var event = RawEvent.unparsed()
        let outcome = parse(into: &line, format: format, event: &event)
        return ParseResult(outcome, event: event)
    }

    /// As `parse(into:format:)`, writing the event (or the message note) into `event`, kept
    /// between records (`LineOutcome`).
    public func parse(into line: inout [UInt8], format: LogFormat, event: inout RawEvent)
        -> LineOutcome
    {
        if isContainerLine { return parseContainerLine(into: &line, format: format, event: &event) }
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: identifier.utf8)
        let program = ByteRange(0, line.count)
        if let pid {
            line.append(UInt8(ascii: "["))
            line.append(contentsOf: String(pid).utf8)
            line.append(UInt8(ascii: "]"))
        }
        line.append(UInt8(ascii: ":"))
        line.append(UInt8(ascii: " "))
        let messageStart = line.count
        line.append(contentsOf: message)
        let header = SyslogHeader(
            timestamp: instant.timestamp, host: .none, program: program, pid: pid,
            messageStart: messageStart)
        let isPostfix = identifier.utf8.starts(with: "postfix".utf8)
        let isExim = identifier.utf8.starts(with: "exim".utf8)
        return line.withUnsafeBufferPointer { bytes in
            if format != .exim, isPostfix {
                var branch = PostfixBranch.garbled
                return PostfixParser.parse(bytes, header: header, into: &event, branch: &branch)
            }
            if format != .postfix, isExim {
                var branch = EximBranch.garbled
                return EximParser.parse(bytes, header: header, into: &event, branch: &branch)
            }
            return .ignored
        }
    }

    /// A container's line is parsed as a log file's line would be; one with no stamp of its own
    /// (`postfix/smtp[137]: ...`) is read with the entry's time in front, in RFC 3339.
    private func parseContainerLine(
        into line: inout [UInt8], format: LogFormat, event: inout RawEvent
    ) -> LineOutcome {
        let parser = LineParser(format: format)
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: message)
        let outcome = line.withUnsafeBufferPointer { parser.parse($0, into: &event) }
        guard outcome == .unrecognized, !message.isEmpty else { return outcome }
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: instant.rfc3339.utf8)
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: message)
        return line.withUnsafeBufferPointer { parser.parse($0, into: &event) }
    }

    /// `__REALTIME_TIMESTAMP` as an instant in UTC.
    public var instant: LogInstant {
        LogInstant(
            unixSeconds: Int(realtimeMicroseconds / 1_000_000),
            nanosecond: Int(realtimeMicroseconds % 1_000_000) * 1000)
    }
}
