#if canImport(Glibc)
    import Glibc
#endif

/// Listing a directory that must be readable, and the size of a file, for readers that must
/// tell "empty" from "not allowed" (the Exim spool).
public enum DirectoryEntries {
    /// The names in `directory`, without `.` and `..`.
    public static func names(in directory: String) throws(SystemError) -> [String] {
        try FileSystem.listedNames(in: directory)
    }

    /// The size in bytes of the file at `path`; nil when it does not exist or cannot be read.
    public static func size(of path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// Whether the error means the file is gone (a message delivered while it was read).
    public static func isGone(_ error: SystemError) -> Bool { error.code == ENOENT }

    /// Whether the error means permission was denied.
    public static func isDenied(_ error: SystemError) -> Bool {
        error.code == EACCES || error.code == EPERM
    }
}
