/// SMTP AUTH failures: `X authenticator failed for (helo) [ip]:port: 535 ... (set_id=alice)`
/// when a client fails against us, and `<id> X authenticator failed H=relay [ip] 535 ...` when
/// our client fails against a relay.
enum EximAuth {
    /// Parses an authentication failure in the text at `index` into `event`, or returns false
    /// (leaving `event` alone).
    static func parse(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, into event: inout RawEvent,
        branch: inout EximBranch
    ) -> Bool {
        let count = line.count
        guard
            let found = EximPhrase.authenticatorFailed.find(
                in: line, from: index, to: EximScan.window(index, count)),
            found == index || line[found - 1] == EximScan.space
        else { return false }
        event.kind = .authFailure
        event.status = .rejected
        event.stage = .auth
        var cursor = found + 20
        // Without `for`, the host is the server we talked to: only a line about a message (we
        // were delivering it) makes it a relay; otherwise it is a client of ours.
        var isClientOfOurs = true
        if ByteScan.hasPrefix(line, at: cursor, " for ") {
            cursor += 5
            if ByteScan.hasPrefix(line, at: cursor, "H=") { cursor += 2 }
        } else if ByteScan.hasPrefix(line, at: cursor, " H=") {
            cursor += 3
            isClientOfOurs = event.queueID.isEmpty
        }
        if cursor < count, !ByteScan.hasPrefix(line, at: cursor, "U="),
            line[cursor] != EximScan.colon
        {
            let host = EximHost.parse(line, at: cursor, limit: count)
            if isClientOfOurs {
                event.client = host.text
                event.clientIP = host.ip
            } else {
                event.relay = host.text
                event.replyIsRemote = true
            }
            cursor = host.end
        }
        branch = isClientOfOurs ? .authServer : .authClient
        if let start = replyStart(line, from: cursor) {
            event.reply = ByteRange(start, count)
            EximReply.codes(line, at: start, end: count, into: &event)
            event.saslUsername = setID(line, from: start)
        }
        return true
    }

    /// The reply after the host: after the next `: ` that a digit follows, else the code that
    /// follows the host directly (`[ip] 535 ...`), else after the first `: `.
    private static func replyStart(_ line: UnsafeBufferPointer<UInt8>, from index: Int) -> Int? {
        let count = line.count
        var cursor = index
        var firstColon: Int?
        while let colon = ByteScan.find(": ", in: line, from: cursor, to: count) {
            if firstColon == nil { firstColon = colon }
            if ByteScan.isDigit(ByteScan.byte(line, colon + 2)) { return colon + 2 }
            cursor = colon + 2
        }
        // `H=(helo) [ip] [ip] 535 ...`: skip spaces and bracketed words up to the code.
        cursor = index
        while true {
            cursor = EximScan.skipSpaces(line, from: cursor, limit: count)
            guard cursor < count, line[cursor] == UInt8(ascii: "[") else { break }
            cursor = EximScan.tokenEnd(line, from: cursor, limit: count)
        }
        if ByteScan.isDigit(ByteScan.byte(line, cursor)) { return cursor }
        if let colon = firstColon, colon + 2 < count { return colon + 2 }
        return nil
    }

    /// The user name in `(set_id=alice)`.
    private static func setID(_ line: UnsafeBufferPointer<UInt8>, from index: Int) -> ByteRange {
        let count = line.count
        guard let found = EximPhrase.setID.find(in: line, from: index, to: count) else {
            return .none
        }
        let start = found + 8
        let end = ByteScan.find(UInt8(ascii: ")"), in: line, from: start, to: count) ?? count
        return end > start ? ByteRange(start, end) : .none
    }
}
