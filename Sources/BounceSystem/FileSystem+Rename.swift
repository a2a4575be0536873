#if canImport(Glibc)
    import Glibc
#endif

extension FileSystem {
    /// Renames `path` to `newPath`, replacing what was there (atomic within one file system).
    public static func rename(_ path: String, to newPath: String) throws(SystemError) {
        guard Glibc.rename(path, newPath) == 0 else {
            throw .last("cannot rename \(path) to \(newPath)")
        }
    }
}
