import Testing

@testable import BounceCore

/// Table tests for the parts of an Exim line: prefixes, ids, stages, flags.
@Suite struct EximParserTests {
    struct Prefix: Sendable, CustomTestStringConvertible {
        var line: String
        var year: Int?
        var hour: Int
        var nanosecond: Int
        var offset: Int?
        var pid: Int?
        var queueID: String?
        var testDescription: String { line }
    }

    static let prefixes: [Prefix] = [
        Prefix(
            line: "2026-11-26 23:10:21 1xWibd-0006fP-1P ** a@b.example: retry timeout exceeded",
            year: 2026, hour: 23, nanosecond: 0, offset: nil, pid: nil,
            queueID: "1xWibd-0006fP-1P"),
        Prefix(
            line: "2026-11-26 23:10:21 +0200 1xWibd-0006fP-1P ** a@b.example: Unrouteable address",
            year: 2026, hour: 23, nanosecond: 0, offset: 7200, pid: nil,
            queueID: "1xWibd-0006fP-1P"),
        Prefix(
            line: "2026-11-26 23:10:21 -0530 [77] 1xWibd-0006fP-1P ** a@b.example: x",
            year: 2026, hour: 23, nanosecond: 0, offset: -19800, pid: 77,
            queueID: "1xWibd-0006fP-1P"),
        Prefix(
            line: "2026-11-26 07:00:01.250 [123/4] 1tQ3Ks-00000000Bc9-2Fq0 == a@b.example R=r: x",
            year: 2026, hour: 7, nanosecond: 250_000_000, offset: nil, pid: 123,
            queueID: "1tQ3Ks-00000000Bc9-2Fq0"),
        Prefix(
            line:
                "2026-11-26 07:00:01 H=(x) [192.0.2.1] F=<a@b.example> rejected RCPT <c@d.example>",
            year: 2026, hour: 7, nanosecond: 0, offset: nil, pid: nil, queueID: nil),
        Prefix(
            line:
                "Nov 26 06:00:00 mx exim[9]: 2026-11-26 07:00:01 +0100 1xWibd-0006fP-1P ** a@b.example: x",
            year: 2026, hour: 7, nanosecond: 0, offset: 3600, pid: 9,
            queueID: "1xWibd-0006fP-1P"),
        Prefix(
            line: "Nov 26 06:00:00 mx exim[9]: 1xWibd-0006fP-1P ** a@b.example: x",
            year: nil, hour: 6, nanosecond: 0, offset: nil, pid: 9, queueID: "1xWibd-0006fP-1P"),
    ]

    @Test(arguments: prefixes)
    func prefix(_ sample: Prefix) throws {
        let bytes = Array(sample.line.utf8)
        let event = try #require(EximRun.event(sample.line))
        let stamp = try #require(event.timestamp)
        #expect(stamp.year == sample.year)
        #expect(stamp.hour == sample.hour)
        #expect(stamp.nanosecond == sample.nanosecond)
        #expect(stamp.utcOffsetSeconds == sample.offset)
        #expect(event.pid == sample.pid)
        #expect(text(event.queueID, bytes) == sample.queueID)
        #expect(event.mta == .exim)
    }

    /// Only the two documented id shapes count as a message id.
    @Test(arguments: [
        ("1rABCD-000123-AB", true),
        ("1tQ3Ks-00000000Bc9-2Fq0", true),
        ("1rABCD-000123-ABC", false),
        ("1rABCD-0001234-AB", false),
        ("1tQ3Ks-00000000Bc9-2F", false),
        ("1rAB_D-000123-AB", false),
        ("Completed", false),
    ])
    func messageID(_ candidate: String, _ valid: Bool) {
        let bytes = Array((candidate + " x").utf8)
        let end = bytes.withUnsafeBufferPointer { EximScan.messageIDEnd($0, at: 0) }
        #expect((end == candidate.utf8.count) == valid)
        #expect(valid || end == nil)
    }

    @Test(arguments: [
        ("RCPT TO:<a@b>: 550 x", SMTPStage.rcptTo),
        ("MAIL FROM:<a@b> SIZE=10: 550 x", .mailFrom),
        ("pipelined MAIL FROM:<a@b>: 550 x", .mailFrom),
        ("DATA: 554 x", .data),
        ("pipelined DATA: 554 x", .data),
        ("BDAT 1 last: 554 x", .data),
        ("pipelined sending data block: 554 x", .data),
        ("end of data: 550 x", .endOfData),
        ("pipelined end of data: 550 x", .endOfData),
        ("initial connection: 421 x", .greeting),
        ("EHLO me.example: 550 x", .helo),
        ("HELO me.example: 550 x", .helo),
        ("LHLO me.example: 550 x", .helo),
        ("STARTTLS: 454 x", .starttls),
        ("AUTH PLAIN: 535 x", .auth),
        ("QUIT: 421 x", .quit),
        ("RSET: 421 x", .unknown),
    ])
    func stage(_ after: String, _ stage: SMTPStage) throws {
        let line =
            "2026-11-26 23:10:21 1xWibd-0006fP-1P ** a@b.example R=r T=t H=h [192.0.2.1]: "
            + "SMTP error from remote mail server after \(after)"
        let event = try #require(EximRun.event(line))
        #expect(event.stage == stage)
        #expect(event.replyIsRemote)
        #expect(event.replyCode >= 421 && event.replyCode <= 554)
    }

    @Test(arguments: [
        ("=> a@b.example R=r T=t", EximBranch.delivered),
        ("-> a@b.example R=r T=t", .additionalDelivery),
        (">> a@b.example R=r T=t", .cutthroughDelivery),
        ("*> a@b.example R=r T=t", .fakeDelivery),
        ("** a@b.example: x", .bounced),
        ("** a@b.example: retry timeout exceeded", .expired),
        ("== a@b.example R=r defer (-1): x", .deferred),
        ("== a@b.example routing defer (-52): retry time not reached", .retryTimeNotReached),
        ("<= a@b.example U=u P=local S=1", .arrival),
        ("**", .flagWithoutAddress),
        ("==    ", .flagWithoutAddress),
        ("Completed", .messageNote),
        ("=>a@b.example", .messageNote),
        ("\u{01}\u{02}", .garbled),
    ])
    func flags(_ text: String, _ branch: EximBranch) {
        let outcome = EximRun.run("2026-11-26 23:10:21 1xWibd-0006fP-1P " + text)
        #expect(outcome.branch == branch)
    }

    /// The `a@x <b@y>` form, and a pipe whose command holds spaces before its parent.
    /// Without a domain of its own, a delivery takes its parent's.
    @Test func parentAddresses() throws {
        let alias = "2026-11-26 23:10:21 1xWibd-0006fP-1P => a@x.example <b@y.example> R=r T=t"
        var bytes = Array(alias.utf8)
        var event = try #require(EximRun.event(alias))
        #expect(text(event.recipient, bytes) == "a@x.example")
        #expect(text(event.originalRecipient, bytes) == "b@y.example")
        #expect(text(event.domain, bytes) == "x.example")

        let pipe =
            "2026-11-26 23:10:21 1xWibd-0006fP-1P ** |/usr/bin/filter -q <c@z.example> "
            + "R=aliases T=address_pipe : Child process of address_pipe transport returned 69"
        bytes = Array(pipe.utf8)
        event = try #require(EximRun.event(pipe))
        #expect(text(event.recipient, bytes) == "|/usr/bin/filter")
        #expect(text(event.originalRecipient, bytes) == "c@z.example")
        // A pipe has no domain of its own: the parent's names the destination.
        #expect(text(event.domain, bytes) == "z.example")
        #expect(
            text(event.reply, bytes) == "Child process of address_pipe transport returned 69")
    }

    /// Lines that look like a reject or an authentication failure but are not.
    @Test(arguments: [
        "SMTP protocol synchronization error (input sent without waiting for greeting): rejected connection from H=[192.0.2.1]:1 input=\"x\"",
        "H=(x) [192.0.2.1] sender verify fail for <a@b.example>: Unrouteable address",
        "ignoring AUTH=a@b.example from U=u (rejected by ACL)",
        "SMTP call from (x) [192.0.2.1] dropped: too many nonmail commands (last was \"RSET\")",
        "myauthenticator failedness is not a thing",
    ])
    func lookalikes(_ body: String) {
        let outcome = EximRun.run("2026-11-26 23:10:21 " + body)
        #expect(outcome.branch == .otherLine)
    }

    private func text(_ range: ByteRange, _ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { range.string(in: $0) }
    }
}
