/// A host as Exim writes it after `H=` (and after `authenticator failed for`):
/// `name [ip]`, `(helo) [ip]`, `name (helo) [ip]`, `[ip]`, each with an optional `:port`.
struct EximHost {
    /// From the name (or helo, or bracket) to the closing `]`, without the port.
    var text: ByteRange
    /// The address inside the brackets.
    var ip: ByteRange
    /// The index after the host, its port included.
    var end: Int

    /// Parses the host at `index`, never reading at or past `limit`.
    static func parse(_ line: UnsafeBufferPointer<UInt8>, at index: Int, limit: Int) -> EximHost {
        let space = EximScan.space
        let colon = EximScan.colon
        var cursor = index
        var textEnd = index
        var ip = ByteRange.none
        // The name: up to a space, or to a `:` that ends the fields.
        if cursor < limit, line[cursor] != UInt8(ascii: "("), line[cursor] != UInt8(ascii: "[") {
            // The name ends at a space, or at a colon that a space follows or that ends the
            // fields; a colon inside the name (IPv6, port) does not end it. Such a colon can
            // only be the byte before the first space (or before the limit), so one search
            // for a single byte, sixteen bytes at a time, finds the end.
            cursor = EximScan.tokenEnd(line, from: cursor, limit: limit)
            if cursor > index, line[cursor - 1] == colon { cursor -= 1 }
            textEnd = cursor
        }
        // The HELO name in parentheses; it may hold anything the client sent, spaces included.
        var probe = cursor
        if cursor > index, probe < limit, line[probe] == space { probe += 1 }
        if probe < limit, line[probe] == UInt8(ascii: "("),
            let close = ByteScan.find(UInt8(ascii: ")"), in: line, from: probe, to: limit)
        {
            cursor = close + 1
            textEnd = cursor
        }
        // The address in brackets. A bracket that never closes (seen in the wild) ends at the
        // next space or at the limit, without a trailing colon.
        probe = cursor
        if cursor > index, probe < limit, line[probe] == space { probe += 1 }
        if probe < limit, line[probe] == UInt8(ascii: "[") {
            let close = EximVector.firstOf(
                UInt8(ascii: "]"), space, in: line, from: probe + 1, to: limit)
            if close < limit, line[close] == UInt8(ascii: "]") {
                ip = ByteRange(probe + 1, close)
                cursor = close + 1
                textEnd = cursor
            } else {
                var ipEnd = close
                if ipEnd > probe + 1, line[ipEnd - 1] == colon { ipEnd -= 1 }
                ip = ByteRange(probe + 1, ipEnd)
                cursor = close
                textEnd = ipEnd
            }
        }
        // The port, which may be a placeholder word in test logs.
        if cursor < limit, line[cursor] == colon, cursor + 1 < limit, line[cursor + 1] != space {
            cursor += 1
            while cursor < limit, line[cursor] != space {
                if line[cursor] == colon, cursor + 1 == limit || line[cursor + 1] == space { break }
                cursor += 1
            }
        }
        return EximHost(text: ByteRange(index, textEnd), ip: ip, end: cursor)
    }
}
