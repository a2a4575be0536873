/// ACL and policy rejects of an incoming connection or message:
/// `H=(helo) [ip]:port F=<a@b> rejected RCPT <x@y>: reason` and its relatives.
enum EximReject {
    /// Parses a reject starting at `index` into `event`, or returns false (leaving `event`
    /// alone) when the line is not one. A reject is a run of `KEY=value` fields (possibly none)
    /// followed by `rejected` or `temporarily rejected`.
    static func parse(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, into event: inout RawEvent,
        branch: inout EximBranch
    ) -> Bool {
        let count = line.count
        if ByteScan.hasPrefix(line, at: index, "refused connection from ") {
            // `host_reject_connection` turns the client away before the greeting.
            let host = EximHost.parse(line, at: index + 24, limit: count)
            event.kind = .reject
            event.status = .rejected
            event.stage = .connect
            event.client = host.text
            event.clientIP = host.ip
            branch = .refusedConnection
            return true
        }
        var cursor = index
        var host: EximHost?
        var keyword = 0
        while true {
            guard cursor < count else { return false }
            if ByteScan.hasPrefix(line, at: cursor, "rejected ") {
                keyword = cursor + 9
                break
            }
            if ByteScan.hasPrefix(line, at: cursor, "temporarily rejected ") {
                keyword = cursor + 21
                break
            }
            guard let value = EximScan.keyValueStart(line, at: cursor, limit: count) else {
                return false
            }
            if line[cursor] == UInt8(ascii: "H"), value == cursor + 2 {
                let parsed = EximHost.parse(line, at: value, limit: count)
                host = parsed
                cursor = parsed.end
            } else {
                cursor = EximScan.valueEnd(line, from: value, limit: count)
            }
            cursor = EximScan.skipSpaces(line, from: cursor, limit: count)
        }
        event.kind = .reject
        event.status = .rejected
        var reasonFrom = keyword
        (branch, event.stage) = what(line, at: keyword)
        if branch == .rejectRecipient {
            reasonFrom = recipient(line, at: keyword + 5, into: &event)
        }
        let separator = EximScan.separator(line, from: reasonFrom, limit: count)
        if host == nil {
            host = trailingHost(line, from: keyword, to: separator ?? count)
        }
        if let host {
            event.client = host.text
            event.clientIP = host.ip
        }
        if let separator {
            let start = EximScan.skipSpaces(line, from: separator + 1, limit: count)
            if start < count {
                event.reply = ByteRange(start, count)
                EximReply.codes(line, at: start, end: count, into: &event)
            }
        }
        return true
    }

    /// The client named after the command instead of before it: `rejected EHLO from [ip]`,
    /// `rejected from <sender> H=(helo) [ip]`.
    private static func trailingHost(
        _ line: UnsafeBufferPointer<UInt8>, from index: Int, to limit: Int
    ) -> EximHost? {
        let limit = EximScan.window(index, limit)
        if let found = ByteScan.find(" H=", in: line, from: index, to: limit) {
            return EximHost.parse(line, at: found + 3, limit: limit)
        }
        if let found = ByteScan.find(" from ", in: line, from: index, to: limit) {
            let start = found + 6
            let first = ByteScan.byte(line, start)
            if first == UInt8(ascii: "[") || first == UInt8(ascii: "(") {
                return EximHost.parse(line, at: start, limit: limit)
            }
        }
        return nil
    }

    /// What was rejected, from the words after `rejected `.
    private static func what(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> (
        EximBranch, SMTPStage
    ) {
        func has(_ literal: StaticString) -> Bool { ByteScan.hasPrefix(line, at: index, literal) }
        if has("RCPT") { return (.rejectRecipient, .rcptTo) }
        if has("MAIL") { return (.rejectSender, .mailFrom) }
        if has("EHLO") || has("HELO") { return (.rejectHelo, .helo) }
        if has("after DATA") || has("after MIME") || has("during MIME") || has("DKIM") {
            return (.rejectAfterData, .endOfData)
        }
        if has("DATA") { return (.rejectPredata, .data) }
        if has("connection") { return (.rejectConnection, .connect) }
        if has("by local_scan()") { return (.rejectLocalScan, .endOfData) }
        if has("by non-SMTP ACL") { return (.rejectNonSMTP, .endOfData) }
        if has("from <") { return (.rejectOversize, .endOfData) }
        if has("AUTH") { return (.rejectOtherCommand, .auth) }
        if has("STARTTLS") { return (.rejectOtherCommand, .starttls) }
        if has("QUIT") || has("NOTQUIT") { return (.rejectOtherCommand, .quit) }
        return (.rejectOtherCommand, .unknown)
    }

    /// `<x@y>` or a bare `x@y` after `RCPT `; returns the index after it.
    private static func recipient(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, into event: inout RawEvent
    ) -> Int {
        let count = line.count
        if ByteScan.byte(line, index) == UInt8(ascii: "<") {
            var close = index + 1
            while close < count, line[close] != UInt8(ascii: ">") {
                close =
                    line[close] == EximScan.quote
                    ? EximScan.skipQuoted(line, from: close, limit: count) : close + 1
            }
            if close > index + 1 {
                event.recipient = ByteRange(index + 1, Swift.min(close, count))
                event.domain = EximScan.domain(of: event.recipient, in: line)
            }
            return Swift.min(close + 1, count)
        }
        var end = index
        while end < count, line[end] != EximScan.space {
            if line[end] == EximScan.colon, end + 1 == count || line[end + 1] == EximScan.space {
                break
            }
            end += 1
        }
        if end > index {
            event.recipient = ByteRange(index, end)
            event.domain = EximScan.domain(of: event.recipient, in: line)
        }
        return end
    }
}
