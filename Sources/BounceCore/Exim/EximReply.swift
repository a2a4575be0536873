/// Reads the reason text of a failure: the remote's reply with its codes and SMTP stage, or the
/// MTA's own wording.
enum EximReply {
    /// Fills `reply`, `replyIsRemote`, `stage`, `replyCode` and `replyDSN` from the reason in
    /// `line[start..<end]`.
    static func analyse(
        _ line: UnsafeBufferPointer<UInt8>, start: Int, end: Int, into event: inout RawEvent
    ) {
        guard start < end else { return }
        let window = EximScan.window(start, end)
        if let found = EximPhrase.smtpError.find(in: line, from: start, to: window) {
            remote(line, stageAt: found + 41, reasonStart: start, end: end, into: &event)
            return
        }
        if let found = EximPhrase.lmtpError.find(in: line, from: start, to: window) {
            remote(line, stageAt: found + 17, reasonStart: start, end: end, into: &event)
            return
        }
        event.reply = ByteRange(start, end)
        // `defer (110): Connection timed out H=mx [ip]: SMTP timeout after ...` names the host
        // inside the reason.
        if event.relay.isEmpty,
            let host = ByteScan.find(" H=", in: line, from: start, to: window)
        {
            let limit = EximScan.separator(line, from: host + 3, limit: end) ?? end
            event.relay = EximHost.parse(line, at: host + 3, limit: limit).text
        }
        if let found = EximPhrase.timeoutAfter.find(in: line, from: start, to: window) {
            event.stage = stage(line, at: found + 18, end: end)
        } else if let found = EximPhrase.inResponseTo.find(
            in: line, from: start, to: window)
        {
            event.stage = stage(line, at: found + 15, end: end)
        }
        codes(line, at: start, end: end, into: &event)
    }

    /// `...after RCPT TO:<x>: 550 5.1.1 User unknown`: the reply starts at the first `: ` that
    /// is followed by a digit (the stage itself may hold `: `-free text such as `SIZE=123`).
    private static func remote(
        _ line: UnsafeBufferPointer<UInt8>, stageAt stageStart: Int, reasonStart: Int, end: Int,
        into event: inout RawEvent
    ) {
        event.stage = stage(line, at: stageStart, end: end)
        var cursor = stageStart
        var firstColon: Int?
        while let colon = ByteScan.find(": ", in: line, from: cursor, to: end) {
            if firstColon == nil { firstColon = colon }
            if ByteScan.isDigit(ByteScan.byte(line, colon + 2)), colon + 2 < end {
                event.reply = ByteRange(colon + 2, end)
                event.replyIsRemote = true
                codes(line, at: colon + 2, end: end, into: &event)
                return
            }
            cursor = colon + 2
        }
        // A reply without a code: keep what the remote said, or the whole reason.
        if let colon = firstColon, colon + 2 < end {
            event.reply = ByteRange(colon + 2, end)
            event.replyIsRemote = true
        } else {
            event.reply = ByteRange(reasonStart, end)
        }
    }

    /// `550 5.1.1 ...`, `550-5.1.1 ...`, `550 ...` or `5.7.1 ...` at `index`.
    static func codes(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, end: Int, into event: inout RawEvent
    ) {
        let first = ByteScan.byte(line, index)
        if first &- UInt8(ascii: "2") < 4, index + 3 <= end,
            ByteScan.isDigit(line[index + 1]), ByteScan.isDigit(line[index + 2]),
            index + 3 == end || line[index + 3] == EximScan.space
                || line[index + 3] == UInt8(ascii: "-")
        {
            event.replyCode =
                Int(first &- 48) * 100 + Int(line[index + 1] &- 48) * 10
                + Int(line[index + 2] &- 48)
            event.replyDSN = dsn(line, at: index + 4, end: end)
            return
        }
        event.replyDSN = dsn(line, at: index, end: end)
    }

    /// An enhanced code at `index` that a space or the end follows.
    private static func dsn(_ line: UnsafeBufferPointer<UInt8>, at index: Int, end: Int)
        -> EnhancedStatusCode?
    {
        guard index < end else { return nil }
        var cursor = index
        guard let code = EnhancedStatusCode.scan(line, at: &cursor), cursor <= end else {
            return nil
        }
        let next = ByteScan.byte(line, cursor)
        guard cursor == end || next == EximScan.space || next == UInt8(ascii: "\\") else {
            return nil
        }
        return code
    }

    /// The SMTP stage named at `index` (after `after ` or `in response to `).
    static func stage(_ line: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> SMTPStage {
        var cursor = index
        if ByteScan.hasPrefix(line, at: cursor, "pipelined ") { cursor += 10 }
        guard cursor < end else { return .unknown }
        switch line[cursor] {
        case UInt8(ascii: "R"):
            if ByteScan.hasPrefix(line, at: cursor, "RCPT") { return .rcptTo }
        case UInt8(ascii: "M"):
            if ByteScan.hasPrefix(line, at: cursor, "MAIL") { return .mailFrom }
        case UInt8(ascii: "D"):
            if ByteScan.hasPrefix(line, at: cursor, "DATA") { return .data }
        case UInt8(ascii: "B"):
            if ByteScan.hasPrefix(line, at: cursor, "BDAT") { return .data }
        case UInt8(ascii: "e"):
            if ByteScan.hasPrefix(line, at: cursor, "end of data") { return .endOfData }
        case UInt8(ascii: "s"):
            if ByteScan.hasPrefix(line, at: cursor, "sending data block") { return .data }
        case UInt8(ascii: "i"):
            if ByteScan.hasPrefix(line, at: cursor, "initial connection") { return .greeting }
        case UInt8(ascii: "E"), UInt8(ascii: "L"):
            if ByteScan.hasPrefix(line, at: cursor + 1, "HLO") { return .helo }
        case UInt8(ascii: "H"):
            if ByteScan.hasPrefix(line, at: cursor, "HELO") { return .helo }
        case UInt8(ascii: "S"):
            if ByteScan.hasPrefix(line, at: cursor, "STARTTLS") { return .starttls }
        case UInt8(ascii: "A"):
            if ByteScan.hasPrefix(line, at: cursor, "AUTH") { return .auth }
        case UInt8(ascii: "Q"):
            if ByteScan.hasPrefix(line, at: cursor, "QUIT") { return .quit }
        default:
            break
        }
        return .unknown
    }
}
