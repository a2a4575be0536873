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
