import BounceCore
import Foundation
import Synchronization
import Testing

@testable import BounceDaemon

/// The daemon keeps only a fingerprint of the alert lines it saved last: a change of the alert
/// state alone still writes the checkpoint, and the same state does not write it again.
@Suite struct DaemonCheckpointAlertTests {
    /// An alert hook whose saved state the test sets.
    final class SettableAlertHook: DaemonAlertHook, Sendable {
        let state: Mutex<[String]>

        init(lines: [String]) { state = Mutex(lines) }

        var lines: [String] {
            get { state.withLock { $0 } }
            set { state.withLock { $0 = newValue } }
        }

        func observe(
            _ event: RawEvent, _ classification: Classification?,
            in line: UnsafeBufferPointer<UInt8>, source: String, time: Int64?, provider: String,
            sender: MessageSender?
        ) {}
        func tick(now: Int64) {}
        var wantsPromptTick: Bool { false }
        func checkpointLines() -> [String] { lines }
        func reload(_ configuration: Configuration) {}
        func stop() {}
        var firing: [String: Int] { [:] }
        var notifications: [DaemonHealth.NotificationCount] { [] }
    }

    /// Hands the hook it made to the test.
    final class HookBox: Sendable {
        let made = Mutex<SettableAlertHook?>(nil)

        func set(_ lines: [String]) { made.withLock { $0?.lines = lines } }
    }

    @Test func onlyAChangedAlertStateIsWrittenAgain() throws {
        let harness = try DaemonHarness()
        try harness.append("mail.log", 10)
        let clock = SteppedClock(DaemonClockTests.noon)
        let box = HookBox()
        let loop = try DaemonLoop(
            options: DaemonOptions(
                configuration: harness.mailLogConfiguration, version: "test",
                makeAlerts: { _, saved in
                    let hook = SettableAlertHook(lines: saved.isEmpty ? ["state 1"] : saved)
                    box.made.withLock { $0 = hook }
                    return hook
                },
                wallClock: clock.reading),
            control: LoopControl())
        let store = try CheckpointStore(directory: harness.stateDirectory)
        loop.poll()
        loop.flush()
        let first = try #require(try store.load())
        #expect(first.alerts == ["state 1"])
        // Nothing moved: the checkpoint is left alone.
        clock.now += 15
        loop.flush()
        #expect(try store.load()?.writtenAt == first.writtenAt)
        // Only the alert state moved (the same number of lines): it is written.
        box.set(["state 2"])
        clock.now += 15
        loop.flush()
        let second = try #require(try store.load())
        #expect(second.writtenAt == first.writtenAt + 30)
        #expect(second.alerts == ["state 2"])
        // An added line is a change too; the same lines again are not.
        box.set(["state 2", ""])
        clock.now += 15
        loop.flush()
        #expect(try store.load()?.alerts == ["state 2", ""])
        clock.now += 15
        loop.flush()
        #expect(try store.load()?.writtenAt == second.writtenAt + 15)
    }
}
