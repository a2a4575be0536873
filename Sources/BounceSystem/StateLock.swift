#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive `flock` on `lock` in the state directory, held for the daemon's lifetime.
///
/// Two daemons writing one checkpoint would each overwrite the other's positions; the kernel
/// drops the lock when the process dies, even by `kill -9`, so a restart always gets it.
public final class StateLock {
    /// Why the lock was not taken.
    public enum Failure: Error, Sendable {
        /// Another process holds it.
        case busy
        /// The lock file could not be opened or locked.
        case system(SystemError)
    }

    private let descriptor: Int32

    public init(directory: String) throws(Failure) {
        let path = Path.join(directory, "lock")
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .system(.last("cannot open \(path)")) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { throw .busy }
            throw .system(SystemError("cannot lock \(path)", code: code))
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }
}
