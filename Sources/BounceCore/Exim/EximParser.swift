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
        var event = RawEvent.unparsed()
        let outcome = parseMainlog(line, into: &event, branch: &branch)
        return ParseResult(outcome, event: event)
    }

    /// As `parseMainlog(_:branch:)`, writing the event into `event` (see `LineOutcome`).
    public static func parseMainlog(
        _ line: UnsafeBufferPointer<UInt8>, into event: inout RawEvent, branch: inout EximBranch
    ) -> LineOutcome {
        var stamps = StampCache()
        return parseMainlog(line, into: &event, branch: &branch, stamps: &stamps)
    }

    /// As `parseMainlog(_:into:branch:)`, taking the stamp from `stamps` when the line starts
    /// with the same bytes as the line before (`StampCache`).
    ///
    /// `messages`: whether arrivals and `Completed` come out as message notes
    /// (`LineOutcome.message`) or, read no further, as ignored lines.
    public static func parseMainlog(
        _ line: UnsafeBufferPointer<UInt8>, into event: inout RawEvent, branch: inout EximBranch,
        stamps: inout StampCache, messages: Bool = true
    ) -> LineOutcome {
        var cursor = 0
        guard var stamp = stamps.exim(line, at: &cursor),
            cursor == line.count || line[cursor] == EximScan.space
        else {
            branch = .garbled
            return .unrecognized
        }
        // Nearly every line: one space, a message id, one space, the text. Arrivals and
        // `Completed` are then decided here, before anything is set up for the line.
        if let idEnd = EximScan.quickIDEnd(line, at: cursor &+ 1) {
            let text = idEnd &+ 1
            if let note = EximLead.decided(line, at: text, branch: &branch) {
                guard messages else { return .ignored }
                let prefix = EximPrefix(timestamp: stamp, queueID: ByteRange(cursor &+ 1, idEnd))
                return message(note, line, at: text, prefix: prefix, into: &event)
            }
            var prefix = EximPrefix(timestamp: stamp, queueID: ByteRange(cursor &+ 1, idEnd))
            return decisiveWords(line, at: text, prefix: &prefix, into: &event, branch: &branch)
        }
        var prefix = EximPrefix()
        cursor = EximScan.skipSpaces(line, from: cursor, limit: line.count)
        // Most logs have no `log_timezone`: answer that without a call.
        let sign = ByteScan.byte(line, cursor)
        if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            zone(line, at: &cursor, into: &stamp)
        }
        prefix.timestamp = stamp
        pid(line, at: &cursor, into: &prefix)
        var idEnd = EximScan.messageIDEnd(line, at: cursor)
        if idEnd == nil, syslogWrapper(line, at: &cursor, into: &prefix) {
            idEnd = EximScan.messageIDEnd(line, at: cursor)
        }
        return body(
            line, at: cursor, idEnd: idEnd, prefix: &prefix, into: &event, branch: &branch,
            messages: messages)
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
        var event = RawEvent.unparsed()
        let outcome = parse(line, header: header, into: &event, branch: &branch)
        return ParseResult(outcome, event: event)
    }

    /// As `parse(_:header:branch:)`, writing the event into `event` (see `LineOutcome`).
    public static func parse(
        _ line: UnsafeBufferPointer<UInt8>, header: SyslogHeader, into event: inout RawEvent,
        branch: inout EximBranch, messages: Bool = true
    ) -> LineOutcome {
        var prefix = EximPrefix(
            timestamp: header.timestamp, host: header.host, program: header.program,
            pid: header.pid)
        var cursor = header.messageStart
        // Exim's `syslog_timestamp` (on by default) repeats its own stamp, which has a year.
        if ByteScan.isDigit(ByteScan.byte(line, cursor)) {
            var probe = cursor
            if var stamp = TimestampParser.exim(line, at: &probe) {
                probe = EximScan.skipSpaces(line, from: probe, limit: line.count)
                zone(line, at: &probe, into: &stamp)
                prefix.timestamp = stamp
                cursor = probe
            }
        }
        pid(line, at: &cursor, into: &prefix)
        let idEnd = EximScan.messageIDEnd(line, at: cursor)
        return body(
            line, at: cursor, idEnd: idEnd, prefix: &prefix, into: &event, branch: &branch,
            messages: messages)
    }

    /// The text after the prefix: an optional message id (ending at `idEnd`), then the
    /// decisive words, filling `event` in place.
    @inline(__always)
    private static func body(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, idEnd: Int?, prefix: inout EximPrefix,
        into event: inout RawEvent, branch: inout EximBranch, messages: Bool
    ) -> LineOutcome {
        let count = line.count
        var cursor = index
        if let idEnd {
            prefix.queueID = ByteRange(cursor, idEnd)
            cursor = EximScan.skipSpaces(line, from: idEnd, limit: count)
        }
        guard cursor < count else {
            branch = .truncated
            return .unrecognized
        }
        if ByteScan.hasPrefix(line, at: cursor, "<= ") {
            branch = .arrival
            guard messages else { return .ignored }
            return message(.arrival, line, at: cursor, prefix: prefix, into: &event)
        }
        // The last line of every message: decided before an event is set up.
        if cursor + 9 == count, ByteScan.hasPrefix(line, at: cursor, "Completed") {
            guard !prefix.queueID.isEmpty else {
                branch = .otherLine
                return .ignored
            }
            branch = .messageNote
            guard messages else { return .ignored }
            return message(.removed, line, at: cursor, prefix: prefix, into: &event)
        }
        return decisiveWords(line, at: cursor, prefix: &prefix, into: &event, branch: &branch)
    }

    /// An arrival (`<= ` at `index`) or `Completed` as a message note (`LineOutcome.message`):
    /// only the note's fields are written.
    @inline(__always)
    private static func message(
        _ note: MessageNote, _ line: UnsafeBufferPointer<UInt8>, at index: Int,
        prefix: EximPrefix, into event: inout RawEvent
    ) -> LineOutcome {
        event.mta = .exim
        event.queueID = prefix.queueID
        event.timestamp = prefix.timestamp
        event.host = prefix.host
        event.program = prefix.program
        if note == .arrival {
            EximMessageNote.arrival(line, at: index &+ 3, into: &event)
        } else {
            event.note = .removed
        }
        return .message
    }

    /// The decisive words at `cursor` (not at the end of the line) of a line that is neither
    /// an arrival nor `Completed`.
    private static func decisiveWords(
        _ line: UnsafeBufferPointer<UInt8>, at cursor: Int, prefix: inout EximPrefix,
        into event: inout RawEvent, branch: inout EximBranch
    ) -> LineOutcome {
        // One event, the caller's, filled in place by whichever part recognises the line:
        // `RawEvent` is large, and each copy shows in the benchmark.
        event = prefix.event(.delivery, .sent)
        if let flag = EximDelivery.flag(line, at: cursor) {
            return EximDelivery.parse(flag, line, at: cursor + 2, into: &event, branch: &branch)
        }
        if EximReject.parse(line, at: cursor, into: &event, branch: &branch)
            || EximAuth.parse(line, at: cursor, into: &event, branch: &branch)
        {
            return .event
        }
        // Control bytes, or a delivery flag where no flag could be read (a broken message
        // id, a missing address): never a harmless note.
        if line[cursor] < 0x20 || line[cursor] == 0x7F
            || EximFlagSearch.contains(line)
        {
            branch = .garbled
            return .unrecognized
        }
        branch = prefix.queueID.isEmpty ? .otherLine : .messageNote
        return .ignored
    }

    /// ` +0200` / `-0500` (`log_timezone`) at `index`, then the spaces after it.
    private static func zone(
        _ line: UnsafeBufferPointer<UInt8>, at index: inout Int, into stamp: inout LogTimestamp
    ) {
        let sign = ByteScan.byte(line, index)
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return }
        var cursor = index
        guard let offset = TimestampParser.utcOffset(line, at: &cursor, colon: false),
            cursor == line.count || line[cursor] == EximScan.space
        else { return }
        stamp.utcOffsetSeconds = offset
        index = EximScan.skipSpaces(line, from: cursor, limit: line.count)
    }

    /// `[pid]` or `[pid/seq]` (`log_selector = +pid`) at `index`, then the spaces after it.
    @inline(__always)
    private static func pid(
        _ line: UnsafeBufferPointer<UInt8>, at index: inout Int, into prefix: inout EximPrefix
    ) {
        // Most logs have no `+pid`: answer that without a call.
        guard ByteScan.byte(line, index) == UInt8(ascii: "[") else { return }
        var cursor = index
        guard let pid = EximScan.bracketPID(line, at: &cursor),
            cursor == line.count || line[cursor] == EximScan.space
        else { return }
        if prefix.pid == nil { prefix.pid = pid }
        index = EximScan.skipSpaces(line, from: cursor, limit: line.count)
    }

    /// `host exim[pid]: ` between an Exim stamp and the text, as some syslog relays write it
    /// (`2016-04-01 11:08:00 info exim[8003]: [8003] ...`).
    @discardableResult
    private static func syslogWrapper(
        _ line: UnsafeBufferPointer<UInt8>, at index: inout Int, into prefix: inout EximPrefix
    ) -> Bool {
        let count = line.count
        let hostEnd = EximScan.tokenEnd(line, from: index, limit: Swift.min(count, index + 256))
        let program = hostEnd + 1
        guard hostEnd > index, hostEnd < count, ByteScan.hasPrefix(line, at: program, "exim")
        else { return false }
        var cursor = program + 4
        while cursor < count, cursor - program < 64, line[cursor] != UInt8(ascii: "["),
            line[cursor] != EximScan.colon, line[cursor] != EximScan.space
        {
            cursor += 1
        }
        let programEnd = cursor
        var pid: Int?
        if ByteScan.byte(line, cursor) == UInt8(ascii: "[") {
            pid = EximScan.bracketPID(line, at: &cursor)
            guard pid != nil else { return false }
        }
        guard ByteScan.byte(line, cursor) == EximScan.colon,
            ByteScan.byte(line, cursor + 1) == EximScan.space
        else { return false }
        prefix.host = ByteRange(index, hostEnd)
        prefix.program = ByteRange(program, programEnd)
        prefix.pid = pid
        index = EximScan.skipSpaces(line, from: cursor + 2, limit: count)
        self.pid(line, at: &index, into: &prefix)
        return true
    }
}
