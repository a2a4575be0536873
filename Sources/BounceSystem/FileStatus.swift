#if canImport(Glibc)
    import Glibc
#endif

/// What `stat(2)` says of a file: its kind, size, modification time and identity.
public struct FileStatus: Sendable, Equatable {
    /// The kinds of file a reader tells apart.
    public enum Kind: Sendable, Equatable {
        case regular, directory, symbolicLink, socket, other
    }

    public let kind: Kind
    /// The size in bytes.
    public let size: Int
    /// The modification time in Unix seconds, and its nanoseconds.
    public let modificationSeconds: Int
    public let modificationNanoseconds: Int
    /// The device and inode, which name the file whatever its path.
    public let device: UInt64
    public let inode: UInt64

    init(_ info: stat) {
        kind =
            switch info.st_mode & S_IFMT {
            case S_IFREG: .regular
            case S_IFDIR: .directory
            case S_IFLNK: .symbolicLink
            case S_IFSOCK: .socket
            default: .other
            }
        size = Int(info.st_size)
        modificationSeconds = Int(info.st_mtim.tv_sec)
        modificationNanoseconds = Int(info.st_mtim.tv_nsec)
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    /// The modification time in nanoseconds since the Unix epoch.
    public var modificationTime: Int64 {
        Int64(modificationSeconds) * 1_000_000_000 + Int64(modificationNanoseconds)
    }
}

extension Descriptor {
    /// The status of the open file `descriptor` (`fstat(2)`).
    public static func status(_ descriptor: Int32) throws(SystemError) -> FileStatus {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .last("cannot stat") }
        return FileStatus(info)
    }
}

extension FileSystem {
    /// The status of `path`; with `followLinks: false`, of a symbolic link itself.
    public static func status(_ path: String, followLinks: Bool = true) throws(SystemError)
        -> FileStatus
    {
        var info = stat()
        let result = followLinks ? stat(path, &info) : lstat(path, &info)
        guard result == 0 else { throw .last("cannot stat \(path)") }
        return FileStatus(info)
    }
}
