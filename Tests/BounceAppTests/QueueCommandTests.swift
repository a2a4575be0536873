import BounceTestSupport
import Foundation
import Testing

/// `bouncewatch queue` on a copy of the real Exim 4.96 spool of Tests/Fixtures/queue, and on
/// queues it cannot read.
@Suite struct QueueCommandTests {
    static let spool = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/queue/exim-spool")

    @Test func printsTheSpoolAsJSONAndText() throws {
        let directory = try TemporaryDirectory()
        let copy = directory.path("spool")
        try FileManager.default.copyItem(at: Self.spool, to: URL(fileURLWithPath: copy))
        let json = try BinaryRunner.run(["queue", "--directory", copy, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["mta"] as? String == "exim")
        let queues = try #require(report["queues"] as? [String: [String: Any]])
        #expect(queues["deferred"]?["messages"] as? Int == 3)
        #expect(queues["frozen"]?["messages"] as? Int == 1)
        let byCause = try #require(report["deferred_by_cause"] as? [String: Int])
        #expect(byCause == ["mailbox_full": 3, "greylisted": 1])

        let text = try BinaryRunner.run(["queue", "--directory", copy, "--destinations", "1"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("Queue of exim at \(copy)\n"))
        #expect(text.stdout.contains("  example.net  -         mailbox_full  2"))
        #expect(text.stdout.contains("  other        -         greylisted    1"))
    }

    @Test func aQueueThatCannotBeReadExits66() throws {
        let directory = try TemporaryDirectory()
        let result = try BinaryRunner.run(
            ["queue", "--mta", "postfix", "--directory", directory.path("none")])
        #expect(result.status == 66)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "bouncewatch: cannot read the postfix queue: cannot connect to"
                + " \(directory.path("none"))/public/showq: No such file or directory\n")
    }
}
