/// Byte-level searches inside a reply that the classifier needs besides phrases.
enum ReplyScan {
    /// The first enhanced status code in `text` that stands alone (after a space, `-`, `#`, `(`
    /// or at the start), e.g. the `5.7.1` of `550-5.7.1 ...` or of Postfix's
    /// `delivery temporarily suspended: ... said: 421 4.7.0 ...`.
    static func firstEnhancedCode(in text: UnsafeBufferPointer<UInt8>, limit: Int = 512)
        -> EnhancedStatusCode?
    {
        let end = Swift.min(text.count, limit)
        var index = 0
        while true {
            // Only a `4` or a `5` can start a code: the others are skipped eight at a time (a
            // reply without a code, such as a block list's reject, is read to its end).
            index = ByteScan.firstOf(
                UInt8(ascii: "4"), UInt8(ascii: "5"), UInt8(ascii: "5"), in: text, from: index,
                to: end)
            guard index < end else { return nil }
            let before: UInt8 = index == 0 ? UInt8(ascii: " ") : text[index - 1]
            if before == UInt8(ascii: " ") || before == UInt8(ascii: "-")
                || before == UInt8(ascii: "#") || before == UInt8(ascii: "(")
            {
                var cursor = index
                if let code = EnhancedStatusCode.scan(text, at: &cursor) { return code }
            }
            index += 1
        }
    }

    /// A basic reply code that the MTA quoted inside its own wording: `said: 550 ...`,
    /// `refused to talk to me: 554 ...`. Returns 0 when there is none.
    static func quotedReplyCode(in text: UnsafeBufferPointer<UInt8>) -> Int {
        let markers = remoteMarkers(in: text, untilSaid: false)
        // The code after the marker's colon: `said: 550`, `talk to me: 554`.
        if let found = markers.said,
            let code = ByteScan.fixedNumber(text, at: found + 6, count: 3), code >= 400,
            code < 600
        {
            return code
        }
        if let found = markers.talk,
            let code = ByteScan.fixedNumber(text, at: found + 12, count: 3), code >= 400,
            code < 600
        {
            return code
        }
        return 0
    }

    /// Where the first `said: ` and the first `talk to me: ` of `text` start, found in one pass
    /// over its colons (a reply has a few) instead of a literal search for each. With
    /// `untilSaid`, the pass ends at the first `said: `, and `talk` is only what came before.
    @inline(__always)
    static func remoteMarkers(in text: UnsafeBufferPointer<UInt8>, untilSaid: Bool) -> (
        said: Int?, talk: Int?
    ) {
        var said: Int?
        var talk: Int?
        var from = 0
        while let colon = ByteScan.find(UInt8(ascii: ":"), in: text, from: from) {
            from = colon + 1
            guard from < text.count, text[from] == UInt8(ascii: " ") else { continue }
            if said == nil, colon >= 4, ByteScan.hasPrefix(text, at: colon - 4, "said") {
                said = colon - 4
                if untilSaid || talk != nil { break }
            }
            if talk == nil, colon >= 10, ByteScan.hasPrefix(text, at: colon - 10, "talk to me") {
                talk = colon - 10
                if said != nil { break }
            }
        }
        return (said, talk)
    }

    /// The first IPv4 or IPv6 address literal in `text`, as a range relative to `text`.
    static func firstIPAddress(in text: UnsafeBufferPointer<UInt8>) -> ByteRange? {
        var index = 0
        while index < text.count {
            let before: UInt8 = index == 0 ? UInt8(ascii: " ") : text[index - 1]
            if !isHostByte(before) || before == UInt8(ascii: ":") {
                if let end = ipv4End(text, at: index) { return ByteRange(index, end) }
                if let end = ipv6End(text, at: index) { return ByteRange(index, end) }
            }
            index += 1
        }
        return nil
    }

    @inline(__always)
    static func isHostByte(_ byte: UInt8) -> Bool {
        ByteScan.isDigit(byte) || isHexLetter(byte) || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: ":") || (ByteScan.lower(byte) &- UInt8(ascii: "a") < 26)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    @inline(__always)
    static func isHexLetter(_ byte: UInt8) -> Bool {
        ByteScan.lower(byte) &- UInt8(ascii: "a") < 6
    }

    /// `a.b.c.d` with each part 0...255, not followed by more address-like bytes.
    static func ipv4End(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        var cursor = start
        for part in 0..<4 {
            if part > 0 {
                guard cursor < text.count, text[cursor] == UInt8(ascii: ".") else { return nil }
                cursor += 1
            }
            guard let value = ByteScan.smallNumber(text, at: &cursor, maxDigits: 3), value <= 255
            else { return nil }
        }
        if cursor < text.count {
            let next = text[cursor]
            if ByteScan.isDigit(next) || (ByteScan.lower(next) &- UInt8(ascii: "a") < 26) {
                return nil
            }
            if next == UInt8(ascii: "."), ByteScan.isDigit(at: cursor + 1, in: text) { return nil }
        }
        return cursor
    }

    /// Hex groups and colons with at least two colons and either `::` or a hex letter, so that
    /// clock times such as `12:34:56` are not taken for addresses.
    static func ipv6End(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        var cursor = start
        var colons = 0
        var hexLetter = false
        var doubleColon = false
        var groupLength = 0
        while cursor < text.count {
            let byte = text[cursor]
            if byte == UInt8(ascii: ":") {
                if cursor > start, text[cursor - 1] == UInt8(ascii: ":") { doubleColon = true }
                colons += 1
                groupLength = 0
            } else if ByteScan.isDigit(byte) || isHexLetter(byte) {
                if isHexLetter(byte) { hexLetter = true }
                groupLength += 1
                if groupLength > 4 { return nil }
            } else {
                break
            }
            cursor += 1
        }
        guard colons >= 2, colons <= 7, hexLetter || doubleColon else { return nil }
        if cursor < text.count, ByteScan.lower(text[cursor]) &- UInt8(ascii: "a") < 26 {
            return nil
        }
        // Drop a trailing single colon (`[2001:db8::1]:25` keeps its address only).
        if text[cursor - 1] == UInt8(ascii: ":"), !(cursor >= 2 && text[cursor - 2] == 58) {
            cursor -= 1
        }
        return cursor
    }

    /// The host-name-like token after `introducer` (matched case-insensitively), lower-cased,
    /// when it contains a dot: `blocked using dnsbl.example.net;` gives `dnsbl.example.net`.
    static func listName(after introducer: String, in text: UnsafeBufferPointer<UInt8>) -> String? {
        let pattern = Array(introducer.utf8)
        guard !pattern.isEmpty, text.count > pattern.count else { return nil }
        var index = 0
        while index + pattern.count <= text.count {
            var offset = 0
            while offset < pattern.count, ByteScan.lower(text[index + offset]) == pattern[offset] {
                offset += 1
            }
            if offset == pattern.count {
                var end = index + offset
                while end < text.count, isNameByte(text[end]) { end += 1 }
                while end > index + offset, text[end - 1] == UInt8(ascii: ".") { end -= 1 }
                let token = UnsafeBufferPointer(rebasing: text[(index + offset)..<end])
                if token.contains(UInt8(ascii: ".")) {
                    return String(decoding: token.map(ByteScan.lower), as: UTF8.self)
                }
            }
            index += 1
        }
        return nil
    }

    @inline(__always)
    static func isNameByte(_ byte: UInt8) -> Bool {
        ByteScan.isDigit(byte) || (ByteScan.lower(byte) &- UInt8(ascii: "a") < 26)
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }

    /// Where the remote's own words start inside the MTA's wording (after `said: ` or
    /// `talk to me: `), or 0 when the reply is the remote's words from the start.
    static func remoteWordsStart(in text: UnsafeBufferPointer<UInt8>) -> Int {
        let markers = remoteMarkers(in: text, untilSaid: true)
        if let found = markers.said { return found + 6 }
        if let found = markers.talk { return found + 12 }
        return 0
    }
}
