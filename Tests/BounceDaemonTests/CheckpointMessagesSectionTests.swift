import BounceCore
import Testing

/// The checkpoint's optional `messages` section: written only when there is message state,
/// read back unchanged, and a checkpoint without it (every one written before) still reads.
@Suite struct CheckpointMessagesSectionTests {
    static let base = Checkpoint(
        writtenAt: 1_764_151_200, sources: ["journal": .journal(cursor: "s=1")],
        metrics: ["bouncewatch-metrics 1"], alerts: ["alert state 1"])

    @Test func withoutMessageStateNoSectionIsWritten() throws {
        let text = Self.base.encoded
        #expect(!text.contains("\nmessages "))
        #expect(try Checkpoint(decoding: text).messages == [])
    }

    @Test func theSectionRoundTripsAfterTheDigest() throws {
        var checkpoint = Self.base
        checkpoint.digest = ["digest/1 =daily 1 2"]
        checkpoint.messages = [
            "messages/1 - 0 0 0", "name =b%2520@x", "message 41 0 0 1 3 0 0 0 - 0",
        ]
        let text = checkpoint.encoded
        #expect(text.contains("\ndigest/1 =daily 1 2\nmessages 3\nmessages/1 - 0 0 0\n"))
        #expect(try Checkpoint(decoding: text) == checkpoint)
        checkpoint.digest = []
        #expect(try Checkpoint(decoding: checkpoint.encoded) == checkpoint)
    }

    /// The text an earlier build wrote, byte for byte: no `messages` section.
    @Test func anEarlierCheckpointStillReads() throws {
        var text = "bouncewatch-checkpoint/1\nwritten 5\nsource journal j\ncursor s=1\n"
        text += "metrics 1\nbouncewatch-metrics 1\nalerts 0\ndigest 1\nd\n"
        var hash = CheckpointHash()
        hash.add(text)
        let read = try Checkpoint(decoding: text + "end \(hash.hex)\n")
        #expect(read.messages == [])
        #expect(read.digest == ["d"])
    }

    @Test func aCountPastTheEndIsRefused() {
        var text = Self.base.encoded
        text = String(text[..<text.range(of: "end ")!.lowerBound]) + "messages 2\nx\n"
        var hash = CheckpointHash()
        hash.add(text)
        #expect(throws: CheckpointDecodingError.self) {
            try Checkpoint(decoding: text + "end \(hash.hex)\n")
        }
    }
}
