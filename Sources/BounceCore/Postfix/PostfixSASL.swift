/// Failed SMTP AUTH: a client against our smtpd, or our smtp client against a relay.
enum PostfixSASL {
    /// smtpd `warning: CLIENT: SASL MECH authentication failed[: REASON][, sasl_username=U]`,
    /// with `index` after `warning: `, filling `event`; false for any other warning.
    static func server(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, into event: inout RawEvent
    ) -> Bool {
        let limit = line.count
        let client = PostfixScan.endpoint(line, at: index, limit: limit)
        guard !client.name.isEmpty, PostfixScan.starts(line, at: client.next, ": SASL ") else {
            return false
        }
        // The mechanism: any name, any case (`LOGIN`, `login`, `CRAM-MD5`).
        var cursor = client.next + 7
        while cursor < limit, line[cursor] != PostfixScan.space { cursor += 1 }
        guard PostfixScan.starts(line, at: cursor, " authentication failed") else { return false }
        cursor += 22
        event.kind = .authFailure
        event.status = .rejected
        event.stage = .auth
        event.client = client.name
        event.clientIP = client.ip
        let user = ByteScan.find(", sasl_username=", in: line, from: cursor)
        if PostfixScan.starts(line, at: cursor, ": ") {
            event.reply = PostfixScan.trimmed(ByteRange(cursor + 2, user ?? limit), in: line)
        }
        if let user {
            event.saslUsername = PostfixScan.trimmed(ByteRange(user + 16, limit), in: line)
        }
        return true
    }

    /// smtp `SASL [CACHED] authentication failed; server H said: REPLY` or
    /// `SASL authentication failed; cannot authenticate to server H: REASON`, with `index` at
    /// `SASL`, filling `event`; false for other text (`event` may then be partly written).
    static func client(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, into event: inout RawEvent
    ) -> Bool {
        let limit = line.count
        let reason = ByteRange(index, limit)
        event.kind = .authFailure
        event.status = .rejected
        event.stage = .auth
        if let reply = PostfixReason.remoteReply(line, in: reason, into: &event) {
            event.reply = reply
            event.replyIsRemote = true
            event.relay = serverName(line, before: reply.start)
            PostfixScan.replyCodes(line, in: reply, into: &event)
            return true
        }
        guard PostfixScan.starts(line, at: index, "SASL authentication failed; "),
            let server = ByteScan.find("server ", in: line, from: index + 28)
        else { return false }
        let name = PostfixScan.endpoint(line, at: server + 7, limit: limit)
        event.relay = name.name
        event.reply = PostfixScan.trimmed(ByteRange(index + 28, limit), in: line)
        event.replyIsRemote = false
        return true
    }

    /// The `H` in `server H said: ` that ends just before `replyStart`.
    private static func serverName(_ line: UnsafeBufferPointer<UInt8>, before replyStart: Int)
        -> ByteRange
    {
        let end = replyStart - 7
        var start = end
        while start > 0, line[start - 1] != PostfixScan.space { start -= 1 }
        return ByteRange(start, end)
    }
}
