import BounceSystem

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
        var line: [UInt8]
        do {
            line = try RegularFile.read(path, limit: lineLimit, followLinks: false, stop: 0x0A)
        } catch {
            switch error {
            case .symbolicLink: throw DeliveryError(symbolicLink(path))
            case .notRegular: throw DeliveryError(notRegular(path))
            case .tooLarge:
                throw DeliveryError(
                    "password file \(path): the first line is longer than \(lineLimit) bytes")
            case .system(let failure):
                throw DeliveryError(
                    "cannot read password file \(path): " + failure.reason)
            }
        }
        if line.last == 0x0D { line.removeLast() }
        guard !line.isEmpty else { throw DeliveryError("password file \(path) is empty") }
        return String(decoding: line, as: UTF8.self)
    }

    /// What is wrong with the file at `path` as a password file, for `check-config`, `run`
    /// and `test-alert` to warn about: unreadable, a symbolic link or no regular file (refused
    /// when sending), or readable by others than the daemon.
    public static func problems(_ path: String) -> [String] {
        let status: FileOwnership.Status
        do {
            status = try FileOwnership.status(path)
        } catch {
            return ["cannot read password file \(path): " + error.reason]
        }
        if status.isSymbolicLink { return [symbolicLink(path)] }
        guard status.isRegular else { return [notRegular(path)] }
        if status.worldReadable {
            return ["password file \(path) is readable by everyone; chmod o-r \(path)"]
        }
        if status.groupReadable, !isDaemonGroup(status.group) {
            return [
                "password file \(path) is readable by group \(FileOwnership.groupName(status.group)); "
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
    private static func isDaemonGroup(_ gid: UInt32) -> Bool {
        gid == FileOwnership.effectiveGroup || FileOwnership.groupID(daemonGroup) == gid
    }
}
