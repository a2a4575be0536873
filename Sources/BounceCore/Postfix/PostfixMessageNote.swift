/// The Postfix lines that say who sent a message: smtpd's `client=` and qmgr's `from=<...>,
/// size=`, read into the caller's event for the outcome `.message` (`MessageNote`).
///
/// Only the note's own fields are written: the rest of the event is not set up, as these are
/// a fifth of a busy log and nothing else reads them.
enum PostfixMessageNote {
    /// `client=NAME[IP][:PORT][, sasl_method=M, sasl_username=USER[, ...]]`, with `index` after
    /// `client=`.
    @inline(__always)
    static func client(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, into event: inout RawEvent
    ) {
        event.note = .client
        event.sender = .none
        event.clientIP = .none
        event.saslUsername = .none
        let limit = line.count
        guard index < limit, let base = line.baseAddress,
            let open = ByteVector.firstIndex(
                of: UInt8(ascii: "["), or: PostfixScan.comma, in: base, count: limit, from: index),
            base[open] == UInt8(ascii: "["),
            let close = ByteVector.firstIndex(
                of: UInt8(ascii: "]"), in: base, count: limit, from: open &+ 1)
        else { return }
        // Postfix's own rendering of the address: no need to check its bytes.
        if close &- open <= 46 { event.clientIP = ByteRange(open &+ 1, close) }
        // `[:PORT]`, then the login's fields in Postfix's order:
        // `, sasl_method=M, sasl_username=USER[, sasl_sender=...]`.
        var cursor = close &+ 1
        if ByteScan.byte(line, cursor) == PostfixScan.colon {
            cursor &+= 1
            while cursor < limit, ByteScan.isDigit(base[cursor]) { cursor &+= 1 }
        }
        guard PostfixScan.starts(line, at: cursor, ", sasl_method="),
            let methodEnd = ByteVector.firstIndex(
                of: PostfixScan.comma, in: base, count: limit, from: cursor &+ 14),
            PostfixScan.starts(line, at: methodEnd, ", sasl_username=")
        else { return }
        let start = methodEnd &+ 16
        // The user ends at the next field (`, sasl_sender=`, `, orig_...`) or the line.
        var end = limit
        var search = start
        while let comma = ByteVector.firstIndex(
            of: PostfixScan.comma, in: base, count: limit, from: search)
        {
            if ByteScan.byte(line, comma &+ 1) == PostfixScan.space {
                end = comma
                break
            }
            search = comma &+ 1
        }
        event.saslUsername = PostfixScan.trimmed(ByteRange(start, end), in: line)
    }

    /// qmgr's `from=<SENDER>, size=...`, with `index` at `from=`; false (and `event` untouched)
    /// for any other text.
    @inline(__always)
    static func sender(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, into event: inout RawEvent
    ) -> Bool {
        guard PostfixScan.starts(line, at: index, "from="),
            let found = PostfixScan.address(line, at: index &+ 5, limit: line.count),
            PostfixScan.starts(line, at: found.next, ", size=")
        else { return false }
        event.note = .sender
        event.sender = found.range
        event.clientIP = .none
        event.saslUsername = .none
        return true
    }
}
