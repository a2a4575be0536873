import Logging
import Synchronization

/// A swift-log handler that keeps every message, for tests that check what the daemon says.
struct RecordingLogHandler: LogHandler {
    /// The messages logged through any handler sharing this box, with their levels.
    final class Box: Sendable {
        private let entries = Mutex<[(Logger.Level, String)]>([])

        func append(_ level: Logger.Level, _ message: String) {
            entries.withLock { $0.append((level, message)) }
        }

        /// The messages at `level` or above.
        func messages(atLeast level: Logger.Level = .trace) -> [String] {
            entries.withLock { $0.filter { $0.0 >= level }.map(\.1) }
        }
    }

    let box: Box
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        box.append(event.level, event.message.description)
    }

    /// A logger writing into a fresh box, and the box.
    static func logger() -> (Logger, Box) {
        let box = Box()
        return (Logger(label: "test") { _ in RecordingLogHandler(box: box) }, box)
    }
}
