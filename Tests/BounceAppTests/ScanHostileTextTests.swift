import BounceTestSupport
import Foundation
import Testing

/// A remote server's reply and a recipient domain are attacker-controlled: `scan`'s text report
/// must show bidi controls and terminal controls escaped, never pass them to the terminal.
@Suite struct ScanHostileTextTests {
    /// Bidi embeddings, overrides and isolates, the marks, ESC and the C1 CSI.
    static let dangerous: Set<UInt32> = Set(
        Array(0x202A...0x202E) + Array(0x2066...0x2069) + [0x200E, 0x200F, 0x1B, 0x9B])

    static let hostileLine =
        "Nov 26 10:00:01 mx1 postfix/smtp[4242]: 4F2A11234: to=<bob@ev\u{202E}il.example>,"
        + " relay=mx.evil.example[192.0.2.10]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.7.1,"
        + " status=bounced (host mx.evil.example[192.0.2.10] said: 550 5.7.1 Message rejected"
        + " \u{202E}txt.exe\u{202C} see \u{2066}https://evil.example\u{2069}\u{200F}"
        + " \u{1B}[2J\u{9B}31m (in reply to end of DATA command))"

    @Test func bidiAndControlCharactersInARemoteReplyAreEscaped() throws {
        let dir = try TemporaryDirectory()
        let log = try dir.write("mail.log", Self.hostileLine + "\n")
        let result = try BinaryRunner.run(["scan", log])
        #expect(result.status == 0)
        let found = result.stdout.unicodeScalars.filter { Self.dangerous.contains($0.value) }
        #expect(found.isEmpty, "raw controls in the report: \(found.map { $0.value })")
        // The reply is still there to read, each control shown by its code point.
        #expect(result.stdout.contains("\\u{202e}txt.exe\\u{202c} see \\u{2066}https://evil"))
        #expect(result.stdout.contains("\\x1b[2J\\u{9b}31m"))
        // The destination column too.
        #expect(result.stdout.contains("ev\\u{202e}il.example"))
    }

    /// Ordinary text, including non-ASCII letters, is printed as it is.
    @Test func ordinaryNonASCIITextIsUnchanged() throws {
        let dir = try TemporaryDirectory()
        let line = Self.hostileLine.replacingOccurrences(
            of: "Message rejected \u{202E}txt.exe\u{202C}", with: "Nachricht abgelehnt für Müller")
        let log = try dir.write("mail.log", line + "\n")
        let result = try BinaryRunner.run(["scan", log])
        #expect(result.stdout.contains("Nachricht abgelehnt für Müller see"))
    }
}
