import BounceTestSupport
import Foundation
import Testing

@testable import BounceApp

/// `scan` and `classify` on Docker json-file logs: the container's lines, counted as the
/// same lines in a plain file are.
@Suite struct ContainerInputTests {
    /// A delivery line longer than Docker's 16 KiB piece, with characters Docker escapes.
    static let longBounce = SampleLines.bounced.replacingOccurrences(
        of: "User unknown", with: "User unknown " + String(repeating: "<&> \"é\" ", count: 3_000))

    /// The plain log and the same lines as json-file records, stdout and stderr mixed.
    static func logs(_ dir: TemporaryDirectory) throws -> (plain: String, docker: String) {
        let lines = [SampleLines.bounced, SampleLines.cleanup, longBounce, SampleLines.sent]
        let plain = try dir.write("plain.log", lines.joined(separator: "\n") + "\n")
        var records: [UInt8] = []
        for (index, line) in lines.enumerated() {
            records += DockerJSONFile.records(
                for: Array(line.utf8), stream: index % 2 == 0 ? "stdout" : "stderr")
        }
        let docker = try dir.write("abc-json.log", records)
        return (plain, docker)
    }

    @Test func scanCountsTheRecordsAsThePlainLines() throws {
        let dir = try TemporaryDirectory()
        let (plain, docker) = try Self.logs(dir)
        let expected = try #require(
            try BinaryRunner.run(["scan", "--format", "json", plain]).json)
        let result = try BinaryRunner.run(["scan", "--format", "json", docker])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let report = try #require(result.json)
        let deliveries = try #require(report["deliveries"] as? [String: Any])
        #expect(deliveries["bounced"] as? Int == 2)
        #expect(deliveries["sent"] as? Int == 1)
        let counted = try #require(report["lines"] as? [String: Any])
        let plainCounted = try #require(expected["lines"] as? [String: Any])
        #expect(counted["total"] as? Int == plainCounted["total"] as? Int)
        #expect(counted["event"] as? Int == 3)
        #expect(counted["unrecognized"] as? Int == 0)
        #expect(report["truncated_lines"] as? Int == 0)
    }

    @Test func aRecordThatCannotBeReadIsCountedAndNamed() throws {
        let dir = try TemporaryDirectory()
        let records =
            DockerJSONFile.records(for: SampleLines.sent)
            + Array(#"{"log":"cut sho"#.utf8) + [0x0A]
        let path = try dir.write("cut-json.log", records)
        let result = try BinaryRunner.run(["scan", "--format", "json", path])
        #expect(result.status == 0)
        let counted = try #require(result.json?["lines"] as? [String: Any])
        #expect(counted["event"] as? Int == 1)
        #expect(counted["unrecognized"] as? Int == 1)
        #expect(
            result.stderr.contains(
                "\(path): 1 line(s) starting with \"{\" are not Docker json-file records"))
        #expect(result.stderr.contains("cut short"))
    }

    /// A line with no stamp of its own takes the record's time.
    @Test func classifyReadsARecordAndItsTime() throws {
        let line =
            "postfix/smtp[137]: 73EBC8B09: to=<a@example.org>, relay=none, delay=30, "
            + "delays=0.1/0/30/0, dsn=4.4.1, status=deferred (connect to "
            + "mx.example.org[192.0.2.30]:25: Connection timed out)"
        let records = DockerJSONFile.records(for: line, time: "2026-12-06T10:00:01.123456789Z")
        let result = try BinaryRunner.run(["classify"], stdin: records)
        #expect(result.status == 0)
        try #require(result.jsonLines.count == 1)
        let event = result.jsonLines[0]
        #expect(event["status"] as? String == "deferred")
        #expect(event["program"] as? String == "postfix/smtp")
        #expect(event["time"] as? String == "2026-12-06T10:00:01.123456789+00:00")
    }

    /// Plain lines longer than the log-line limit are still cut at it, now that the reader
    /// takes longer physical lines for json-file records.
    @Test func plainLinesAreStillCutAt64KiB() throws {
        let dir = try TemporaryDirectory()
        let long = String(repeating: "y", count: 100 * 1024)
        let path = try dir.write("long.log", SampleLines.bounced + "\n" + long + "\n")
        let result = try BinaryRunner.run(["scan", "--format", "json", path])
        #expect(result.json?["truncated_lines"] as? Int == 1)
        #expect(result.stderr.contains("\(path): 1 line was longer than 65536 bytes"))
    }
}

/// `check-config` says when a docker source's container cannot be found now.
@Suite struct CheckConfigContainerTests {
    @Test func aMissingContainerIsAWarningAndAPresentOneIsNot() throws {
        let directory = try TemporaryDirectory()
        let id = String(repeating: "0f", count: 32)
        let root = directory.path("docker")
        try FileManager.default.createDirectory(
            atPath: root + "/containers/" + id, withIntermediateDirectories: true)
        try directory.write(
            "docker/containers/\(id)/config.v2.json", #"{"ID":"\#(id)","Name":"/postfix-1"}"#)
        let path = try directory.write(
            "bouncewatch.yml",
            """
            sources:
              - type: docker
                container: postfix-1
                docker_root: \(root)
              - type: docker
                container: mailu-smtp-1
                docker_root: \(root)
              - type: docker
                path: \(directory.path("gone-json.log"))
            metrics:
              textfile: \(directory.path("bouncewatch.prom"))
            notifiers: []
            """)
        let result = try BinaryRunner.run(["check-config", "--config", path])
        #expect(result.status == 0)
        #expect(
            result.stderr == """
                warning: sources[1].container: no container named "mailu-smtp-1" in \
                \(root)/containers (see `docker ps -a`)
                warning: sources[2].path: \(directory.path("gone-json.log")) does not exist

                """)
    }
}
