import BounceCore
import Foundation
import Logging
import Testing

@testable import BounceDaemon

/// A textfile write with nothing new reuses what the last write built; what it writes must
/// still be, byte for byte, what a full render and a full checkpoint would be at that moment.
@Suite struct DaemonIdleWriteTests {
    private func loop(_ harness: DaemonHarness, _ clock: SteppedClock) throws -> DaemonLoop {
        var configuration = harness.mailLogConfiguration
        configuration.alerts = [DaemonAlertsTests.rule]
        configuration.notifiers = [.file(FileNotifierConfig(path: harness.path("alerts.mbox")))]
        configuration.hostname = "mx1"
        return try DaemonLoop(
            options: DaemonOptions(
                configuration: configuration, version: "test",
                makeAlerts: DaemonAlerts.factory(logger: Logger(label: "test")),
                wallClock: clock.reading),
            control: LoopControl())
    }

    private func textfile(_ harness: DaemonHarness) throws -> String {
        try String(contentsOfFile: harness.textfile, encoding: .utf8)
    }

    /// The saved checkpoint's metrics lines and time.
    private func saved(_ harness: DaemonHarness) throws -> (metrics: [String], time: Int64?) {
        let checkpoint = try CheckpointStore(directory: harness.stateDirectory).load()
        return (checkpoint?.metrics ?? [], checkpoint?.writtenAt)
    }

    /// The saved metrics are the full checkpoint lines when written by this write, and differ
    /// from them at most in the rebalance clock when left alone.
    private func expectSavedMetrics(
        _ harness: DaemonHarness, _ loop: DaemonLoop, now: Int64,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let (metrics, time) = try saved(harness)
        if time == now {
            #expect(metrics == loop.metrics.checkpointLines(), sourceLocation: sourceLocation)
        } else {
            #expect(
                MetricsStore.sameExceptClock(metrics, loop.metrics.checkpointLines()),
                sourceLocation: sourceLocation)
        }
    }

    /// Idle writes over twenty minutes (window rotations and checkpoint times moving among
    /// them), then new lines: after every write the textfile is the full render and the saved
    /// metrics are the full checkpoint lines; once two windows have passed without a line, the
    /// store's revision no longer moves.
    @Test func idleWritesAreTheFullOnes() throws {
        let harness = try DaemonHarness()
        let clock = SteppedClock(DaemonClockTests.noon)
        let loop = try loop(harness, clock)
        try harness.append("mail.log", 40)
        loop.poll()
        loop.flush()
        #expect(try textfile(harness) == loop.renderTextfile())
        var revisions: [Int] = []
        for _ in 0..<80 {
            clock.now += 15
            loop.poll()
            loop.flush()
            #expect(try textfile(harness) == loop.renderTextfile())
            try expectSavedMetrics(harness, loop, now: clock.now)
            revisions.append(loop.metrics.revision)
        }
        #expect(Set(revisions.suffix(30)).count == 1)
        let time = try #require(try saved(harness).time)
        #expect(time >= DaemonClockTests.noon + 900)
        #expect(
            try textfile(harness).contains("bouncewatch_checkpoint_timestamp_seconds \(time)\n"))
        try harness.append("mail.log", 5)
        clock.now += 15
        loop.poll()
        loop.flush()
        #expect(loop.metrics.revision != revisions.last)
        #expect(try textfile(harness) == loop.renderTextfile())
        #expect(try saved(harness).time == clock.now)
        try expectSavedMetrics(harness, loop, now: clock.now)
        harness.expectTruth(loop)
    }
}
