#if canImport(Glibc)
    import Glibc
#endif

extension SystemError {
    /// Whether the call failed because a path (or a directory on it) does not exist.
    public var isNoSuchFile: Bool { code == ENOENT }
}
