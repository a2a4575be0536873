/// Parses Exim mainlog lines, bare or behind a syslog header.
///
/// A mainlog line is `YYYY-MM-DD HH:MM:SS[.fff] [+zone] [[pid]] [message-id] text`; the syslog
/// forms put `host exim[pid]: ` before the text, or (some relays) between the stamp and the
/// text. What follows is a delivery flag (`=>` `->` `>>` `*>` `**` `==` `<=`), a reject, an
/// authentication failure, or one of the many lines that carry no event.
public enum EximParser {
    /// A line that starts with Exim's own `YYYY-MM-DD HH:MM:SS` stamp.
    public static func parseMainlog(_ line: UnsafeBufferPointer<UInt8>) -> ParseResult {
        var branch = EximBranch.garbled
        return parseMainlog(line, branch: &branch)
    }

    /// As `parseMainlog(_:)`, also reporting which branch decided.
    public static func parseMainlog(
        _ line: UnsafeBufferPointer<UInt8>, branch: inout EximBranch
    ) -> ParseResult {
        var cursor = 0
        guard var stamp = TimestampParser.exim(line, at: &cursor),
            cursor == line.count || line[cursor] == EximScan.space
        else {
            branch = .garbled
            return .unrecognized
        }
        var event = RawEvent(mta: .exim, kind: .delivery, status: .sent, timestamp: nil)
        cursor = EximScan.skipSpaces(line, from: cursor, limit: line.count)
        zone(line, at: &cursor, into: &stamp)
        event.timestamp = stamp
        pid(line, at: &cursor, into: &event)
        if EximScan.messageIDEnd(line, at: cursor) == nil {
            syslogWrapper(line, at: &cursor, into: &event)
        }
        return body(line, at: cursor, event: event, branch: &branch)
    }

    /// A line whose syslog program starts with `exim`; the mainlog text begins at
    /// `header.messageStart`.
    public static func parse(_ line: UnsafeBufferPointer<UInt8>, header: SyslogHeader)
        -> ParseResult
    {
        var branch = EximBranch.garbled
        return parse(line, header: header, branch: &branch)
    }

    /// As `parse(_:header:)`, also reporting which branch decided.
    public static func parse(
        _ line: UnsafeBufferPointer<UInt8>, header: SyslogHeader, branch: inout EximBranch
    ) -> ParseResult {
        var event = RawEvent(
            mta: .exim, kind: .delivery, status: .sent, timestamp: header.timestamp)
        event.host = header.host
        event.program = header.program
        event.pid = header.pid
        var cursor = header.messageStart
        // Exim's `syslog_timestamp` (on by default) repeats its own stamp, which has a year.
        if ByteScan.isDigit(EximScan.byte(line, cursor)) {
            var probe = cursor
            if var stamp = TimestampParser.exim(line, at: &probe) {
                probe = EximScan.skipSpaces(line, from: probe, limit: line.count)
                zone(line, at: &probe, into: &stamp)
                event.timestamp = stamp
                cursor = probe
            }
        }
        pid(line, at: &cursor, into: &event)
        return body(line, at: cursor, event: event, branch: &branch)
    }

    /// The text after the prefix: an optional message id, then the decisive words.
    private static func body(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, event template: RawEvent,
        branch: inout EximBranch
    ) -> ParseResult {
        let count = line.count
        var event = template
        var cursor = index
        if let idEnd = EximScan.messageIDEnd(line, at: cursor) {
            event.queueID = ByteRange(cursor, idEnd)
            cursor = EximScan.skipSpaces(line, from: idEnd, limit: count)
        }
        guard cursor < count else {
            branch = .truncated
            return .unrecognized
        }
        if let flag = EximDelivery.flag(line, at: cursor) {
            return EximDelivery.parse(
                flag, line, at: cursor + 2, event: event, branch: &branch)
        }
        if ByteScan.hasPrefix(line, at: cursor, "<= ") {
            branch = .arrival
            return .ignored
        }
        if let result = EximReject.parse(line, at: cursor, event: event, branch: &branch) {
            return result
        }
        if let result = EximAuth.parse(line, at: cursor, event: event, branch: &branch) {
            return result
        }
        if line[cursor] < 0x20 || line[cursor] == 0x7F {
            branch = .garbled
            return .unrecognized
        }
        branch = event.queueID.isEmpty ? .otherLine : .messageNote
        return .ignored
    }

    /// ` +0200` / `-0500` (`log_timezone`) at `index`, then the spaces after it.
    private static func zone(
        _ line: UnsafeBufferPointer<UInt8>, at index: inout Int, into stamp: inout LogTimestamp
    ) {
        let sign = EximScan.byte(line, index)
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return }
        var cursor = index
        guard let offset = TimestampParser.utcOffset(line, at: &cursor, colon: false),
            cursor == line.count || line[cursor] == EximScan.space
        else { return }
        stamp.utcOffsetSeconds = offset
        index = EximScan.skipSpaces(line, from: cursor, limit: line.count)
    }

    /// `[pid]` or `[pid/seq]` (`log_selector = +pid`) at `index`, then the spaces after it.
    private static func pid(
        _ line: UnsafeBufferPointer<UInt8>, at index: inout Int, into event: inout RawEvent
    ) {
        var cursor = index
        guard let pid = EximScan.bracketPID(line, at: &cursor),
            cursor == line.count || line[cursor] == EximScan.space
        else { return }
        if event.pid == nil { event.pid = pid }
        index = EximScan.skipSpaces(line, from: cursor, limit: line.count)
    }

    /// `host exim[pid]: ` between an Exim stamp and the text, as some syslog relays write it
    /// (`2016-04-01 11:08:00 info exim[8003]: [8003] ...`).
    private static func syslogWrapper(
        _ line: UnsafeBufferPointer<UInt8>, at index: inout Int, into event: inout RawEvent
    ) {
        let count = line.count
        let hostEnd = EximScan.tokenEnd(line, from: index, limit: Swift.min(count, index + 256))
        let program = hostEnd + 1
        guard hostEnd > index, hostEnd < count, ByteScan.hasPrefix(line, at: program, "exim")
        else { return }
        var cursor = program + 4
        while cursor < count, cursor - program < 64, line[cursor] != UInt8(ascii: "["),
            line[cursor] != EximScan.colon, line[cursor] != EximScan.space
        {
            cursor += 1
        }
        let programEnd = cursor
        var pid: Int?
        if EximScan.byte(line, cursor) == UInt8(ascii: "[") {
            pid = EximScan.bracketPID(line, at: &cursor)
            guard pid != nil else { return }
        }
        guard EximScan.byte(line, cursor) == EximScan.colon,
            EximScan.byte(line, cursor + 1) == EximScan.space
        else { return }
        event.host = ByteRange(index, hostEnd)
        event.program = ByteRange(program, programEnd)
        event.pid = pid
        index = EximScan.skipSpaces(line, from: cursor + 2, limit: count)
        self.pid(line, at: &index, into: &event)
    }
}
