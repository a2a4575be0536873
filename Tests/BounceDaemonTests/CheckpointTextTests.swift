import BounceCore
import Testing

@testable import BounceCore

/// The checkpoint's text form: what is written is read back unchanged, and anything damaged
/// is refused with a reason instead of being half-read.
@Suite struct CheckpointTextTests {
    static let position = FilePosition(
        identity: FileIdentity(
            device: 2049, inode: 131_077,
            fingerprint: FileFingerprint(hash: 0x00AB_CDEF_0123_4567, length: 256)),
        offset: 81_234)

    static let sample = Checkpoint(
        writtenAt: 1_764_151_200,
        sources: [
            "/var/log/mail.log": .files(["/var/log/mail.log": position]),
            "glob": .files([
                "/var/log/a b.log": position,
                "/var/log/%weird\nname": FilePosition(identity: position.identity, offset: 0),
            ]),
            "new": .files([:]),
            "journal": .journal(cursor: "s=abc;i=2a;b=def;m=1;t=5;x=9"),
            "journal two": .journal(cursor: nil),
        ],
        metrics: [
            "bouncewatch-metrics 1", "destination s:ex%ample.com 1 2", "line\twith\ncontrol", "",
        ],
        alerts: ["alert state 1", "  indented "])

    @Test func roundTripKeepsEveryValue() throws {
        let text = Self.sample.encoded
        #expect(try Checkpoint(decoding: text) == Self.sample)
        #expect(text.hasPrefix("bouncewatch-checkpoint/1\nwritten 1764151200\n"))
        // One record per line (20 of them): no value brought its own newline.
        #expect(text.utf8.filter { $0 == UInt8(ascii: "\n") }.count == 20)
    }

    @Test func emptyCheckpointRoundTrips() throws {
        let empty = Checkpoint(writtenAt: 0)
        #expect(try Checkpoint(decoding: empty.encoded) == empty)
    }

    @Test func encodingIsDeterministic() {
        #expect(Self.sample.encoded == Self.sample.encoded)
    }

    @Test(arguments: [
        ("", CheckpointDecodingError.notACheckpoint),
        ("hello\n", .notACheckpoint),
        ("bouncewatch-checkpoint/2\nwritten 1\nend 0\n", .unsupportedVersion("2")),
        ("bouncewatch-checkpoint/1\nwritten 1\nmetrics 0\n", .truncated),
    ])
    func frameErrors(text: String, expected: CheckpointDecodingError) {
        #expect(throws: expected) { try Checkpoint(decoding: text) }
    }

    @Test func cutShortIsRefused() {
        let text = Self.sample.encoded
        for cut in [text.count / 3, text.count / 2, text.count - 30] {
            #expect(throws: CheckpointDecodingError.self) {
                try Checkpoint(decoding: String(text.prefix(cut)))
            }
        }
    }

    @Test func alteredByteIsRefused() {
        let text = Self.sample.encoded
        let altered = text.replacingOccurrences(of: "81234", with: "81235")
        #expect(altered != text)
        #expect(throws: CheckpointDecodingError.checksumMismatch) {
            try Checkpoint(decoding: altered)
        }
    }

    /// Lines with a correct hash but a wrong shape are refused with their line number.
    @Test(arguments: [
        ("written x", 2),
        ("source pipe p", 3),
        ("position /p file-position/1 1 2 3 4 5", 3),
        ("metrics 5", 3),
        ("metrics -1", 3),
    ])
    func malformedLines(body: String, line: Int) {
        var text = "bouncewatch-checkpoint/1\n"
        if !body.hasPrefix("written") { text += "written 1\n" }
        text += body + "\n"
        if !body.hasPrefix("metrics") { text += "metrics 0\n" }
        text += "alerts 0\n"
        text += "end \(CheckpointEscaping.hashText(of: text))\n"
        #expect {
            try Checkpoint(decoding: text)
        } throws: { error in
            guard case .malformed(let at, _) = error as? CheckpointDecodingError else {
                return false
            }
            return at == line
        }
    }

    /// Collects what `Checkpoint.write(to:)` hands out, chunk by chunk.
    struct Chunks: CheckpointOutput {
        var chunks: [[UInt8]] = []

        mutating func write(_ bytes: UnsafeRawBufferPointer) { chunks.append(Array(bytes)) }
    }

    /// Streamed in chunks of any size, the text is `encoded` byte for byte, and no chunk is
    /// larger than asked unless one piece alone is.
    @Test(arguments: [1, 7, 64, 4096, Checkpoint.chunkBytes])
    func streamedInChunksIsTheSameText(chunkBytes: Int) {
        var checkpoint = Self.sample
        checkpoint.alerts += (0..<500).map {
            "match \($0) sent delivery outbound - s:d\($0).example"
        }
        checkpoint.alerts.append(String(repeating: "long ", count: 40))
        var output = Chunks()
        checkpoint.write(to: &output, chunkBytes: chunkBytes)
        #expect(output.chunks.joined().elementsEqual(checkpoint.encoded.utf8))
        let longestPiece = checkpoint.alerts.map(\.utf8.count).max()!
        #expect(
            output.chunks.allSatisfy {
                !$0.isEmpty && $0.count <= Swift.max(chunkBytes, longestPiece)
            })
    }

    /// A checkpoint as the writer before streaming wrote it (per-host counters without the
    /// provider-by-host records, escaped alert text): it loads, and is written back the same.
    static let writtenBeforeStreaming = """
        bouncewatch-checkpoint/1
        written 1764151200
        source file /var/log/central/mail.log
        position /var/log/central/mail.log file-position/1 2049 131077 00abcdef01234567 256 81234
        metrics 9
        bouncewatch-metrics 1
        epoch 3
        cell - postfix sent - 4
        source s:/var/log/central/mail.log 6 0 0 0 -
        pcell s:google postfix sent - 3
        pcell - postfix sent - 1
        hhost s:mta-a
        hcell s:mta-a postfix sent - 4
        end 8
        alerts 3
        bouncewatch-alerts 1
        rule s:deferral-storm 0123abcd - 900
        sample 1764151100 s:mta-a%2520said%2520%2525%0Anext
        end b79eeaa25af6ffb6

        """

    @Test func aCheckpointOfTheEarlierWriterLoadsAndIsWrittenTheSame() throws {
        let checkpoint = try Checkpoint(decoding: Self.writtenBeforeStreaming)
        #expect(checkpoint.alerts.last == "sample 1764151100 s:mta-a%20said%20%25\nnext")
        #expect(checkpoint.metrics.count == 9)
        #expect(checkpoint.encoded == Self.writtenBeforeStreaming)
    }

    @Test func escapingRoundTripsEveryByteClass() {
        let value = "a b%c\nd\te\u{7F}f\u{1}ü"
        #expect(CheckpointEscaping.unescape(Substring(CheckpointEscaping.word(value))) == value)
        #expect(CheckpointEscaping.unescape(Substring(CheckpointEscaping.line(value))) == value)
        #expect(!CheckpointEscaping.word(value).contains(" "))
        #expect(CheckpointEscaping.line("plain text") == "plain text")
        #expect(CheckpointEscaping.unescape("bad%4") == nil)
        #expect(CheckpointEscaping.unescape("bad%zz") == nil)
    }
}
