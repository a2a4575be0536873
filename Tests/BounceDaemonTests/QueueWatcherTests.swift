import BounceCore
import Foundation
import Logging
import Testing

@testable import BounceDaemon

/// The daemon's queue readings, on a copy of the Exim spool that the real Exim 4.96 of the
/// end-to-end test left (Tests/Fixtures/queue/exim-spool).
@Suite struct QueueWatcherTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/queue/exim-spool")

    /// A scratch directory, removed when the test ends.
    final class Scratch {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent(
                "bouncewatch-queue-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        var spool: String { url.appendingPathComponent("spool").path }
        func copySpool() throws {
            try FileManager.default.copyItem(
                at: QueueWatcherTests.fixture, to: URL(fileURLWithPath: spool))
        }
    }

    static func watcher(_ directory: String, logger: Logger) -> QueueWatcher {
        QueueWatcher(
            config: QueueConfig(mta: nil, directory: directory, topDestinations: 2),
            reasons: QueueReasonClassifier(), logger: logger, wallClock: { 1_796_592_600 })
    }

    @Test func readsTheSpoolIntoGauges() throws {
        let scratch = try Scratch()
        try scratch.copySpool()
        let (logger, box) = RecordingLogHandler.logger()
        let watcher = Self.watcher(scratch.spool, logger: logger)
        #expect(watcher.gauges == nil)
        watcher.readOnce()
        let gauges = try #require(watcher.gauges)
        #expect(gauges.up)
        #expect(gauges.mta == .exim)
        #expect(gauges.readAt == 1_796_592_600)
        let messages = Dictionary(
            uniqueKeysWithValues: gauges.queues.map { ($0.name, $0.messages) })
        #expect(messages == [.active: 0, .deferred: 3, .frozen: 1])
        // Two destinations by name (example.net has two), the rest under other.
        #expect(
            gauges.deferred.map { "\($0.destination) \($0.cause.identifier) \($0.total)" } == [
                "example.net mailbox_full 2", "example.org greylisted 1",
                "example.org mailbox_full 1",
            ])
        #expect(box.messages(atLeast: .warning) == [])
    }

    @Test func aMissingQueueIsDownAndSaidOnceThenRecovers() throws {
        let scratch = try Scratch()
        let (logger, box) = RecordingLogHandler.logger()
        let watcher = QueueWatcher(
            config: QueueConfig(mta: .exim, directory: scratch.spool),
            reasons: QueueReasonClassifier(), logger: logger, wallClock: { 1_796_592_600 })
        watcher.readOnce()
        watcher.readOnce()
        #expect(watcher.gauges == .down(mta: .exim))
        let errors = box.messages(atLeast: .error)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.contains("cannot read the exim queue at \(scratch.spool)") == true)
        try scratch.copySpool()
        watcher.readOnce()
        #expect(watcher.gauges?.up == true)
        #expect(box.messages().last?.contains("works again") == true)
    }

    @Test func theThreadReadsAtOnceAndStops() throws {
        let scratch = try Scratch()
        try scratch.copySpool()
        let (logger, _) = RecordingLogHandler.logger()
        let watcher = Self.watcher(scratch.spool, logger: logger)
        watcher.start()
        let deadline = Date().addingTimeInterval(10)
        while watcher.gauges == nil, Date() < deadline { usleep(10_000) }
        watcher.stop()
        #expect(watcher.gauges?.up == true)
    }
}
