/// Refusals of inbound mail: smtpd and postscreen `reject:`, `milter-reject:`, `proxy-reject:`,
/// and cleanup's header/body checks.
enum PostfixReject {
    /// Parses the text after `reject: ` (or `milter-reject: `, `proxy-reject: `) at `index`;
    /// filling `event`; false when it is not in any known shape (`event` may then be partly
    /// written).
    static func parse(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, into event: inout RawEvent
    ) -> Bool {
        let limit = line.count
        event.kind = .reject
        event.status = .rejected
        var cursor = index
        var commandIsSMTP = true
        while cursor < limit, line[cursor] != PostfixScan.space, line[cursor] != PostfixScan.colon {
            let byte = line[cursor]
            if !(byte &- UInt8(ascii: "A") < 26 || byte == UInt8(ascii: "-")) {
                commandIsSMTP = false
            }
            cursor += 1
        }
        let command = ByteRange(index, cursor)
        guard !command.isEmpty else { return false }
        guard commandIsSMTP else {
            return content(line, at: index, command: command, into: &event)
        }
        event.stage = stage(of: command, in: line)
        if PostfixScan.starts(line, at: cursor, " from ") {
            let client = PostfixScan.endpoint(line, at: cursor + 6, limit: limit)
            event.client = client.name
            event.clientIP = client.ip
            cursor = client.next
        }
        guard PostfixScan.starts(line, at: cursor, ": ") else { return false }
        let replyStart = cursor + 2
        let replyEnd = envelopeStart(line, from: replyStart) ?? limit
        event.reply = PostfixScan.trimmed(ByteRange(replyStart, replyEnd), in: line)
        PostfixScan.replyCodes(line, in: event.reply, into: &event)
        if replyEnd < limit {
            _ = envelope(line, at: replyEnd + 2, into: &event)
        }
        return true
    }

    /// cleanup's `header|body|content TEXT from CLIENT; from=<...> to=<...> ...: REPLY`.
    private static func content(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, command: ByteRange,
        into event: inout RawEvent
    ) -> Bool {
        let limit = line.count
        guard
            PostfixScan.starts(line, at: command.start, "header")
                || PostfixScan.starts(line, at: command.start, "body")
                || PostfixScan.starts(line, at: command.start, "content")
                || PostfixScan.starts(line, at: command.start, "mime")
                || PostfixScan.starts(line, at: command.start, "nested"),
            let tail = ByteScan.find("; from=<", in: line, from: command.end)
        else { return false }
        event.stage = .endOfData
        if let from = PostfixScan.lastFind(" from ", in: line, from: command.end, to: tail) {
            let client = PostfixScan.endpoint(line, at: from + 6, limit: tail)
            event.client = client.name
            event.clientIP = client.ip
        }
        let after = envelope(line, at: tail + 2, into: &event)
        if PostfixScan.starts(line, at: after, ": ") {
            event.reply = PostfixScan.trimmed(ByteRange(after + 2, limit), in: line)
        }
        if event.reply.isEmpty {
            // No text configured: the checked header or body line says what was refused.
            event.reply = PostfixScan.trimmed(ByteRange(index, tail), in: line)
        }
        PostfixScan.replyCodes(line, in: event.reply, into: &event)
        return true
    }

    /// The `;` that starts the `from=<...> to=<...> proto=... helo=<...>` part Postfix appends
    /// to the reply. The reply itself may hold `;` (`Service unavailable; Client host ...`).
    private static func envelopeStart(_ line: UnsafeBufferPointer<UInt8>, from index: Int)
        -> Int?
    {
        var cursor = index
        while let semicolon = ByteScan.find(UInt8(ascii: ";"), in: line, from: cursor) {
            let next = semicolon + 2
            if ByteScan.byte(line, semicolon + 1) == PostfixScan.space,
                PostfixScan.starts(line, at: next, "from=<")
                    || PostfixScan.starts(line, at: next, "to=<")
                    || PostfixScan.starts(line, at: next, "proto=")
                    || PostfixScan.starts(line, at: next, "helo=")
            {
                return semicolon
            }
            cursor = semicolon + 1
        }
        return nil
    }

    /// Reads `from=<...> to=<...> proto=... helo=<...>` (separated by spaces or `, `) at
    /// `index`, keeping the recipient; returns the index after the last field read.
    @discardableResult
    static func envelope(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, into event: inout RawEvent
    ) -> Int {
        let limit = line.count
        var cursor = index
        while cursor < limit {
            let valueStart: Int
            let isRecipient: Bool
            if PostfixScan.starts(line, at: cursor, "from=") {
                valueStart = cursor + 5
                isRecipient = false
            } else if PostfixScan.starts(line, at: cursor, "to=") {
                valueStart = cursor + 3
                isRecipient = true
            } else if PostfixScan.starts(line, at: cursor, "proto=") {
                valueStart = cursor + 6
                isRecipient = false
            } else if PostfixScan.starts(line, at: cursor, "helo=") {
                valueStart = cursor + 5
                isRecipient = false
            } else {
                return cursor
            }
            guard let found = PostfixScan.address(line, at: valueStart, limit: limit) else {
                return cursor
            }
            if isRecipient {
                event.recipient = found.range
                event.domain = PostfixScan.domain(of: found.range, in: line)
            }
            cursor = found.next
            if ByteScan.byte(line, cursor) == PostfixScan.comma { cursor += 1 }
            guard ByteScan.byte(line, cursor) == PostfixScan.space else { return cursor }
            cursor += 1
        }
        return cursor
    }

    /// The stage a refused command names.
    private static func stage(of command: ByteRange, in line: UnsafeBufferPointer<UInt8>)
        -> SMTPStage
    {
        let text = command.slice(of: line)
        switch text.count {
        case 4:
            if ByteScan.hasPrefix(text, at: 0, "RCPT") { return .rcptTo }
            if ByteScan.hasPrefix(text, at: 0, "MAIL") { return .mailFrom }
            if ByteScan.hasPrefix(text, at: 0, "EHLO") || ByteScan.hasPrefix(text, at: 0, "HELO") {
                return .helo
            }
            if ByteScan.hasPrefix(text, at: 0, "DATA") || ByteScan.hasPrefix(text, at: 0, "BDAT") {
                return .data
            }
            if ByteScan.hasPrefix(text, at: 0, "AUTH") { return .auth }
            if ByteScan.hasPrefix(text, at: 0, "QUIT") { return .quit }
        case 7 where ByteScan.hasPrefix(text, at: 0, "CONNECT"):
            return .connect
        case 8 where ByteScan.hasPrefix(text, at: 0, "STARTTLS"):
            return .starttls
        case 14 where ByteScan.hasPrefix(text, at: 0, "END-OF-MESSAGE"):
            return .endOfData
        default:
            break
        }
        return .unknown
    }
}
