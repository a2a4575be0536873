import BounceSystem
import Logging

/// The daemon's log: one line per event on standard error, which journald records with its
/// own time stamp and unit name.
enum RunLogging {
    /// Sends every `Logger` to standard error at `info` (or `BOUNCEWATCH_LOG_LEVEL`).
    static func bootstrap() {
        let level =
            ProcessEnvironment.value("BOUNCEWATCH_LOG_LEVEL").flatMap { Logger.Level(rawValue: $0) }
            ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
