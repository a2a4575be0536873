import BounceCore
import BounceSystem

/// Why the daemon could not start or keep its state.
public enum DaemonError: Error, CustomStringConvertible {
    /// A system call failed.
    case system(what: String, errno: Int32)
    /// The checkpoint exists but cannot be read back.
    case unreadableCheckpoint(path: String, reason: String)
    /// The checkpoint could not be written.
    case checkpointNotWritten(path: String, reason: String)
    /// Another process holds the state directory.
    case stateDirectoryBusy(path: String)
    /// The state lock file was deleted or replaced under the running daemon.
    case stateLockLost(path: String)
    /// Another process holds the lock beside the textfile.
    case textfileBusy(path: String)
    /// The checkpoint's metrics section is not what this build's metrics store reads.
    case metricsNotRestored(path: String, reason: String)
    /// The alert state could not be restored or the notifiers could not start.
    case alertsNotStarted(reason: String)

    /// A failed system call reported by the system layer.
    static func failed(_ error: SystemError) -> DaemonError {
        .system(what: error.what, errno: error.code)
    }

    public var description: String {
        switch self {
        case .system(let what, let code):
            SystemError(what, code: code).description
        case .unreadableCheckpoint(let path, let reason):
            "\(path): \(reason). Refusing to start rather than count from zero or read lines"
                + " twice. If the file cannot be repaired, move it away: sources then start as"
                + " their start_at says and counters start from zero."
        case .checkpointNotWritten(let path, let reason):
            "\(path): cannot write the checkpoint: \(reason)"
        case .stateDirectoryBusy(let path):
            "\(path): another bouncewatch is running with this state directory"
        case .stateLockLost(let path):
            "\(path): the state lock file was deleted or replaced while this daemon ran (was the"
                + " state directory removed?). Stopping without writing the checkpoint or the"
                + " textfile: another bouncewatch may be using them now"
        case .textfileBusy(let path):
            "\(path): another bouncewatch writes this textfile (it holds the lock beside it)."
                + " Give each daemon its own metrics.textfile"
        case .alertsNotStarted(let reason):
            "alerting cannot start: \(reason)"
        case .metricsNotRestored(let path, let reason):
            "\(path): the saved counters cannot be restored: \(reason). Refusing to start"
                + " rather than count from zero. If the file cannot be repaired, move it away:"
                + " sources then start as their start_at says and counters start from zero."
        }
    }
}
