/// The reason text of a delivery line: the remote's reply when Postfix quotes one
/// (`host X said: ...`), otherwise Postfix's own wording.
enum PostfixReason {
    /// Fills reply, reply code, enhanced code, stage and `replyIsRemote` from `reason`;
    /// returns whether the remote gave the reply.
    @discardableResult
    static func analyze(
        _ line: UnsafeBufferPointer<UInt8>, reason: ByteRange, status: DeliveryStatus,
        into event: inout RawEvent
    ) -> Bool {
        if status != .sent, let remote = remoteReply(line, in: reason, into: &event) {
            event.reply = remote
            event.replyIsRemote = true
            PostfixScan.replyCodes(line, in: remote, into: &event)
            return true
        }
        event.reply = reason
        event.replyIsRemote = false
        PostfixScan.replyCodes(line, in: reason, into: &event)
        if status != .sent { event.stage = mtaStage(line, in: reason) }
        return false
    }

    /// The reply inside `host H said: REPLY (in reply to X command)` or
    /// `host H refused to talk to me: REPLY`, possibly after `delivery temporarily suspended: `
    /// or as `SASL authentication failed; server H said: REPLY`; sets the stage.
    static func remoteReply(
        _ line: UnsafeBufferPointer<UInt8>, in reason: ByteRange, into event: inout RawEvent
    ) -> ByteRange? {
        var cursor = reason.start
        if PostfixScan.starts(line, at: cursor, "delivery temporarily suspended: ") {
            cursor += 32
        }
        if PostfixScan.starts(line, at: cursor, "host ") {
            cursor += 5
        } else if PostfixScan.starts(line, at: cursor, "SASL authentication failed; server ") {
            cursor += 35
            event.stage = .auth
        } else if ByteScan.hasPrefix(
            line, at: cursor, "SASL [CACHED] authentication failed; server ")
        {
            cursor += 44
            event.stage = .auth
        } else {
            return nil
        }
        // The host token has no spaces: `mx.example.com[192.0.2.1]`, `[192.0.2.1]`.
        guard let space = ByteScan.find(PostfixScan.space, in: line, from: cursor, to: reason.end)
        else { return nil }
        if PostfixScan.starts(line, at: space, " said: ") {
            let start = space + 7
            let (end, stage) = inReplyTo(line, from: start, to: reason.end)
            if stage != .unknown { event.stage = stage }
            return PostfixScan.trimmed(ByteRange(start, end), in: line)
        }
        if PostfixScan.starts(line, at: space, " refused to talk to me: ") {
            event.stage = .greeting
            return PostfixScan.trimmed(ByteRange(space + 24, reason.end), in: line)
        }
        return nil
    }

    /// Where a reply ends before a trailing ` (in reply to X command)`, and the stage X names.
    static func inReplyTo(_ line: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
        -> (Int, SMTPStage)
    {
        guard end > start, line[end - 1] == UInt8(ascii: ")"),
            let open = PostfixScan.lastFind(" (in reply to ", in: line, from: start, to: end)
        else { return (end, .unknown) }
        return (open, stage(line, ByteRange(open + 14, end - 1)))
    }

    /// The stage named by `RCPT TO command`, `end of DATA command`, `initial greeting`, ...
    static func stage(_ line: UnsafeBufferPointer<UInt8>, _ range: ByteRange) -> SMTPStage {
        let text = range.slice(of: line)
        var offset = 0
        if ByteScan.hasPrefix(text, at: 0, "the ") { offset = 4 }
        if ByteScan.hasPrefix(text, at: offset, "sending ") { offset += 8 }
        if ByteScan.hasPrefix(text, at: offset, "performing the ") { offset += 15 }
        if ByteScan.hasPrefix(text, at: offset, "RCPT TO") { return .rcptTo }
        if ByteScan.hasPrefix(text, at: offset, "MAIL FROM") { return .mailFrom }
        if ByteScan.hasPrefix(text, at: offset, "end of DATA")
            || ByteScan.hasPrefix(text, at: offset, "end of data")
        {
            return .endOfData
        }
        if ByteScan.hasPrefix(text, at: offset, "DATA")
            || ByteScan.hasPrefix(text, at: offset, "message body")
        {
            return .data
        }
        if ByteScan.hasPrefix(text, at: offset, "EHLO")
            || ByteScan.hasPrefix(text, at: offset, "HELO")
            || ByteScan.hasPrefix(text, at: offset, "LHLO")
        {
            return .helo
        }
        if ByteScan.hasPrefix(text, at: offset, "STARTTLS")
            || ByteScan.hasPrefix(text, at: offset, "TLS")
        {
            return .starttls
        }
        if ByteScan.hasPrefix(text, at: offset, "AUTH") { return .auth }
        if ByteScan.hasPrefix(text, at: offset, "QUIT") { return .quit }
        if ByteScan.hasPrefix(text, at: offset, "initial greeting")
            || ByteScan.hasPrefix(text, at: offset, "receiving the initial server greeting")
            || ByteScan.hasPrefix(text, at: offset, "initial server greeting")
        {
            return .greeting
        }
        return .unknown
    }

    /// The stage Postfix's own wording implies: `connect to ...` fails before any dialogue,
    /// `lost connection with X while sending RCPT TO` names its point.
    static func mtaStage(_ line: UnsafeBufferPointer<UInt8>, in reason: ByteRange) -> SMTPStage {
        var cursor = reason.start
        if PostfixScan.starts(line, at: cursor, "delivery temporarily suspended: ") {
            cursor += 32
        }
        if PostfixScan.starts(line, at: cursor, "connect to ") { return .connect }
        guard
            PostfixScan.starts(line, at: cursor, "lost connection with ")
                || PostfixScan.starts(line, at: cursor, "conversation with "),
            let hit = ByteScan.find(" while ", in: line, from: cursor, to: reason.end)
        else { return .unknown }
        return stage(line, ByteRange(hit + 7, reason.end))
    }
}
