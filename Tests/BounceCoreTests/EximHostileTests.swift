import Testing

@testable import BounceCore

/// Broken and hostile input: nothing traps, every range stays inside the line.
@Suite struct EximHostileTests {
    static let samples = [
        "2026-11-26 23:10:21 +0200 [789] 1jmKso-0009d4-Uf ** molly@zee.corp <m@zee.corp> R=dnslookup T=remote_smtp H=mail.zee.corp (helo) [3.3.3.3]:25 X=TLS1.2:A:256 CV=yes DN=\"C=US,O=Zee: Corp\": SMTP error from remote mail server after RCPT TO:<molly@zee.corp>: 550-5.1.1 no\\n550 5.1.1 no",
        "2026-11-26 23:10:21 1tQ3Ks-00000000Bc9-2Fq0 == a@b.example R=r T=t defer (-44) H=(relay) [4.4.4.4: SMTP error from remote mail server after MAIL FROM:<x@y> SIZE=1: 452 4.3.1 full",
        "2026-11-26 23:10:21 H=host (helo) [192.0.2.1]:1 I=[192.0.2.2]:25 F=<a@b> temporarily rejected RCPT <\"q d\"@e>: 550 5.7.1 no",
        "2026-11-26 23:10:21 rejected EHLO from [192.0.2.1]: syntactically invalid argument(s): x",
        "2026-11-26 23:10:21 dovecot_login authenticator failed for h (helo) [192.0.2.1]:2 I=[192.0.2.2]:587 Ci=3: 535 Incorrect authentication data (set_id=a b)",
        "2026-11-26 23:10:21 1xWibd-0006fP-1P plain authenticator failed H=relay [192.0.2.9] [192.0.2.9] 535 5.7.8 no",
        "2026-11-26 23:10:21 mx exim[1]: [1] 1xWibd-0006fP-1P => a@b.example R=r T=t H=h [::1] C=\"250 \\\"ok\\\"\"",
        "Nov 26 10:00:01 mx1 exim[2345]: 2026-11-26 10:00:01 -0500 [7/8] 1xWMuN-00016Q-UG ** x@y.example : Unrouteable address",
    ]

    /// Every prefix of every sample (a line cut at any byte) parses without trapping.
    @Test(arguments: samples)
    func truncatedAtEveryByte(_ sample: String) {
        let bytes = Array(sample.utf8)
        var events = 0
        for length in 0...bytes.count {
            let cut = Array(bytes[0..<length])
            let outcome = EximRun.run(cut)
            if case .event(let event) = outcome.result {
                events += 1
                #expect(EximRun.rangesInBounds(event, count: length), "cut at \(length)")
            }
        }
        #expect(events > 0)
    }

    /// Every byte replaced in turn by NUL, 0xFF, a quote, a colon or a space.
    @Test(arguments: samples)
    func corruptedBytes(_ sample: String) {
        let bytes = Array(sample.utf8)
        for replacement: UInt8 in [0x00, 0xFF, 0x22, 0x3A, 0x20, 0x3C] {
            for index in bytes.indices {
                var corrupted = bytes
                corrupted[index] = replacement
                if case .event(let event) = EximRun.run(corrupted).result {
                    #expect(EximRun.rangesInBounds(event, count: corrupted.count))
                }
            }
        }
    }

    /// Ten-megabyte lines of several shapes: one quote never closed, a huge address, a huge
    /// reply, only spaces, invalid UTF-8.
    @Test(arguments: [
        ("2026-11-26 23:10:21 1xWibd-0006fP-1P ** a@b R=r DN=\"", UInt8(ascii: "x")),
        ("2026-11-26 23:10:21 1xWibd-0006fP-1P => ", UInt8(ascii: "a")),
        ("2026-11-26 23:10:21 1xWibd-0006fP-1P == a@b: ", UInt8(ascii: "(")),
        ("2026-11-26 23:10:21 H=", UInt8(ascii: " ")),
        ("2026-11-26 23:10:21 x authenticator failed for (", 0xC3),
        ("Nov 26 10:00:01 mx exim[1]: ", 0xFF),
    ])
    func hugeLine(_ head: String, _ filler: UInt8) {
        // Built in one piece: appending element by element takes seconds in a debug build.
        let prefix = Array(head.utf8)
        var bytes = [UInt8](repeating: filler, count: prefix.count + 10 * 1024 * 1024)
        bytes.replaceSubrange(0..<prefix.count, with: prefix)
        let outcome = EximRun.run(bytes)
        #expect(outcome.routed)
        if case .event(let event) = outcome.result {
            #expect(EximRun.rangesInBounds(event, count: bytes.count))
        }
    }

    /// NUL bytes and invalid UTF-8 inside fields keep the event and its ranges.
    @Test func binaryInsideFields() throws {
        var bytes = Array("2026-11-26 23:10:21 1xWibd-0006fP-1P ** a".utf8)
        bytes += [0x00, 0xFF, 0xFE]
        bytes += Array("@b.example R=r: 550 5.1.1 \u{0}bad".utf8)
        let outcome = EximRun.run(bytes)
        guard case .event(let event) = outcome.result else {
            Issue.record("expected an event, got \(outcome.result.identifier)")
            return
        }
        #expect(event.status == .bounced)
        #expect(event.replyCode == 550)
        #expect(EximRun.rangesInBounds(event, count: bytes.count))
    }
}
