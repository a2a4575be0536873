#if canImport(Glibc)
    import Glibc
#endif

extension StateLock {
    /// Creates the state directory (mode 0750) when it is missing, so the lock can be taken
    /// before anything inside it is touched.
    static func createDirectory(_ directory: String) throws(DaemonError) {
        if mkdir(directory, 0o750) != 0 && errno != EEXIST {
            throw .system(what: "\(directory): cannot create the state directory", errno: errno)
        }
    }

    /// Whether the lock file at `path` is still the file the lock is held on. Once it was
    /// deleted or replaced (the state directory removed and created again, say), another
    /// daemon can take a lock there and both would write one checkpoint.
    var isStillHeld: Bool {
        var held = stat()
        var named = stat()
        guard fstat(descriptor, &held) == 0, stat(path, &named) == 0 else { return false }
        return held.st_dev == named.st_dev && held.st_ino == named.st_ino && held.st_nlink > 0
    }
}
