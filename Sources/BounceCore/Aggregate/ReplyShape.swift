/// Turns a reply text into its shape: the words that say what happened, with the parts that
/// change from one message to the next masked, so that replies differing only in those parts
/// are counted together.
///
/// Masked, token by token (a token runs between spaces and the brackets and quotes around
/// it): e-mail addresses become `<addr>`, IPv4 and IPv6 addresses `<ip>`, host names `<host>`,
/// queue and session ids (eight or more letters and digits mixed) `<id>`, and every other run of
/// digits `#`. A leading reply code and enhanced status code (`550 5.7.1`) are kept: they say
/// which guess a fallback rule made. Control bytes (CR, LF, tabs) and runs of spaces become one
/// space. Bytes that are not valid UTF-8 are copied as they are; the reader repairs them when
/// the shape is decoded.
///
/// Byte-level and allocation-free: the caller gives the output buffer, and both the input read
/// and the output written are bounded, so a megabyte-long reply costs no more than a short one.
enum ReplyShape {
    /// Bytes of a reply looked at; the rest is not part of the shape.
    static let inputLimit = 512

    /// Writes the shape of `reply` to `output` (at most `capacity` bytes) and returns its length.
    static func write(
        _ reply: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>,
        capacity: Int
    ) -> Int {
        let end = Swift.min(reply.count, inputLimit)
        var writer = Writer(output: output, capacity: capacity)
        var index = 0
        while index < end, isSpace(reply[index]) { index += 1 }
        index = copyLeadingCodes(reply, from: index, end: end, into: &writer)
        var pendingSpace = false
        while index < end, !writer.isFull {
            let byte = reply[index]
            if isSpace(byte) {
                pendingSpace = writer.length > 0
                index += 1
                continue
            }
            if pendingSpace {
                writer.append(0x20)
                pendingSpace = false
            }
            if isDelimiter(byte) {
                writer.append(byte)
                index += 1
                continue
            }
            var tokenEnd = index
            while tokenEnd < end, !isSpace(reply[tokenEnd]), !isDelimiter(reply[tokenEnd]) {
                tokenEnd += 1
            }
            // Sentence punctuation after a token is not part of it.
            var wordEnd = tokenEnd
            while wordEnd > index, isTrailingPunctuation(reply[wordEnd - 1]) { wordEnd -= 1 }
            let token = UnsafeBufferPointer(rebasing: reply[index..<wordEnd])
            writeToken(token, into: &writer)
            for position in wordEnd..<tokenEnd { writer.append(reply[position]) }
            index = tokenEnd
        }
        return writer.length
    }

    // MARK: - Tokens

    private static func writeToken(_ token: UnsafeBufferPointer<UInt8>, into writer: inout Writer) {
        if let mask = mask(for: token) {
            writer.append(mask)
            return
        }
        var index = 0
        while index < token.count {
            let byte = token[index]
            if isDigit(byte) {
                writer.append(UInt8(ascii: "#"))
                while index < token.count, isDigit(token[index]) { index += 1 }
                continue
            }
            writer.append(byte)
            index += 1
        }
    }

    private static let addressMask = Array("<addr>".utf8)
    private static let ipMask = Array("<ip>".utf8)
    private static let hostMask = Array("<host>".utf8)
    private static let idMask = Array("<id>".utf8)

    /// The mask a whole token takes, or nil when only its digits are masked.
    private static func mask(for token: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard token.count >= 3 else { return nil }
        var letters = 0
        var digits = 0
        var dots = 0
        var colons = 0
        var hexOnly = true
        var nameOnly = true  // letters, digits, '-', '_', '.'
        var at = false
        for byte in token {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                letters += 1
                if !isHexLetter(byte) { hexOnly = false }
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: ":"):
                colons += 1
                nameOnly = false
            case UInt8(ascii: "-"), UInt8(ascii: "_"):
                hexOnly = false
            case UInt8(ascii: "@"):
                at = true
                nameOnly = false
                hexOnly = false
            default:
                nameOnly = false
                hexOnly = false
            }
        }
        if at { return addressMask }
        if colons == 0, dots == 3, letters == 0, digits >= 4, nameOnly { return ipMask }
        if colons >= 2, hexOnly, digits + letters > 0 { return ipMask }
        guard nameOnly else { return nil }
        if dots >= 1, letters > 0, isHostName(token) { return hostMask }
        if token.count >= 8, letters > 0, digits > 0 { return idMask }
        return nil
    }

    /// Whether a token of letters, digits, `-`, `_` and dots is a host name: two labels or more,
    /// none empty, the last of letters (a top-level domain).
    private static func isHostName(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        guard token[0] != UInt8(ascii: "."), token[token.count - 1] != UInt8(ascii: ".") else {
            return false
        }
        var previousDot = false
        var lastLabelStart = 0
        for (index, byte) in token.enumerated() {
            if byte == UInt8(ascii: ".") {
                if previousDot { return false }
                previousDot = true
                lastLabelStart = index + 1
            } else {
                previousDot = false
            }
        }
        let last = token.count - lastLabelStart
        guard last >= 2 else { return false }
        for index in lastLabelStart..<token.count where !isLetter(token[index]) { return false }
        return true
    }

    /// Copies a leading `NNN` reply code and an `N.N.N` enhanced code after it, unmasked.
    private static func copyLeadingCodes(
        _ reply: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, into writer: inout Writer
    ) -> Int {
        guard start + 3 <= end, (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(reply[start]),
            isDigit(reply[start + 1]), isDigit(reply[start + 2]),
            start + 3 == end || isSpace(reply[start + 3]) || reply[start + 3] == UInt8(ascii: "-")
        else { return start }
        for index in start..<(start + 3) { writer.append(reply[index]) }
        var index = start + 3
        guard index < end, isSpace(reply[index]) || reply[index] == UInt8(ascii: "-") else {
            return index
        }
        let separator = isSpace(reply[index]) ? 0x20 : reply[index]
        var codeEnd = index + 1
        var groups = 1
        var groupLength = 0
        while codeEnd < end, isDigit(reply[codeEnd]) || reply[codeEnd] == UInt8(ascii: ".") {
            if reply[codeEnd] == UInt8(ascii: ".") {
                if groupLength == 0 { break }
                groups += 1
                groupLength = 0
            } else {
                groupLength += 1
            }
            codeEnd += 1
        }
        let isEnhanced =
            groups == 3 && groupLength > 0 && (codeEnd == end || isSpace(reply[codeEnd]))
        guard isEnhanced else { return index }
        writer.append(separator)
        index += 1
        while index < codeEnd {
            writer.append(reply[index])
            index += 1
        }
        return index
    }

    // MARK: - Bytes

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool { byte <= 0x20 || byte == 0x7F }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
    }

    @inline(__always)
    private static func isHexLetter(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f")
    }

    /// Brackets and quotes around an address or a host: `<a@b>`, `[192.0.2.1]`, `"x"`, `(y)`.
    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\""), UInt8(ascii: "'"),
            UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
            true
        default: false
        }
    }

    private static func isTrailingPunctuation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "!")
            || byte == UInt8(ascii: "?")
    }

    /// Appends bytes to a caller's buffer until it is full.
    private struct Writer {
        let output: UnsafeMutablePointer<UInt8>
        let capacity: Int
        var length = 0

        init(output: UnsafeMutablePointer<UInt8>, capacity: Int) {
            self.output = output
            self.capacity = capacity
        }

        var isFull: Bool { length >= capacity }

        mutating func append(_ byte: UInt8) {
            guard length < capacity else { return }
            output[length] = byte
            length += 1
        }

        mutating func append(_ bytes: [UInt8]) {
            for byte in bytes { append(byte) }
        }
    }
}
