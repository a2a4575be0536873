import BounceTestSupport
import Foundation
import Testing

@Suite struct ScanShapeCommandTests {
    /// Two deferrals no rule explains, differing only in the host and a count, and one that a
    /// rule explains.
    static let log =
        [
            "Nov 26 10:00:01 mx1 postfix/smtp[4242]: 4F2A11234: to=<bob@example.com>,"
                + " relay=mx.example.com[192.0.2.10]:25, delay=1.2, delays=0.1/0/0.5/0.6,"
                + " dsn=4.0.0, status=deferred (host mx.example.com[192.0.2.10] said: 499 Flux"
                + " capacitor of mx7.example.com wobbling, 12 seconds (in reply to RCPT TO command))",
            "Nov 26 10:00:02 mx1 postfix/smtp[4242]: 4F2A11235: to=<carol@example.org>,"
                + " relay=mx.example.org[192.0.2.11]:25, delay=1.2, delays=0.1/0/0.5/0.6,"
                + " dsn=4.0.0, status=deferred (host mx.example.org[192.0.2.11] said: 499 Flux"
                + " capacitor of mx2.example.org wobbling, 7 seconds (in reply to RCPT TO command))",
            SampleLines.bounced,
        ].joined(separator: "\n") + "\n"

    @Test func jsonListsTheUnclassifiedShapeWithTheFirstReply() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("mail.log", Self.log)
        let result = try BinaryRunner.run(["scan", "--format", "json", path])
        #expect(result.status == 0)
        let section = try #require(result.json?["unclassified_replies"] as? [String: Any])
        #expect(section["total"] as? Int == 2)
        let shapes = try #require(section["shapes"] as? [[String: Any]])
        #expect(shapes.count == 1)
        #expect(
            shapes.first?["shape"] as? String == "499 flux capacitor of <host> wobbling, # seconds")
        #expect(shapes.first?["count"] as? Int == 2)
        #expect(
            shapes.first?["example"] as? String
                == "499 Flux capacitor of mx7.example.com wobbling, 12 seconds")
    }

    @Test func textListsTheUnclassifiedShape() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("mail.log", Self.log)
        let result = try BinaryRunner.run(["scan", path])
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                """
                Unclassified replies (by shape): 2
                  2  499 flux capacitor of <host> wobbling, # seconds
                     e.g. 499 Flux capacitor of mx7.example.com wobbling, 12 seconds

                """))
    }

    /// A reply whose only evidence is its code: the cause is a guess, listed apart.
    @Test func guessesFromTheBareReplyCodeAreListedApart() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write(
            "mail.log",
            "Nov 26 10:00:01 mx1 postfix/smtp[4242]: 4F2A11234: to=<bob@example.com>,"
                + " relay=mx.example.com[192.0.2.10]:25, delay=1.2, delays=0.1/0/0.5/0.6,"
                + " dsn=5.0.0, status=bounced (host mx.example.com[192.0.2.10] said: 554 Computer"
                + " of mx7.example.com says no (in reply to end of DATA command))\n"
                + SampleLines.bounced + "\n")
        let result = try BinaryRunner.run(["scan", "--format", "json", path])
        #expect(result.status == 0)
        let guesses = try #require(result.json?["guessed_replies"] as? [String: Any])
        #expect(guesses["total"] as? Int == 1)
        let shapes = try #require(guesses["shapes"] as? [[String: Any]])
        #expect(shapes.first?["shape"] as? String == "554 computer of <host> says no")
        #expect(
            shapes.first?["example"] as? String == "554 Computer of mx7.example.com says no")
        let unclassified = try #require(result.json?["unclassified_replies"] as? [String: Any])
        #expect(unclassified["total"] as? Int == 0)
    }
}
