#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive `flock` on `lock` in the state directory, held for the daemon's lifetime.
///
/// Two daemons writing one checkpoint would each overwrite the other's positions; the kernel
/// drops the lock when the process dies, even by `kill -9`, so a restart always gets it.
final class StateLock {
    /// The lock file, and the descriptor the lock is held on (see `StateLock+Check.swift`).
    let path: String
    let descriptor: Int32

    init(directory: String) throws(DaemonError) {
        let path = CheckpointStore.join(directory, "lock")
        self.path = path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .system(what: "cannot open \(path)", errno: errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { throw .stateDirectoryBusy(path: directory) }
            throw .system(what: "cannot lock \(path)", errno: code)
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }
}
