/// Exim's arrival line, `<= SENDER H=NAME (HELO) [IP]:PORT ... A=AUTHENTICATOR:USER S=...`,
/// read into the caller's event for the outcome `.message` (`MessageNote.arrival`).
///
/// Only the note's own fields are written: a third of a busy Exim log is arrivals and
/// `Completed` lines, and nothing else reads them.
enum EximMessageNote {
    /// The arrival whose sender starts at `index` (after `<= `).
    @inline(__always)
    static func arrival(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, into event: inout RawEvent
    ) {
        event.note = .arrival
        event.sender = .none
        event.clientIP = .none
        event.saslUsername = .none
        let limit = line.count
        guard index < limit, let base = line.baseAddress else { return }
        let senderEnd =
            ByteVector.firstIndex(of: EximScan.space, in: base, count: limit, from: index) ?? limit
        // `<>`: the null sender, an empty range.
        event.sender =
            senderEnd &- index == 2 && base[index] == UInt8(ascii: "<")
            ? ByteRange(index &+ 1, index &+ 1) : ByteRange(index, senderEnd)
        var cursor = senderEnd
        if ByteScan.hasPrefix(line, at: cursor, " H=") {
            cursor = client(line, at: cursor &+ 3, into: &event)
        }
        // The fields after the client, up to `A=` or `S=` (which Exim writes after `A=`, and
        // before the message id and the quoted subject, whose text is not a field).
        while cursor < limit, base[cursor] == EximScan.space {
            let field = cursor &+ 1
            guard field &+ 2 <= limit, base[field &+ 1] == UInt8(ascii: "=") else {
                cursor =
                    ByteVector.firstIndex(of: EximScan.space, in: base, count: limit, from: field)
                    ?? limit
                continue
            }
            let name = base[field]
            if name == UInt8(ascii: "S") { return }
            let valueEnd =
                ByteVector.firstIndex(of: EximScan.space, in: base, count: limit, from: field &+ 2)
                ?? limit
            if name == UInt8(ascii: "A") {
                // `A=AUTHENTICATOR:USER`; an authenticator alone names no user.
                if let colon = ByteScan.find(
                    EximScan.colon, in: line, from: field &+ 2, to: valueEnd),
                    colon &+ 1 < valueEnd
                {
                    event.saslUsername = ByteRange(colon &+ 1, valueEnd)
                }
                return
            }
            cursor = valueEnd
        }
    }

    /// `NAME (HELO) [IP]:PORT`, `(HELO) [IP]` or `[IP]` at `index`, after `H=`: the IP into
    /// `event.clientIP`; returns where the field ends.
    private static func client(
        _ line: UnsafeBufferPointer<UInt8>, at index: Int, into event: inout RawEvent
    ) -> Int {
        let limit = line.count
        guard let base = line.baseAddress else { return index }
        var cursor = index
        if ByteScan.byte(line, cursor) != UInt8(ascii: "(")
            && ByteScan.byte(line, cursor) != UInt8(ascii: "[")
        {
            // The host's name, then a space.
            cursor =
                ByteVector.firstIndex(of: EximScan.space, in: base, count: limit, from: cursor)
                ?? limit
            cursor &+= 1
        }
        if ByteScan.byte(line, cursor) == UInt8(ascii: "(") {
            // The HELO name may hold brackets (`([192.0.2.1])`): skip to its `) `.
            guard let close = ByteScan.find(") ", in: line, from: cursor) else { return cursor }
            cursor = close &+ 2
        }
        guard ByteScan.byte(line, cursor) == UInt8(ascii: "["),
            let close = ByteVector.firstIndex(
                of: UInt8(ascii: "]"), in: base, count: limit, from: cursor &+ 1)
        else { return cursor }
        let ip = ByteRange(cursor &+ 1, close)
        if PostfixScan.looksLikeIP(ip, in: line) { event.clientIP = ip }
        // `:PORT` (`log_selector = +incoming_port`).
        var end = close &+ 1
        if ByteScan.byte(line, end) == EximScan.colon {
            end &+= 1
            while end < limit, ByteScan.isDigit(base[end]) { end &+= 1 }
        }
        return end
    }
}
