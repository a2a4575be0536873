import BounceCore
import Foundation
import Testing

@testable import BounceDaemon

/// A temp directory with logs, a state directory and a textfile, and the ground truth of
/// every delivery line written through it.
final class DaemonHarness {
    let root: URL
    /// Deliveries written, by status.
    private(set) var truth = StatusTally()
    private var serial = 0

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("bouncewatch-daemon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("logs"), withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    func path(_ name: String) -> String { root.appendingPathComponent(name).path }
    func log(_ name: String) -> String { path("logs/" + name) }
    var stateDirectory: String { path("state") }
    var textfile: String { path("bouncewatch.prom") }

    /// A configuration with these sources, state and textfile in the temp directory.
    func configuration(_ sources: [SourceConfig], interval: Int = 1) -> Configuration {
        Configuration(
            sources: sources, stateDirectory: stateDirectory,
            metrics: MetricsConfig(textfile: textfile, intervalSeconds: interval),
            alerts: [], notifiers: [])
    }

    /// A file source on `logs/name` starting as `startAt` says.
    func fileSource(_ name: String, startAt: StartAt = .beginning) -> SourceConfig {
        .file(FileSourceConfig(path: log(name), startAt: startAt, name: name))
    }

    /// A daemon on the state directory. One that finds the state lock held waits for it up to
    /// two seconds unless `waiting` is false: tests run in parallel in one process, and a
    /// child another test forks holds every descriptor of the process, this lock's too, until
    /// it has exec'd (`O_CLOEXEC` closes it only then), so a daemon that just ended may still
    /// hold the lock for a moment on a loaded machine.
    func loop(_ configuration: Configuration, waiting: Bool = true) throws -> DaemonLoop {
        let deadline = Date().addingTimeInterval(waiting ? 2 : 0)
        while true {
            do {
                return try DaemonLoop(
                    options: DaemonOptions(configuration: configuration, version: "test"),
                    control: LoopControl())
            } catch {
                guard case .stateDirectoryBusy = error, Date() < deadline else { throw error }
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }

    /// The configuration most tests use: one file source, `logs/mail.log`, from its beginning.
    var mailLogConfiguration: Configuration { configuration([fileSource("mail.log")]) }

    /// Runs a daemon once, as a process would: it reads what is there and saves its checkpoint,
    /// `whileRunning` gets it, and it ends, closing its files and leaving the state directory.
    func runOnce(
        _ configuration: Configuration, whileRunning: (DaemonLoop) throws -> Void = { _ in }
    ) throws {
        let first = try loop(configuration)
        first.poll()
        first.flush()
        try whileRunning(first)
    }

    /// `runOnce`, then `whileStopped`, then a new daemon on the same state directory that has
    /// read what it finds: the state of a daemon after a restart.
    func restart(
        _ configuration: Configuration, whileRunning: (DaemonLoop) throws -> Void = { _ in },
        whileStopped: () throws -> Void = {}
    ) throws -> DaemonLoop {
        try runOnce(configuration, whileRunning: whileRunning)
        try whileStopped()
        let second = try loop(configuration)
        second.poll()
        return second
    }

    /// `count` distinct Postfix delivery lines, statuses in turn, recorded in the truth unless
    /// `counted` is false (lines meant to be skipped, like those before a `start_at: end`).
    func lines(_ count: Int, counted: Bool = true) -> String {
        var text = ""
        for _ in 0..<count {
            serial += 1
            let status = StatusTally.statuses[serial % 3]
            if counted { truth.add(status) }
            let queue = String(serial + 0x10000, radix: 16, uppercase: true)
            text +=
                "Nov 26 10:00:01 mx1 postfix/smtp[123]: \(queue): to=<u\(serial)@d\(serial % 5)"
                + ".example>, relay=mx.example[192.0.2.1]:25, delay=1, delays=0/0/0/0, dsn=2.0.0,"
                + " status=\(status) (250 ok id \(serial))\n"
        }
        return text
    }

    /// Appends `count` new lines to `logs/name`, creating it when missing.
    func append(_ name: String, _ count: Int, counted: Bool = true) throws {
        try append(name, text: lines(count, counted: counted))
    }

    /// Appends `text` to `logs/name`, creating it when missing.
    func append(_ name: String, text: String) throws {
        let path = log(name)
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// Writes `count` new lines over `logs/name` in place: the same inode, other content.
    func rewrite(_ name: String, _ count: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log(name)))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(lines(count).utf8))
        try handle.close()
    }

    func rename(_ name: String, to target: String) throws {
        guard Foundation.rename(log(name), log(target)) == 0 else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// Copies `name` to `target`, then truncates `name` in place (logrotate's copytruncate).
    func copyTruncate(_ name: String, to target: String) throws {
        try FileManager.default.copyItem(atPath: log(name), toPath: log(target))
        guard truncate(log(name), 0) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    func remove(_ name: String) throws {
        try FileManager.default.removeItem(atPath: log(name))
    }

    func inode(_ name: String) -> UInt64? {
        var info = stat()
        return stat(log(name), &info) == 0 ? UInt64(info.st_ino) : nil
    }

    /// Checks that the loop counted exactly the truth.
    func expectTruth(
        _ loop: DaemonLoop, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let counts = loop.metrics.snapshot().deliveries
        let seen = StatusTally(
            sent: counts.sent, deferred: counts.deferred, bounced: counts.bounced)
        #expect(seen == truth, sourceLocation: sourceLocation)
        #expect(
            loop.metrics.snapshot().totalLines == truth.total, sourceLocation: sourceLocation)
    }
}

/// Deliveries by status.
struct StatusTally: Equatable, CustomStringConvertible {
    static let statuses = ["sent", "deferred", "bounced"]
    var sent = 0
    var deferred = 0
    var bounced = 0

    var total: Int { sent + deferred + bounced }

    mutating func add(_ status: String) {
        switch status {
        case "sent": sent += 1
        case "deferred": deferred += 1
        default: bounced += 1
        }
    }

    var description: String { "sent=\(sent) deferred=\(deferred) bounced=\(bounced)" }
}
