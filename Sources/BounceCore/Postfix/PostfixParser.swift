/// Parses the message part of lines logged by Postfix daemons.
///
/// Which kind of line it is follows from the first bytes of the message (after an optional
/// queue id), not from the daemon name: instances rename daemons (`postfix-out/smtp`,
/// `postfix/submission/smtpd`) and some tools relabel them. The daemon only decides whether
/// text in no known shape is a harmless note or garbage.
public enum PostfixParser {
    /// A line whose tag is Postfix's: `header.program` starts with `postfix` (any instance
    /// name: `postfix-out/smtp`, ...) or has Postfix's shape (`PostfixShape`).
    public static func parse(_ line: UnsafeBufferPointer<UInt8>, header: SyslogHeader)
        -> ParseResult
    {
        var branch = PostfixBranch.garbled
        return parse(line, header: header, branch: &branch)
    }

    /// As `parse(_:header:)`, also reporting which branch decided.
    public static func parse(
        _ line: UnsafeBufferPointer<UInt8>, header: SyslogHeader, branch: inout PostfixBranch
    ) -> ParseResult {
        var event = RawEvent.unparsed()
        let outcome = parse(line, header: header, into: &event, branch: &branch)
        return ParseResult(outcome, event: event)
    }

    /// As `parse(_:header:branch:)`, writing the event into `event` (see `LineOutcome`).
    ///
    /// The parts below fill the caller's event in place and at most one of them writes to it
    /// for any line, so nothing is copied per line.
    public static func parse(
        _ line: UnsafeBufferPointer<UInt8>, header: SyslogHeader, into event: inout RawEvent,
        branch: inout PostfixBranch, messages: Bool = true
    ) -> LineOutcome {
        var header = header
        return parse(line, reading: &header, into: &event, branch: &branch, messages: messages)
    }

    /// As `parse(_:header:into:branch:)`, for `LineParser`, which has just read the header in
    /// place: taken `inout` (it is not changed) so that it is not copied on every line.
    ///
    /// `messages`: whether the lines that say who sent a message come out as message notes
    /// (`LineOutcome.message`) or, read no further, as ignored lines.
    static func parse(
        _ line: UnsafeBufferPointer<UInt8>, reading header: inout SyslogHeader,
        into event: inout RawEvent, branch: inout PostfixBranch, messages: Bool = true
    ) -> LineOutcome {
        // The event is set up only for lines that may be one: most lines of a busy log are
        // connection notes, and `RawEvent` is large.
        let start = header.messageStart
        guard start < line.count else {
            branch = .garbled
            return .unrecognized
        }
        if let idEnd = PostfixScan.queueIDEnd(line, at: start) {
            // Offsets inside a line of at most `Int32.max` bytes need no clamping.
            let id =
                line.count <= SyslogHeader.quickLineLimit
                ? ByteRange(small: start, idEnd) : ByteRange(start, idEnd)
            return queueLine(
                line, at: idEnd &+ 2, id: id, into: &event, header: &header, branch: &branch,
                messages: messages)
        }
        // One jump on the first byte instead of a literal compare per shape: most of these
        // lines are connection notes, which none of the shapes below fits.
        switch line[start] {
        case UInt8(ascii: "N") where PostfixScan.starts(line, at: start, "NOQUEUE: "):
            begin(&event, &header)
            let cursor = start + 9
            if let result = refusal(line, at: cursor, into: &event, branch: &branch) {
                return result
            }
            branch = .daemonNote
            return .ignored
        case UInt8(ascii: "w") where PostfixScan.starts(line, at: start, "warning: "):
            begin(&event, &header)
            if PostfixSASL.server(line, at: start + 9, into: &event) {
                branch = .saslServerFailure
                return .event
            }
            branch = .warning
            return .ignored
        case UInt8(ascii: "f") where PostfixScan.starts(line, at: start, "fatal: "),
            UInt8(ascii: "p") where PostfixScan.starts(line, at: start, "panic: "),
            UInt8(ascii: "e") where PostfixScan.starts(line, at: start, "error: "):
            branch = .warning
            return .ignored
        // Every refusal starts with `r`, `m` or `p`.
        case UInt8(ascii: "r"), UInt8(ascii: "m"), UInt8(ascii: "p"):
            begin(&event, &header)
            if let result = refusal(line, at: start, into: &event, branch: &branch) {
                return result
            }
        default:
            break
        }
        return note(line, header: &header, shape: .daemonNote, branch: &branch)
    }

    /// Resets `event` to a Postfix event carrying the header's fields.
    @inline(__always)
    private static func begin(_ event: inout RawEvent, _ header: inout SyslogHeader) {
        event = RawEvent(
            mta: .postfix, kind: .delivery, status: .sent, timestamp: header.timestamp)
        event.host = header.host
        event.program = header.program
        event.pid = header.pid
    }

    /// Writes what every message note carries (`LineOutcome.message`): the queue id and the
    /// header's stamp, host and program, which tell whose queue the id is in.
    @inline(__always)
    private static func messageNote(
        _ id: ByteRange, _ event: inout RawEvent, _ header: inout SyslogHeader
    ) {
        event.mta = .postfix
        event.queueID = id
        event.timestamp = header.timestamp
        event.host = header.host
        event.program = header.program
    }

    /// A line that starts with the queue id `id`; `index` is after its `: `.
    ///
    /// The event is set up only for the shapes that may be one: a third of a busy log is
    /// `client=`, `message-id=`, `removed` and qmgr's `from=<...>, size=` notes.
    private static func queueLine(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, id: ByteRange,
        into event: inout RawEvent, header: inout SyslogHeader, branch: inout PostfixBranch,
        messages: Bool
    ) -> LineOutcome {
        switch ByteScan.byte(line, index) {
        case UInt8(ascii: "m") where PostfixScan.starts(line, at: index, "message-id="),
            UInt8(ascii: "u") where PostfixScan.starts(line, at: index, "uid="):
            branch = .queueNote
            return .ignored
        case UInt8(ascii: "c") where PostfixScan.starts(line, at: index, "client="):
            branch = .queueNote
            guard messages else { return .ignored }
            messageNote(id, &event, &header)
            PostfixMessageNote.client(line, at: index &+ 7, into: &event)
            return .message
        case UInt8(ascii: "r") where PostfixScan.starts(line, at: index, "removed"):
            branch = .queueNote
            guard messages else { return .ignored }
            messageNote(id, &event, &header)
            event.note = .removed
            return .message
        case UInt8(ascii: "w") where PostfixScan.starts(line, at: index, "warning: "),
            UInt8(ascii: "i") where PostfixScan.starts(line, at: index, "info: "):
            branch = .warning
            return .ignored
        case UInt8(ascii: "f")
        where messages
            ? PostfixMessageNote.sender(line, at: index, into: &event)
            : PostfixDelivery.opensQueueActive(line, at: index):
            branch = .queueActive
            guard messages else { return .ignored }
            messageNote(id, &event, &header)
            return .message
        case UInt8(ascii: "S") where PostfixScan.starts(line, at: index, "SASL "):
            begin(&event, &header)
            event.queueID = id
            if PostfixSASL.client(line, at: index, into: &event) {
                branch = .saslClientFailure
                return .event
            }
            branch = .queueNote
            return .ignored
        default:
            break
        }
        begin(&event, &header)
        event.queueID = id
        switch ByteScan.byte(line, index) {
        case UInt8(ascii: "r"), UInt8(ascii: "m"), UInt8(ascii: "p"):
            // Every refusal starts with one of these.
            if let result = refusal(line, at: index, into: &event, branch: &branch) {
                return result
            }
        default:
            break
        }
        let startsWithTo = PostfixScan.starts(line, at: index, "to=")
        switch PostfixDelivery.parse(line, at: index, into: &event, branch: &branch) {
        case .event:
            return .event
        case .ignored:
            return .ignored
        case .missing where startsWithTo:
            // A delivery line cut before its status, or with a status no Postfix writes.
            branch = .garbled
            return .unrecognized
        case .missing:
            return note(line, header: &header, shape: .queueNote, branch: &branch)
        }
    }

    /// `reject:`, `milter-reject:`, `proxy-reject:` and `reject_warning:` at `index`; nil when
    /// the text is none of them (and `event` untouched).
    private static func refusal(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, into event: inout RawEvent,
        branch: inout PostfixBranch
    ) -> LineOutcome? {
        let kind: PostfixBranch
        let textStart: Int
        switch ByteScan.byte(line, index) {
        case UInt8(ascii: "r") where PostfixScan.starts(line, at: index, "reject: "):
            kind = .rejectCommand
            textStart = index + 8
        case UInt8(ascii: "r") where PostfixScan.starts(line, at: index, "reject_warning: "):
            branch = .rejectWarning
            return .ignored
        case UInt8(ascii: "m") where PostfixScan.starts(line, at: index, "milter-reject: "):
            kind = .milterReject
            textStart = index + 15
        case UInt8(ascii: "p") where PostfixScan.starts(line, at: index, "proxy-reject: "):
            kind = .proxyReject
            textStart = index + 14
        default:
            return nil
        }
        guard PostfixReject.parse(line, at: textStart, into: &event) else {
            branch = .garbled
            return .unrecognized
        }
        branch =
            kind == .rejectCommand && !isSMTPCommand(line, at: textStart) ? .contentReject : kind
        return .event
    }

    /// Whether the refused "command" at `index` is an upper-case SMTP word, not cleanup's
    /// `header`/`body` check.
    private static func isSMTPCommand(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        ByteScan.byte(line, index) &- UInt8(ascii: "A") < 26
    }

    /// Text in no event shape: a note when a known daemon wrote it, garbage otherwise; a line
    /// with a delivery marker (`DeliveryMarker`) is always unrecognized.
    private static func note(
        _ line: UnsafeBufferPointer<UInt8>, header: inout SyslogHeader, shape: PostfixBranch,
        branch: inout PostfixBranch
    ) -> LineOutcome {
        switch PostfixDaemon.commonRole(header.program, in: line) {
        case .inbound:
            branch = shape
            return .ignored
        case .delivering:
            return knownNote(line, shape: shape, branch: &branch)
        case nil:
            break
        }
        let daemon = PostfixDaemon.name(in: line, program: header.program)
        // The inbound daemons (all of them known ones), whose notes are most of a busy log,
        // write no delivery status: their lines are not searched, and asked about first.
        if PostfixDaemon.isInbound(daemon, in: line) {
            branch = shape
            return .ignored
        }
        if PostfixDaemon.isKnown(daemon, in: line) {
            return knownNote(line, shape: shape, branch: &branch)
        }
        branch = .garbled
        return .unrecognized
    }

    /// Text in no event shape from a known daemon that is not inbound.
    @inline(__always)
    private static func knownNote(
        _ line: UnsafeBufferPointer<UInt8>, shape: PostfixBranch, branch: inout PostfixBranch
    ) -> LineOutcome {
        // A delivery that did not parse is never a harmless note.
        if DeliveryMarker.containsStatus(line) {
            branch = .garbled
            return .unrecognized
        }
        branch = shape
        return .ignored
    }
}
