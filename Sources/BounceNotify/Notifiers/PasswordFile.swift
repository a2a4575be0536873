#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The SMTP password file: a regular file, named directly (never through a symbolic link),
/// whose first line is the password.
///
/// The daemon and `test-alert` may run as root: following a link would let whoever can write
/// the configuration's directory send the first line of any file (`/etc/shadow`) to a relay
/// of their choice. A device or a FIFO could block or never end.
public enum PasswordFile {
    /// The longest first line read; a password is far shorter.
    static let lineLimit = 4096
    /// The group the packaged unit runs the daemon as: the documented mode 0640 with this
    /// group is what is meant, not a leak.
    static let daemonGroup = "bouncewatch"

    /// The first line of the file at `path`, without its line end.
    static func read(_ path: String) throws(DeliveryError) -> String {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ELOOP { throw DeliveryError(symbolicLink(path)) }
            throw DeliveryError(
                "cannot read password file \(path): " + String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw DeliveryError(
                "cannot read password file \(path): " + String(cString: strerror(errno)))
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw DeliveryError(notRegular(path)) }
        var line: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        reading: while line.count <= lineLimit {
            let count = buffer.withUnsafeMutableBytes {
                readBytes(descriptor, $0.baseAddress, $0.count)
            }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                throw DeliveryError(
                    "cannot read password file \(path): " + String(cString: strerror(errno)))
            }
            if count == 0 { break }
            for byte in buffer.prefix(count) {
                if byte == 0x0A { break reading }
                line.append(byte)
            }
        }
        guard line.count <= lineLimit else {
            throw DeliveryError(
                "password file \(path): the first line is longer than \(lineLimit) bytes")
        }
        if line.last == 0x0D { line.removeLast() }
        guard !line.isEmpty else { throw DeliveryError("password file \(path) is empty") }
        return String(decoding: line, as: UTF8.self)
    }

    /// What is wrong with the file at `path` as a password file, for `check-config`, `run`
    /// and `test-alert` to warn about: unreadable, a symbolic link or no regular file (refused
    /// when sending), or readable by others than the daemon.
    public static func problems(_ path: String) -> [String] {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            return ["cannot read password file \(path): " + String(cString: strerror(errno))]
        }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return [symbolicLink(path)]
        case S_IFREG: break
        default: return [notRegular(path)]
        }
        if info.st_mode & S_IROTH != 0 {
            return ["password file \(path) is readable by everyone; chmod o-r \(path)"]
        }
        if info.st_mode & S_IRGRP != 0, !isDaemonGroup(info.st_gid) {
            return [
                "password file \(path) is readable by group \(groupName(info.st_gid)); "
                    + "chmod g-r \(path), or give it to the group \(daemonGroup)"
            ]
        }
        return []
    }

    private static func symbolicLink(_ path: String) -> String {
        "password file \(path) is a symbolic link, which is refused: name the file itself"
    }

    private static func notRegular(_ path: String) -> String {
        "password file \(path) is not a regular file, which is refused"
    }

    /// The daemon's group, or this process's own.
    private static func isDaemonGroup(_ gid: gid_t) -> Bool {
        gid == getegid() || groupID(daemonGroup) == gid
    }

    private static func groupID(_ name: String) -> gid_t? {
        var group = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getgrnam_r(name, &group, &buffer, buffer.count, &result) == 0, result != nil else {
            return nil
        }
        return group.gr_gid
    }

    private static func groupName(_ gid: gid_t) -> String {
        var group = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getgrgid_r(gid, &group, &buffer, buffer.count, &result) == 0, result != nil,
            let name = group.gr_name
        else { return String(gid) }
        return String(cString: name)
    }
}

/// `read(2)`, under a name the enum's own `read` does not hide.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int)
    -> Int
{
    read(descriptor, buffer, count)
}
