import BounceCore
import Foundation
import Testing

@testable import BounceDaemon

/// The daemon saves the message state in its checkpoint, with the positions, and continues
/// from it after a restart; a damaged one stops it at the start.
@Suite struct DaemonMessageStateTests {
    /// A book holding two messages, one with a SASL user and one from the null sender.
    static func heldBook() -> MessageBook {
        var book = MessageBook()
        let notes = [
            "Nov 26 10:00:00 mx1 postfix/submission/smtpd[1]: 4F2A81C0A1: client=x[192.0.2.5], sasl_method=PLAIN, sasl_username=alice@example.com",
            "Nov 26 10:00:01 mx1 postfix/qmgr[2]: 4F2A81C0A1: from=<alice@Shop.Example>, size=10, nrcpt=2 (queue active)",
            "Nov 26 10:00:02 mx1 postfix/qmgr[2]: 5B3B92D1B2: from=<>, size=10, nrcpt=1 (queue active)",
        ]
        for text in notes {
            Array(text.utf8).withUnsafeBufferPointer { line in
                var event = RawEvent.unparsed()
                if LineParser().parse(line, into: &event) == .message { book.note(event, in: line) }
            }
        }
        return book
    }

    /// Puts `lines` in the saved checkpoint's `messages` section.
    static func plant(_ lines: [String], in harness: DaemonHarness) throws {
        let path = harness.stateDirectory + "/checkpoint"
        var checkpoint = try Checkpoint(decoding: String(contentsOfFile: path, encoding: .utf8))
        checkpoint.messages = lines
        try checkpoint.encoded.write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test func theMessageStateSurvivesARestart() throws {
        let harness = try DaemonHarness()
        let configuration = harness.mailLogConfiguration
        try harness.append("mail.log", 3)
        let saved = Self.heldBook().checkpointLines()
        // The header, five names (the null sender is the empty one) and two messages.
        #expect(saved.count == 8)
        let second = try harness.restart(
            configuration, whileStopped: { try Self.plant(saved, in: harness) })
        #expect(second.messages.count == 2)
        try harness.append("mail.log", 2)
        second.poll()
        second.flush()
        // Written again with the new positions, and read by the next start.
        let path = harness.stateDirectory + "/checkpoint"
        let written = try Checkpoint(decoding: String(contentsOfFile: path, encoding: .utf8))
        #expect(Set(written.messages) == Set(saved))
    }

    @Test func aDamagedMessageStateStopsTheStart() throws {
        let harness = try DaemonHarness()
        let configuration = harness.mailLogConfiguration
        try harness.append("mail.log", 3)
        try harness.runOnce(configuration)
        try Self.plant(["messages/1 - 0 0 0", "message 0 0 0 0 0 0 0 0 - 0"], in: harness)
        #expect {
            _ = try harness.loop(configuration)
        } throws: { error in
            guard case .unreadableCheckpoint(_, let reason) = error as? DaemonError else {
                return false
            }
            return reason.contains("message state")
        }
    }
}
