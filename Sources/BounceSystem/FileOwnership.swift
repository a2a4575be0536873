#if canImport(Glibc)
    import Glibc
#endif

/// What a path is, without following a symbolic link, and the names of groups: for warnings
/// about files that others can read.
public enum FileOwnership {
    /// What `lstat(2)` says of a path.
    public struct Status: Sendable {
        /// The path is a symbolic link itself.
        public let isSymbolicLink: Bool
        /// The path is a regular file.
        public let isRegular: Bool
        /// Members of the file's group may read it.
        public let groupReadable: Bool
        /// Everyone may read it.
        public let worldReadable: Bool
        /// The file's group.
        public let group: UInt32
    }

    /// The path's status, not following a link; a `SystemError` when it cannot be had.
    public static func status(_ path: String) throws(SystemError) -> Status {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw .last("cannot read \(path)") }
        let kind = info.st_mode & S_IFMT
        return Status(
            isSymbolicLink: kind == S_IFLNK, isRegular: kind == S_IFREG,
            groupReadable: info.st_mode & S_IRGRP != 0, worldReadable: info.st_mode & S_IROTH != 0,
            group: info.st_gid)
    }

    /// This process's effective group.
    public static var effectiveGroup: UInt32 { getegid() }

    /// The id of the group called `name`, if there is one.
    public static func groupID(_ name: String) -> UInt32? {
        var group = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getgrnam_r(name, &group, &buffer, buffer.count, &result) == 0, result != nil else {
            return nil
        }
        return group.gr_gid
    }

    /// The name of group `id`, or the number when it has none.
    public static func groupName(_ id: UInt32) -> String {
        var group = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getgrgid_r(id, &group, &buffer, buffer.count, &result) == 0, result != nil,
            let name = group.gr_name
        else { return String(id) }
        return String(cString: name)
    }
}
