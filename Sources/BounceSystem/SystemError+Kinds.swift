#if canImport(Glibc)
    import Glibc
#endif

extension SystemError {
    /// Whether the call failed because a path (or a directory on it) does not exist.
    public var isNoSuchFile: Bool { code == ENOENT }
}

extension SystemError {
    /// Whether a path's parent is not a directory (`ENOTDIR`).
    public var isNotADirectory: Bool { code == ENOTDIR }
    /// Whether the path is a directory where a file was wanted (`EISDIR`).
    public var isDirectory: Bool { code == EISDIR }
    /// Whether access was refused (`EACCES`, `EPERM`).
    public var isPermissionDenied: Bool { code == EACCES || code == EPERM }
    /// Whether a path has too many levels of symbolic links (`ELOOP`).
    public var isLinkLoop: Bool { code == ELOOP }
    /// Whether the path names a device or socket that cannot be opened (`ENXIO`).
    public var isNoSuchDevice: Bool { code == ENXIO }

    /// What the system says of `errno` value `code`: `No such file or directory`.
    public static func message(for code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

extension SystemError {
    /// Whether an argument was refused (`EINVAL`).
    public var isInvalidArgument: Bool { code == EINVAL }
    /// Whether the data read is corrupt, truncated or of a format not understood (`EBADMSG`,
    /// `ENODATA`, `EPROTONOSUPPORT`, `EIO`), as libsystemd reports a damaged journal file.
    public var isDamagedData: Bool {
        code == EBADMSG || code == ENODATA || code == EPROTONOSUPPORT || code == EIO
    }
}
