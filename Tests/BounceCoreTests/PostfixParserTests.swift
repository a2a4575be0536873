import Testing

@testable import BounceCore

/// Focused checks of the Postfix parser's pieces and of hostile input.
@Suite struct PostfixParserTests {
    private static let prefix = "Nov 26 10:00:01 mx1 postfix/smtp[42]: "

    /// Queue ids: short upper-case hex, long vowel-free base-52; words such as `warning:` are not.
    @Test(arguments: [
        ("4F2A81C0A1: removed", true),
        ("4PcV4K5tFpz3tG5: removed", true),
        ("NOQUEUE: reject: x", false),
        ("warning: something", false),
        ("statistics: x", false),
        ("ABC: removed", false),
        ("4F2A81C0A1:removed", false),
    ])
    func queueID(_ message: String, _ isID: Bool) {
        let bytes = Array((Self.prefix + message).utf8)
        bytes.withUnsafeBufferPointer { line in
            let found = PostfixScan.queueIDEnd(line, at: Self.prefix.utf8.count)
            #expect((found != nil) == isID)
        }
    }

    /// Recipients with quoted local parts holding `>`, `,` and spaces.
    @Test(arguments: [
        ("to=<\"a>, b\"@x.example>, relay=none", "\"a>, b\"@x.example", "x.example"),
        (
            "to=<\"user 1 with space\"@icloud.example>, relay=x",
            "\"user 1 with space\"@icloud.example",
            "icloud.example"
        ),
        ("to=<plain@example.com>, relay=x", "plain@example.com", "example.com"),
        ("to=<withheld>, relay=x", "withheld", ""),
        ("to=<>, relay=x", "", ""),
        ("to=bare@example.com, relay=x", "bare@example.com", "example.com"),
        ("to=<\"at@inside\">, relay=x", "\"at@inside\"", ""),
    ])
    func recipient(_ text: String, _ address: String, _ domain: String) {
        let line = Self.prefix + "4F2A81C0A1: " + text + ", dsn=5.1.1, status=bounced (x)"
        let outcome = PostfixRun.run(line)
        guard case .event(let event) = outcome.result else {
            Issue.record("no event for \(line)")
            return
        }
        let bytes = Array(line.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect((event.recipient.string(in: buffer) ?? "") == address)
            #expect((event.domain.string(in: buffer) ?? "") == domain)
        }
    }

    /// The stage named in `(in reply to X)` and in Postfix's `while ...` wording.
    @Test(arguments: [
        ("host h[192.0.2.1] said: 550 5.1.1 x (in reply to RCPT TO command)", SMTPStage.rcptTo),
        ("host h[192.0.2.1] said: 550 5.7.1 x (in reply to MAIL FROM command)", .mailFrom),
        ("host h[192.0.2.1] said: 554 5.7.1 x (in reply to end of DATA command)", .endOfData),
        ("host h[192.0.2.1] said: 554 5.7.1 x (in reply to DATA command)", .data),
        ("host h[192.0.2.1] said: 421 4.3.2 x (in reply to initial greeting)", .greeting),
        ("host h[192.0.2.1] said: 550 5.7.1 x (in reply to EHLO command)", .helo),
        ("host h[192.0.2.1] said: 454 4.7.0 x (in reply to STARTTLS command)", .starttls),
        ("host h[192.0.2.1] said: 535 5.7.8 x (in reply to AUTH command)", .auth),
        ("host h[192.0.2.1] said: 421 4.7.0 x (in reply to QUIT command)", .quit),
        ("host h[192.0.2.1] refused to talk to me: 554 5.7.1 go away", .greeting),
        ("lost connection with h[192.0.2.1] while sending RCPT TO", .rcptTo),
        ("lost connection with h[192.0.2.1] while sending message body", .data),
        ("connect to h[192.0.2.1]:25: Connection timed out", .connect),
        (
            "Host or domain name not found. Name service error for name=x type=MX: Host not found",
            .unknown
        ),
    ])
    func stage(_ reason: String, _ stage: SMTPStage) {
        let line =
            Self.prefix + "4F2A81C0A1: to=<a@example.com>, relay=h, dsn=4.0.0, status=deferred ("
            + reason + ")"
        guard case .event(let event) = PostfixRun.run(line).result else {
            Issue.record("no event for \(line)")
            return
        }
        #expect(event.stage == stage)
    }

    /// A 10 MB line, NUL bytes and invalid UTF-8 are ordinary input.
    @Test func hostileInput() {
        let head = Array((Self.prefix + "4F2A81C0A1: to=<a@example.com>, status=bounced (").utf8)
        let huge = head + [UInt8](repeating: UInt8(ascii: "("), count: 10_000_000)
        let outcome = PostfixRun.run(huge)
        guard case .event(let event) = outcome.result else {
            Issue.record("a long reason is still a delivery")
            return
        }
        #expect(PostfixRun.rangesInside(event, count: huge.count))
        var nul = Array((Self.prefix + "4F2A81C0A1: to=<a@exa").utf8)
        nul += [0, 0xFF, 0xFE, 0xC3] + Array(">, status=deferred (\u{0}x)".utf8)
        if case .event(let other) = PostfixRun.run(nul).result {
            #expect(PostfixRun.rangesInside(other, count: nul.count))
        }
        let binary = Array(Self.prefix.utf8) + (0...255).map { UInt8($0) }
        _ = PostfixRun.run(binary)
    }

    /// Every prefix and suffix of the fixture lines parses without trapping.
    @Test func cutFixtureLines() {
        var pieces = 0
        for fixture in FixtureFile.load("postfix.fixture") {
            let bytes = Array(fixture.line.utf8)
            for cut in 0...bytes.count {
                for piece in [Array(bytes[..<cut]), Array(bytes[cut...])] {
                    if case .event(let event) = PostfixRun.run(piece).result {
                        #expect(PostfixRun.rangesInside(event, count: piece.count))
                    }
                    pieces += 1
                }
            }
        }
        #expect(pieces > 10_000)
    }

    /// The daemon is the last component of the program name, whatever the instance.
    @Test(arguments: [
        ("postfix/submission/smtpd", "smtpd"), ("postfix-170.55.103.23/smtp", "smtp"),
        ("postfix", "postfix"), ("postfix/10025/smtpd", "smtpd"),
    ])
    func daemonName(_ program: String, _ daemon: String) {
        let line = Array("Nov 26 10:00:01 mx1 \(program)[1]: x".utf8)
        line.withUnsafeBufferPointer { buffer in
            guard let header = SyslogHeader.parse(buffer) else {
                Issue.record("no header")
                return
            }
            let name = PostfixDaemon.name(in: buffer, program: header.program)
            #expect(name.string(in: buffer) == daemon)
            #expect(PostfixDaemon.isKnown(name, in: buffer))
        }
    }
}
