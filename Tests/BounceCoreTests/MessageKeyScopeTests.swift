import Testing

@testable import BounceCore

/// A key without host or Postfix instance (Exim's own log) skips `MessageKey.scope`: its
/// scope must still be what that function gives, and what checkpoints already hold.
@Suite struct MessageKeyScopeTests {
    static let line = Array("mx1 postfix-out/qmgr[12]: 1xWMuA-00012i-Ai: removed".utf8)

    /// Where `text` is in `line`.
    static func range(of text: String) -> ByteRange {
        let bytes = Array(text.utf8)
        for start in 0...(line.count - bytes.count)
        where Array(line[start..<(start + bytes.count)]) == bytes {
            return ByteRange(start, start + bytes.count)
        }
        return .none
    }

    static func key(host: ByteRange, program: ByteRange, postfix: Bool) -> MessageKey {
        line.withUnsafeBufferPointer {
            MessageKey(
                id: range(of: "1xWMuA-00012i-Ai"), host: host, program: program, postfix: postfix,
                in: $0)
        }
    }

    static func scope(host: ByteRange, program: ByteRange) -> UInt64 {
        line.withUnsafeBufferPointer { MessageKey.scope(host: host, program: program, in: $0) }
    }

    @Test func unscopedKeysKeepTheirScope() {
        let host = Self.range(of: "mx1")
        let instance = Self.range(of: "postfix-out/qmgr")
        let exim = Self.key(host: .none, program: .none, postfix: false)
        #expect(!exim.isNone)
        #expect(exim.scope == Self.scope(host: .none, program: .none))
        // As checkpoints written before hold it.
        #expect(exim.scope == 1)
        // Exim's program never scopes; Postfix without host or program is the same queue.
        #expect(Self.key(host: .none, program: instance, postfix: false) == exim)
        #expect(Self.key(host: .none, program: .none, postfix: true) == exim)
        // A host or a Postfix instance sets a queue apart.
        let hosted = Self.key(host: host, program: .none, postfix: false)
        #expect(hosted.scope == Self.scope(host: host, program: .none))
        #expect(hosted != exim)
        let instanced = Self.key(host: .none, program: instance, postfix: true)
        #expect(instanced.scope == Self.scope(host: .none, program: instance))
        #expect(instanced != exim)
        let both = Self.key(host: host, program: instance, postfix: true)
        #expect(both.scope == Self.scope(host: host, program: instance))
        #expect(both != hosted)
    }
}
