#if canImport(Glibc)
    import Glibc
#endif

/// Appends bytes to a file under an exclusive `flock`, the lock mail readers and delivery
/// agents (mutt, procmail) take on an mbox, and flushes them to disk before the lock is let go.
public enum LockedAppend {
    /// The step that failed, with the `errno` it left.
    public struct Failure: Error, Sendable {
        public enum Step: String, Sendable {
            case open = "cannot open"
            case lock = "cannot lock"
            case write = "cannot write"
            case flush = "cannot flush"
        }
        public let step: Step
        public let code: Int32

        /// What the system says of `code`.
        public var reason: String { SystemError("", code: code).reason }
    }

    /// Appends `bytes` to `path` (created with `mode` when missing), waiting at most
    /// `lockTimeoutSeconds` for another program's lock.
    public static func append(
        _ bytes: [UInt8], to path: String, mode: mode_t = 0o600, lockTimeoutSeconds: Double
    ) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw Failure(step: .open, code: errno) }
        defer { close(descriptor) }
        try lock(descriptor, timeoutSeconds: lockTimeoutSeconds)
        defer { flock(descriptor, LOCK_UN) }
        if let code = bytes.withUnsafeBytes({ Descriptor.writeAll(descriptor, $0) }) {
            throw Failure(step: .write, code: code)
        }
        guard fsync(descriptor) == 0 else { throw Failure(step: .flush, code: errno) }
    }

    private static func lock(_ descriptor: Int32, timeoutSeconds: Double) throws(Failure) {
        let deadline = Clocks.monotonicSeconds() + timeoutSeconds
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR, Clocks.monotonicSeconds() < deadline
            else {
                throw Failure(step: .lock, code: code)
            }
            usleep(20_000)
        }
    }
}
