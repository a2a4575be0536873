import BounceCore
import Foundation
import Logging
import Testing

@testable import BounceDaemon

/// The state directory, the textfile and the checkpoint against other daemons, other
/// configurations and a state directory taken away.
@Suite struct DaemonStateTests {
    private func loop(_ harness: DaemonHarness, _ configuration: Configuration, logger: Logger)
        throws -> DaemonLoop
    {
        try DaemonLoop(
            options: DaemonOptions(configuration: configuration, version: "test", logger: logger),
            control: LoopControl())
    }

    /// A second daemon refused the state directory must leave the first one's files alone,
    /// its temporary checkpoint (being written at that moment) included.
    @Test func aRefusedSecondDaemonTouchesNothingInTheStateDirectory() throws {
        let harness = try DaemonHarness()
        let configuration = harness.mailLogConfiguration
        let first = try harness.loop(configuration)
        let temporary = harness.stateDirectory + "/.checkpoint.tmp"
        try "being written".write(toFile: temporary, atomically: false, encoding: .utf8)
        #expect {
            _ = try harness.loop(configuration, waiting: false)
        } throws: { error in
            if case .stateDirectoryBusy = error as? DaemonError { return true }
            return false
        }
        #expect(FileManager.default.fileExists(atPath: temporary))
        _ = first
    }

    /// The state directory removed under a running daemon: a second daemon could start
    /// beside it. The running one notices at its next checkpoint and stops, writing nothing.
    @Test func aLockFileRemovedUnderTheDaemonStopsIt() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 3)
        let loop = try harness.loop(harness.mailLogConfiguration)
        loop.poll()
        loop.flush()
        #expect(loop.stopFailure == nil)
        try FileManager.default.removeItem(atPath: harness.stateDirectory)
        // A second daemon now gets the state directory (its textfile elsewhere).
        var other = harness.mailLogConfiguration
        other.metrics.textfile = nil
        let second = try harness.loop(other)
        loop.flush()
        guard case .stateLockLost(let path) = loop.stopFailure else {
            Issue.record("no stateLockLost: \(String(describing: loop.stopFailure))")
            return
        }
        #expect(path == harness.stateDirectory + "/lock")
        _ = second
    }

    @Test func aFinalCheckpointThatCannotBeWrittenIsReported() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 3)
        let loop = try harness.loop(harness.mailLogConfiguration)
        loop.poll()
        // A directory where the checkpoint goes: the rename over it fails.
        try FileManager.default.createDirectory(
            atPath: harness.stateDirectory + "/checkpoint/blocked",
            withIntermediateDirectories: true)
        try harness.append("mail.log", 2)
        let failure = loop.finish()
        guard case .checkpointNotWritten = failure else {
            Issue.record(
                "the final checkpoint's failure was not reported: \(String(describing: failure))")
            return
        }
    }

    @Test func aCheckpointOfOtherSourcesIsReportedAtStart() throws {
        let harness = try DaemonHarness()
        try harness.append("a.log", 2)
        try harness.append("b.log", 2)
        try harness.runOnce(
            harness.configuration([harness.fileSource("a.log"), harness.fileSource("b.log")]))
        try harness.append("c.log", 2)
        let (logger, box) = RecordingLogHandler.logger()
        let loop = try loop(
            harness,
            harness.configuration([harness.fileSource("b.log"), harness.fileSource("c.log")]),
            logger: logger)
        let warnings = box.messages(atLeast: .warning)
        #expect(warnings.contains { $0.contains("no longer has: a.log;") }, "\(warnings)")
        #expect(warnings.contains { $0.contains("does not know: c.log;") }, "\(warnings)")
        #expect(warnings.count == 2, "\(warnings)")
        _ = loop
    }

    @Test func aCheckpointOfTheSameSourcesIsNotReported() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 2)
        try harness.runOnce(harness.mailLogConfiguration)
        let (logger, box) = RecordingLogHandler.logger()
        _ = try loop(harness, harness.mailLogConfiguration, logger: logger)
        #expect(box.messages(atLeast: .warning) == [])
    }

    @Test func aTextfileLockedByAnotherDaemonIsRefused() throws {
        let first = try DaemonHarness()
        let second = try DaemonHarness()
        let running = try first.loop(first.mailLogConfiguration)
        var other = second.mailLogConfiguration
        other.metrics.textfile = first.textfile
        #expect {
            _ = try second.loop(other)
        } throws: { error in
            guard case .textfileBusy(let path) = error as? DaemonError else { return false }
            return path == first.textfile
        }
        _ = running
    }
}
