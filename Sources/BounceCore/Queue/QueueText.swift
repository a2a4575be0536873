/// Decoding of the text fields a queue record carries: UTF-8 with replacement, capped in
/// length, control characters replaced, so nothing an SMTP client or a remote server wrote can
/// reach a report, a label or a terminal as a control sequence.
enum QueueText {
    /// The longest address kept (RFC 5321 allows 256 octets in a path).
    static let addressLimit = 512
    /// The longest reason kept.
    static let reasonLimit = 1_000

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> String {
        let kept = UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, limit)])
        var text = String(decoding: kept, as: UTF8.self)
        if text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            text = String(
                String.UnicodeScalarView(
                    text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
        }
        return text
    }
}
