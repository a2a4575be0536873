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
        let ip = ByteRange(open &+ 1, close)
        if PostfixScan.looksLikeIP(ip, in: line) { event.clientIP = ip }
        // Nothing after the address (and port): no login.
        guard close &+ 24 < limit,
            let user = ByteScan.find(", sasl_username=", in: line, from: close &+ 1)
        else { return }
        let start = user &+ 16
        // The user ends at the next field (`, sasl_sender=`, `, orig_...`) or the line.
        var end = limit
        var cursor = start
        while let comma = ByteVector.firstIndex(
            of: PostfixScan.comma, in: base, count: limit, from: cursor)
        {
            if ByteScan.byte(line, comma &+ 1) == PostfixScan.space {
                end = comma
                break
            }
            cursor = comma &+ 1
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
