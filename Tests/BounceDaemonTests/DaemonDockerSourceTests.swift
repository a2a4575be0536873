import BounceCore
import BounceTestSupport
import Foundation
import Testing

@testable import BounceDaemon

/// `type: docker` sources in the daemon loop, on json-file logs written as Docker writes
/// them: every delivery counted once across split lines, rotations and restarts.
@Suite struct DaemonDockerSourceTests {
    /// A Docker data root in the harness with one container, `postfix-1`.
    static let containerID = String(repeating: "ab12", count: 16)

    static func makeContainer(
        _ harness: DaemonHarness, id: String = containerID, name: String = "postfix-1"
    ) throws {
        let directory = harness.log("docker/containers/\(id)")
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true)
        let configuration =
            #"{"StreamConfig":{},"State":{"Running":true},"ID":"\#(id)","#
            + #""Created":"2026-12-06T09:00:00.000000001Z","Path":"/docker-init","#
            + #""Name":"/\#(name)","LogPath":"/var/lib/docker/containers/\#(id)/\#(id)-json.log"}"#
        try Data(configuration.utf8).write(
            to: URL(fileURLWithPath: directory + "/config.v2.json"))
    }

    static func logName(_ id: String = containerID, rotation: Int? = nil) -> String {
        "docker/containers/\(id)/\(id)-json.log" + (rotation.map { ".\($0)" } ?? "")
    }

    func source(_ harness: DaemonHarness, startAt: StartAt = .beginning) -> SourceConfig {
        .docker(
            DockerSourceConfig(
                target: .container("postfix-1"), dockerRoot: harness.log("docker"),
                startAt: startAt, name: "postfix"))
    }

    @Test func readsTheContainersLinesOnceEach() throws {
        let harness = try DaemonHarness()
        try Self.makeContainer(harness)
        try harness.appendDocker(Self.logName(), 10)
        let loop = try harness.loop(harness.configuration([source(harness)]))
        loop.poll()
        harness.expectTruth(loop)
        try harness.appendDocker(Self.logName(), 5, longEvery: 2)
        loop.poll()
        harness.expectTruth(loop)
        #expect(loop.metrics.snapshot().sources.first { $0.name == "postfix" }?.unrecognized == 0)
    }

    @Test func aLineSplitAcrossAStopIsJoinedAndCountedOnce() throws {
        let harness = try DaemonHarness()
        try Self.makeContainer(harness)
        try harness.appendDocker(Self.logName(), 3)
        let (head, tail) = harness.splitDockerLine()
        let configuration = harness.configuration([source(harness)])
        let second = try harness.restart(
            configuration,
            whileRunning: { first in
                try harness.append(Self.logName(), text: head)
                first.poll()
                first.flush()
            },
            whileStopped: { try harness.append(Self.logName(), text: tail) })
        harness.expectTruth(second)
        try harness.appendDocker(Self.logName(), 2)
        second.poll()
        harness.expectTruth(second)
    }

    @Test func rotationWhileRunningReadsTheRotatedFileToItsEnd() throws {
        let harness = try DaemonHarness()
        try Self.makeContainer(harness)
        try harness.appendDocker(Self.logName(), 10)
        let loop = try harness.loop(harness.configuration([source(harness)]))
        loop.poll()
        // Docker's rotation: the log becomes `-json.log.1`, a new log is created; the
        // records written just before are only in the rotated file.
        try harness.appendDocker(Self.logName(), 4)
        try harness.rename(Self.logName(), to: Self.logName(rotation: 1))
        try harness.appendDocker(Self.logName(), 3)
        loop.poll()
        harness.expectTruth(loop)
    }

    @Test func rotationsWhileStoppedAreReadOnRestart() throws {
        let harness = try DaemonHarness()
        try Self.makeContainer(harness)
        try harness.appendDocker(Self.logName(), 6)
        let configuration = harness.configuration([source(harness)])
        let second = try harness.restart(
            configuration,
            whileStopped: {
                try harness.appendDocker(Self.logName(), 2)
                try harness.rename(Self.logName(), to: Self.logName(rotation: 1))
                try harness.appendDocker(Self.logName(), 3, longEvery: 3)
                try harness.rename(Self.logName(rotation: 1), to: Self.logName(rotation: 2))
                try harness.rename(Self.logName(), to: Self.logName(rotation: 1))
                try harness.appendDocker(Self.logName(), 4)
            })
        harness.expectTruth(second)
    }

    @Test func aRecreatedContainerIsFoundAgainByName() throws {
        let harness = try DaemonHarness()
        try Self.makeContainer(harness)
        try harness.appendDocker(Self.logName(), 4)
        let loop = try harness.loop(harness.configuration([source(harness)]))
        loop.poll()
        // `docker compose up` after an upgrade: the old container and its log are removed,
        // a new one under the same name has a new id.
        try harness.appendDocker(Self.logName(), 2)
        try FileManager.default.removeItem(
            atPath: harness.log("docker/containers/\(Self.containerID)"))
        let newID = String(repeating: "cd34", count: 16)
        try Self.makeContainer(harness, id: newID)
        try harness.appendDocker(Self.logName(newID), 5)
        loop.flush()
        loop.poll()
        // The two lines written just before the removal were read from the open file.
        harness.expectTruth(loop)
    }

    @Test func aMissingContainerIsReportedAndReadOnceItAppears() throws {
        let harness = try DaemonHarness()
        try FileManager.default.createDirectory(
            atPath: harness.log("docker/containers"), withIntermediateDirectories: true)
        let loop = try harness.loop(harness.configuration([source(harness, startAt: .end)]))
        loop.poll()
        #expect(loop.renderTextfile().contains(#"bouncewatch_source_up{source="postfix"} 0"#))
        try Self.makeContainer(harness)
        try harness.appendDocker(Self.logName(), 3)
        loop.flush()
        loop.poll()
        harness.expectTruth(loop)
        #expect(loop.renderTextfile().contains(#"bouncewatch_source_up{source="postfix"} 1"#))
    }

    @Test func recordsThatAreNotDockersAreCountedUnrecognized() throws {
        let harness = try DaemonHarness()
        let path = harness.log("plain-json.log")
        try harness.appendDocker("plain-json.log", 2)
        try harness.append(
            "plain-json.log", text: "{\"log\":\"cut short\n{\"time\":\"x\"}\nnot json\n")
        try harness.appendDocker("plain-json.log", 1)
        let loop = try harness.loop(
            harness.configuration([
                .docker(DockerSourceConfig(target: .path(path), startAt: .beginning))
            ]))
        loop.poll()
        let counts = loop.metrics.snapshot().deliveries
        #expect(counts.sent + counts.deferred + counts.bounced == harness.truth.total)
        #expect(loop.metrics.snapshot().sources.first { $0.name == path }?.unrecognized == 3)
    }
}

extension DaemonHarness {
    /// Appends `count` delivery lines to `logs/name` as Docker json-file records, every
    /// `longEvery`-th one made longer than 16 KiB so that Docker splits it.
    func appendDocker(_ name: String, _ count: Int, longEvery: Int = 0) throws {
        var records: [UInt8] = []
        var index = 0
        for line in lines(count).split(separator: "\n") {
            index += 1
            var text = String(line)
            if longEvery > 0, index % longEvery == 0 {
                // A long reply text, escaped by Docker: `<`, `>` and `&` become six bytes.
                text = text.replacingOccurrences(
                    of: "(250 ok", with: "(250 ok " + String(repeating: "<&>", count: 7_000))
            }
            records += DockerJSONFile.records(for: Array(text.utf8))
        }
        try append(name, text: String(decoding: records, as: UTF8.self))
    }

    /// One delivery line longer than 16 KiB as Docker's records: the first piece, and the rest.
    func splitDockerLine() -> (head: String, tail: String) {
        let line = lines(1).dropLast().replacingOccurrences(
            of: "(250 ok", with: "(250 ok " + String(repeating: "x", count: 20_000))
        let records = DockerJSONFile.records(for: Array(line.utf8))
        let end = records.firstIndex(of: 0x0A)! + 1
        return (
            String(decoding: records[0..<end], as: UTF8.self),
            String(decoding: records[end...], as: UTF8.self)
        )
    }
}

extension DaemonDockerSourceTests {
    /// A container's message notes reach the message state as a file's do: its deliveries
    /// are counted by sender domain.
    @Test func aContainersMessageNotesGiveTheSenderSeries() throws {
        let harness = try DaemonHarness()
        try Self.makeContainer(harness)
        var records: [UInt8] = []
        let text = DaemonSenderSeriesTests.message(
            "4F2A81C0A1", sender: "alice@sender.example", user: "alice", deliveries: 2,
            removed: false)
        for line in text.split(separator: "\n") {
            records += DockerJSONFile.records(for: String(line))
        }
        let path = harness.log(Self.logName())
        _ = FileManager.default.createFile(atPath: path, contents: Data(records))
        var configuration = harness.configuration([source(harness)])
        configuration.metrics.topSenderDomains = 5
        try harness.runOnce(configuration)
        #expect(
            try DaemonSenderSeriesTests.sums(
                harness.textfile, "bouncewatch_sender_deliveries_total", by: "sender_domain")
                == ["sender.example": 2])
        #expect(
            try DaemonSenderSeriesTests.sample(
                harness.textfile, "bouncewatch_message_state_messages") == 1)
    }
}
