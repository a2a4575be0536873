import Testing

@testable import BounceCore

@Suite struct EximSpoolMessageTests {
    static func fullDeferral(_ address: String) -> String {
        "R=sink T=remote_smtp defer (-44) H=127.0.0.1 [127.0.0.1]: SMTP error from remote mail"
            + " server after RCPT TO:<\(address)>: 452 4.2.2 <\(address)>: Mailbox full, try again"
            + " later"
    }

    @Test func readsADeferredMessageWithTwoRecipients() throws {
        let message = try QueueFixtures.eximMessage("1xaJn1-0005Tq-3A").get()
        #expect(
            message
                == QueuedMessage(
                    queue: .deferred, id: "1xaJn1-0005Tq-3A", arrival: 1_796_592_539,
                    // Headers 169 + 26 + 23 + 12 bytes, body "body\n".
                    size: 235, sender: "shop@sender.example",
                    recipients: [
                        QueuedRecipient(
                            address: "full-1@example.net",
                            reason: Self.fullDeferral("full-1@example.net")),
                        QueuedRecipient(
                            address: "full-9@example.org",
                            reason: Self.fullDeferral("full-9@example.org")),
                    ]))
    }

    @Test func aFrozenMessageIsFrozen() throws {
        let message = try QueueFixtures.eximMessage("1xaJn2-0005UH-1Q").get()
        #expect(message.queue == .frozen)
        #expect(message.recipients.map(\.address) == ["full-2@example.com"])
        #expect(message.recipients[0].reason == Self.fullDeferral("full-2@example.com"))
    }

    /// A bounce to three recipients of which two were delivered: the tree of delivered
    /// addresses leaves one to wait.
    @Test func deliveredRecipientsAreNotWaiting() throws {
        let message = try QueueFixtures.eximMessage("1xaJnN-0005m9-37").get()
        #expect(message.sender == "")
        #expect(message.queue == .deferred)
        #expect(message.recipients.map(\.address) == ["full-3@example.net"])
    }

    @Test func withoutAMessageLogTheMessageIsActive() throws {
        let header = QueueFixtures.bytes("exim-spool/input/1xaJn2-0005Ux-2s-H")
        let message = try header.withUnsafeBufferPointer {
            EximSpoolMessage.parse(
                id: "1xaJn2-0005Ux-2s", header: $0, dataBytes: 24, messageLog: nil)
        }.get()
        #expect(message.queue == .active)
        #expect(message.recipients == [QueuedRecipient(address: "grey-1@example.org", reason: "")])
    }

    @Test func aRetryNotDueLineKeepsTheReasonBefore() {
        let log = Array(
            ("2026-12-06 21:29:00 a@example.com R=sink T=remote_smtp defer (-44): 452 4.2.2 full\n"
                + "2026-12-06 21:39:00 a@example.com R=sink defer (-54): retry time not reached\n")
                .utf8)
        let found = log.withUnsafeBufferPointer {
            EximSpoolMessage.lastDeferrals($0, of: ["a@example.com"])
        }
        #expect(found == ["a@example.com": "R=sink T=remote_smtp defer (-44): 452 4.2.2 full"])
    }

    static let broken: [(String, String)] = [
        ("", "the first line does not name the message"),
        ("1xaJn1-0005Tq-3A-H\nDebian-exim 990 990\n", "ends before the sender"),
        ("1xaJn1-0005Tq-3A-H\nu 1 1\nshop@sender.example\n", "not in angle brackets"),
        ("1xaJn1-0005Tq-3A-H\nu 1 1\n<>\nsoon 0\n", "no arrival time"),
        ("1xaJn1-0005Tq-3A-H\nu 1 1\n<>\n1 0\n-aclm 1 99999\nx\n", "ACL variable"),
        ("1xaJn1-0005Tq-3A-H\nu 1 1\n<>\n1 0\nXX\nmany\n", "no recipient count"),
        ("1xaJn1-0005Tq-3A-H\nu 1 1\n<>\n1 0\nXX\n3\na@b\n", "fewer recipients"),
        ("1xaJn1-0005Tq-3A-H\nu 1 1\n<>\n1 0\nXX\n1\na@b\nc@d\n", "no blank line"),
        ("1xaJn1-0005Tq-3A-H\nu 1 1\n<>\n1 0\nXX\n1\na@b\n\n900T To: a@b\n", "runs past the end"),
    ]

    @Test(arguments: broken)
    func brokenHeaderFilesAreProblems(_ text: String, _ expected: String) {
        let bytes = Array(text.utf8)
        let result = bytes.withUnsafeBufferPointer {
            EximSpoolMessage.parse(
                id: "1xaJn1-0005Tq-3A", header: $0, dataBytes: 0, messageLog: nil)
        }
        guard case .failure(let problem) = result else {
            Issue.record("\(text.debugDescription) was read as a message")
            return
        }
        #expect(problem.text.contains(expected))
    }

    /// Truncations and mutations of a real header file never trap.
    @Test func mutatedHeaderFilesNeverTrap() {
        let original = QueueFixtures.bytes("exim-spool/input/1xaJnN-0005m9-37-H")
        let log = QueueFixtures.bytes("exim-spool/msglog/1xaJnN-0005m9-37")
        var state: UInt64 = 42
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for cut in 0...original.count {
            var bytes = Array(original[0..<cut])
            if !bytes.isEmpty, next() % 2 == 0 {
                bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next())
            }
            _ = bytes.withUnsafeBufferPointer { header in
                log.withUnsafeBufferPointer {
                    EximSpoolMessage.parse(
                        id: "1xaJnN-0005m9-37", header: header, dataBytes: -5, messageLog: $0)
                }
            }
        }
    }
}
