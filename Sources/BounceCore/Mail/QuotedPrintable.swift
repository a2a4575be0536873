/// Quoted-printable (RFC 2045) body encoding with CRLF line ends.
///
/// Why quoted-printable rather than 8bit: the body quotes hostile log text, and QP makes the
/// message 7-bit ASCII with lines of at most 76 characters whatever that text holds, so it
/// passes any relay (no 8BITMIME needed), `sendmail -t`, and mbox files unchanged. A `.` or
/// `F` at the start of a line is written as `=2E`/`=46`, so no line is a lone `.` (the SMTP
/// end of data) or starts with `From ` (mbox), even before the transport's own escaping.
enum QuotedPrintable {
    static let maxLineLength = 76

    /// Encodes text whose lines end with `\n`; the result ends each line with CRLF.
    static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index == lines.count - 1, line.isEmpty { break }
            encodeLine(Array(line), into: &out)
            out.append(contentsOf: [0x0D, 0x0A])
        }
        return out
    }

    private static func encodeLine(_ line: [UInt8], into out: inout [UInt8]) {
        var column = 0
        for (index, byte) in line.enumerated() {
            let isLast = index == line.count - 1
            let piece = pieceFor(byte, atLineStart: column == 0, isLast: isLast)
            // Keep room for the `=` of a soft break unless this is the line's last piece.
            let limit = isLast ? maxLineLength : maxLineLength - 1
            if column + piece.count > limit {
                out.append(contentsOf: [UInt8(ascii: "="), 0x0D, 0x0A])
                column = 0
                let restarted = pieceFor(byte, atLineStart: true, isLast: isLast)
                out.append(contentsOf: restarted)
                column += restarted.count
            } else {
                out.append(contentsOf: piece)
                column += piece.count
            }
        }
    }

    private static func pieceFor(_ byte: UInt8, atLineStart: Bool, isLast: Bool) -> [UInt8] {
        let literal: Bool
        switch byte {
        case UInt8(ascii: "="): literal = false
        case UInt8(ascii: "."), UInt8(ascii: "F"): literal = !atLineStart
        case 0x20, 0x09: literal = !isLast
        case 0x21...0x7E: literal = true
        default: literal = false
        }
        if literal { return [byte] }
        return [
            UInt8(ascii: "="), AlertCheckpointToken.hexDigit(byte >> 4),
            AlertCheckpointToken.hexDigit(byte & 0x0F),
        ]
    }
}
