/// One of Exim's fixed phrases (`SMTP error from remote mail server after `, `retry timeout
/// exceeded`, `authenticator failed`, ...), with what a search that skips needs.
///
/// Why not `ByteScan.find`: most searches for these phrases fail, so they read the whole
/// reason (up to `EximScan.phraseWindow` bytes). Comparing the byte under the phrase's last
/// position and moving by how far back that byte last occurs in the phrase (Horspool) reads
/// about one byte in ten of a reply's text for a 20-byte phrase, where the word-at-a-time
/// search reads every byte. The answer is the same: the first occurrence.
///
/// Unchecked `Sendable`: the table is allocated and filled once, by `init` (the phrases are
/// `static let`s), then only read, and never freed. A pointer keeps the value four words
/// long: a 256-byte table stored inline was copied out of the global on every search.
struct EximPhrase: @unchecked Sendable {
    /// The phrase's bytes (ASCII).
    let text: StaticString
    /// For each byte value, how far the phrase may move when that byte is under its last
    /// position: the distance from the byte's last occurrence before the end to the end, or
    /// the phrase's length when it does not occur there.
    private let shift: UnsafePointer<UInt8>

    /// `text` must be 2 to 255 bytes long.
    init(_ text: StaticString) {
        let count = text.utf8CodeUnitCount
        precondition(count >= 2 && count <= 255, "a phrase of 2 to 255 bytes")
        self.text = text
        let shift = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        shift.initialize(repeating: UInt8(count), count: 256)
        let bytes = text.utf8Start
        for offset in 0..<(count - 1) {
            shift[Int(bytes[offset])] = UInt8(count - 1 - offset)
        }
        self.shift = UnsafePointer(shift)
    }

    /// The first index at which the phrase starts within `line[from..<to]`, or nil: what
    /// `ByteScan.find(text, in: line, from: from, to: to)` answers.
    @inline(__always)
    func find(in line: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        let count = text.utf8CodeUnitCount
        let end = Swift.min(to, line.count)
        guard end - from >= count, let base = line.baseAddress else { return nil }
        let phrase = text.utf8Start
        let lastOffset = count - 1
        let lastByte = phrase[lastOffset]
        var index = Swift.max(from, 0)
        while index + count <= end {
            let byte = base[index + lastOffset]
            if byte == lastByte, Self.matches(base + index, phrase, count: lastOffset) {
                return index
            }
            index += Int(shift[Int(byte)])
        }
        return nil
    }

    /// Whether the `count` bytes at `start` are those at `phrase`.
    @inline(__always)
    private static func matches(
        _ start: UnsafePointer<UInt8>, _ phrase: UnsafePointer<UInt8>, count: Int
    ) -> Bool {
        var offset = 0
        while offset < count {
            guard start[offset] == phrase[offset] else { return false }
            offset += 1
        }
        return true
    }
}

extension EximPhrase {
    /// `SMTP error from remote mail server after ` (a remote's reply follows the stage).
    static let smtpError = EximPhrase("SMTP error from remote mail server after ")
    /// `LMTP error after ` (a local LMTP server's reply).
    static let lmtpError = EximPhrase("LMTP error after ")
    /// `SMTP timeout after ` and `LMTP timeout after `.
    static let timeoutAfter = EximPhrase("MTP timeout after ")
    /// `... in response to <stage>`.
    static let inResponseTo = EximPhrase("in response to ")
    /// `retry time not reached` and `Retry time not yet reached`.
    static let retryTimeNot = EximPhrase("etry time not ")
    /// `retry timeout exceeded`: an address that stayed in the queue too long.
    static let retryTimeoutExceeded = EximPhrase("retry timeout exceeded")
    /// `X authenticator failed ...`.
    static let authenticatorFailed = EximPhrase("authenticator failed")
    /// `(set_id=alice)` after an authentication failure's reply.
    static let setID = EximPhrase("(set_id=")
}
