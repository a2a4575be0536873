#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive `flock` on `.NAME.lock` beside the textfile, held while the daemon writes it.
///
/// Two daemons whose configurations name the same textfile would overwrite each other's
/// metrics every interval. node_exporter's textfile collector reads only `*.prom` files, so
/// the lock file beside it is never taken for metrics.
final class TextfileLock {
    /// The lock file.
    let path: String
    private let descriptor: Int32

    /// The lock file's path for `textfile`.
    static func path(for textfile: String) -> String {
        CheckpointStore.join(
            FileFollowerPaths.directory(of: textfile),
            "." + FileFollowerPaths.name(of: textfile) + ".lock")
    }

    /// Takes the lock for `textfile`; nil when its directory does not exist (the textfile
    /// cannot be written either, which is reported when a write fails). Throws `textfileBusy`
    /// when another process holds it.
    init?(textfile: String) throws(DaemonError) {
        let path = Self.path(for: textfile)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            let code = errno
            if code == ENOENT { return nil }
            throw .system(what: "cannot open \(path)", errno: code)
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { throw .textfileBusy(path: textfile) }
            throw .system(what: "cannot lock \(path)", errno: code)
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }
}
