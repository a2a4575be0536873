import BounceCore
import Testing

/// The checkpoint's optional `digest` section: written only when there is digest state, read
/// back unchanged, and a checkpoint without it is the one a build without the digest writes.
@Suite struct CheckpointDigestSectionTests {
    static let base = Checkpoint(
        writtenAt: 1_764_151_200, sources: ["journal": .journal(cursor: "s=1")],
        metrics: ["bouncewatch-metrics 1"], alerts: ["alert state 1"])

    @Test func withoutDigestStateNoSectionIsWritten() throws {
        let text = Self.base.encoded
        #expect(!text.contains("\ndigest "))
        #expect(text.contains("\nalerts 1\nalert state 1\nend "))
        #expect(try Checkpoint(decoding: text).digest == [])
    }

    @Test func theSectionRoundTripsAfterTheAlerts() throws {
        var checkpoint = Self.base
        checkpoint.digest = ["digest/1 =daily 1 2", "tally previous 0", "with\nnewline"]
        let text = checkpoint.encoded
        #expect(text.contains("\nalert state 1\ndigest 3\ndigest/1 =daily 1 2\n"))
        #expect(try Checkpoint(decoding: text) == checkpoint)
    }

    @Test func aLineAfterTheDigestSectionIsRefused() {
        var checkpoint = Self.base
        checkpoint.digest = ["x"]
        var text = checkpoint.encoded
        text = String(text[..<text.range(of: "end ")!.lowerBound]) + "stray\n"
        text += "end " + hash(text) + "\n"
        #expect(throws: CheckpointDecodingError.self) { try Checkpoint(decoding: text) }
    }

    /// FNV-1a 64, as the checkpoint's end line holds it.
    private func hash(_ text: String) -> String {
        var state: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let hex = String(state, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
