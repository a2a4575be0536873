#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive `flock` on a lock file, held for as long as this value lives: `lock` in the
/// state directory, and `.NAME.lock` beside the textfile.
///
/// Two daemons writing one checkpoint or one textfile would each overwrite the other's; the
/// kernel drops the lock when the process dies, even by `kill -9`, so a restart always gets it.
public final class FileLock {
    /// Why the lock was not taken.
    public enum Failure: Error, Sendable {
        /// Another process holds it.
        case busy
        /// The lock file could not be opened or locked.
        case system(SystemError)
    }

    /// The lock file.
    public let path: String
    private let descriptor: Int32

    /// Takes the lock on `path`, creating the file (mode 0600) when it is missing.
    public init(path: String) throws(Failure) {
        self.path = path
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

    /// Whether the lock file at `path` is still the file the lock is held on. Once it was
    /// deleted or replaced (the state directory removed and created again, say), another
    /// daemon can take a lock there and both would write one checkpoint.
    public var isStillHeld: Bool {
        var held = stat()
        var named = stat()
        guard fstat(descriptor, &held) == 0, stat(path, &named) == 0 else { return false }
        return held.st_dev == named.st_dev && held.st_ino == named.st_ino && held.st_nlink > 0
    }
}
