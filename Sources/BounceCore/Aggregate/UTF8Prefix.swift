/// Cuts text to a byte budget without splitting a UTF-8 sequence.
public enum UTF8Prefix {
    /// The largest length `<= limit` at which `bytes` can be cut without leaving a partial
    /// UTF-8 sequence at the end (continuation bytes are `10xxxxxx`).
    public static func length(of bytes: UnsafeBufferPointer<UInt8>, atMost limit: Int) -> Int {
        guard bytes.count > limit else { return bytes.count }
        var cut = Swift.max(limit, 0)
        // A sequence is at most 4 bytes, so back up at most 3 continuation bytes.
        var steps = 0
        while cut > 0, steps < 3, bytes[cut] & 0xC0 == 0x80 {
            cut -= 1
            steps += 1
        }
        return cut
    }

    /// `bytes` cut to at most `limit` bytes and decoded, invalid UTF-8 repaired.
    public static func string(_ bytes: UnsafeBufferPointer<UInt8>, atMost limit: Int) -> String {
        let count = length(of: bytes, atMost: limit)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<count]), as: UTF8.self)
    }

    /// `text` cut to at most `limit` UTF-8 bytes.
    public static func string(_ text: String, atMost limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var copy = text
        return copy.withUTF8 { string($0, atMost: limit) }
    }
}
