/// The sample text of a failed login against our server: the mechanism and the server's
/// message (`SASL LOGIN authentication failed: authentication failure`), never the SASL
/// challenge that some servers log in the message's place.
///
/// Postfix's smtpd logs `SASL LOGIN authentication failed: UGFzc3dvcmQ6` when the client gave
/// up or failed at a step: the text is the last base64 challenge (`Password:`), which tells a
/// reader nothing, so it is left out.
enum AuthFailureSample {
    /// The sample for a reply at `reply` in `line`, or nil when the reply does not follow
    /// `SASL MECH authentication failed: ` (then the reply itself is the sample).
    static func text(_ line: UnsafeBufferPointer<UInt8>, reply: ByteRange) -> String? {
        let failed = Array(" authentication failed: ".utf8)
        let end = reply.start - failed.count
        guard end > 5, reply.start <= line.count,
            Array(line[end..<reply.start]) == failed
        else { return nil }
        var start = end
        while start > 0, line[start - 1] != 0x20 { start -= 1 }
        guard start >= 5, Array(line[(start - 5)..<start]) == Array("SASL ".utf8), start < end
        else { return nil }
        let mechanism = String(
            decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
        let message = reply.slice(of: line)
        if isChallenge(message) { return "SASL \(mechanism) authentication failed" }
        return "SASL \(mechanism) authentication failed: "
            + UTF8Prefix.string(message, atMost: ScanAggregator.sampleReplyLimit)
    }

    /// Whether `text` is one base64 token (what a SASL challenge looks like on the wire): only
    /// base64 letters, at least four, a multiple of four with `=` padding at most at the end.
    static func isChallenge(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= 4, text.count % 4 == 0 else { return false }
        var padding = 0
        for byte in text {
            if byte == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0 else { return false }
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                continue
            default: return false
            }
        }
        return padding <= 2
    }
}
