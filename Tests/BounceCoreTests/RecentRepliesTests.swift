import Testing

@testable import BounceCore

/// `RecentReplies` replays a value only for the very bytes it was kept for.
@Suite struct RecentRepliesTests {
    static func withBytes<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    @Test func aKeptReplyIsAnsweredAndNoOtherIs() {
        var memory = RecentReplies()
        let reply =
            "554 5.7.1 Service unavailable; Client host [203.0.113.10] blocked using bl.spamcop.net"
        let way = Self.withBytes(reply) { bytes in
            let (value, way) = memory.lookup(bytes)
            #expect(value == nil)
            memory.remember(7, for: bytes, in: way)
            return way
        }
        #expect(way >= 0)
        Self.withBytes(reply) { #expect(memory.lookup($0).value == 7) }
        // The same length, first, middle and last words (so the same way): one byte differs.
        var changed = Array(reply.utf8)
        changed[20] = UInt8(ascii: "X")
        changed.withUnsafeBufferPointer { bytes in
            let (value, otherWay) = memory.lookup(bytes)
            #expect(otherWay == way)
            #expect(value == nil)
        }
        // Shorter, longer and empty replies.
        Self.withBytes(String(reply.dropLast())) { #expect(memory.lookup($0).value == nil) }
        Self.withBytes(reply + " ") { #expect(memory.lookup($0).value == nil) }
        Self.withBytes("") { #expect(memory.lookup($0).way == -1) }
    }

    @Test func repliesLongerThanTheKeyLimitAreNeverKept() {
        var memory = RecentReplies()
        for length in [RecentReplies.keyLimit, RecentReplies.keyLimit + 1] {
            Self.withBytes(String(repeating: "r", count: length)) { bytes in
                let (_, way) = memory.lookup(bytes)
                memory.remember(1, for: bytes, in: way)
                #expect(memory.lookup(bytes).value == (length <= RecentReplies.keyLimit ? 1 : nil))
            }
        }
    }

    /// Replies of every length up to the limit, each kept and asked again, and asked again
    /// after another reply took its way: a value is never replayed for other bytes.
    @Test func everyLengthIsComparedWhole() {
        var memory = RecentReplies()
        for length in 1...RecentReplies.keyLimit {
            let text = String((0..<length).map { Character(UnicodeScalar(UInt8(97 + $0 % 23))) })
            Self.withBytes(text) { bytes in
                let (_, way) = memory.lookup(bytes)
                memory.remember(UInt64(length), for: bytes, in: way)
                #expect(memory.lookup(bytes).value == UInt64(length))
            }
            var other = Array(text.utf8)
            other[length - 1] = UInt8(ascii: "z")
            other.withUnsafeBufferPointer { #expect(memory.lookup($0).value == nil) }
        }
    }
}
