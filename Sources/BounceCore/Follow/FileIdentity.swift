/// What makes a log file the same file across renames, restarts and inode reuse.
public struct FileIdentity: Hashable, Sendable {
    /// `st_dev` of the file.
    public let device: UInt64
    /// `st_ino` of the file.
    public let inode: UInt64
    /// The hash of the file's first bytes when it was last checked.
    public let fingerprint: FileFingerprint

    public init(device: UInt64, inode: UInt64, fingerprint: FileFingerprint) {
        self.device = device
        self.inode = inode
        self.fingerprint = fingerprint
    }

    /// Whether `file` is this very file: same device and inode, and the same first bytes.
    public func isSameFile(as file: FileObservation) -> Bool {
        file.device == device && file.inode == inode && hasSameContent(as: file)
    }

    /// Whether `file` starts with the bytes this identity was taken from, whatever its inode
    /// (a copy made by `copytruncate` does).
    public func hasSameContent(as file: FileObservation) -> Bool {
        file.prefix == fingerprint
    }
}

/// A file as seen now, compared against a known identity.
public struct FileObservation: Hashable, Sendable {
    public let device: UInt64
    public let inode: UInt64
    /// The file's size in bytes.
    public let size: Int
    /// The fingerprint of the file's first `reference.length` bytes, where `reference` is the
    /// identity it is compared with; nil when the file is shorter than that.
    public let prefix: FileFingerprint?
    /// The last modification time in nanoseconds since the epoch (0 when unknown).
    public let modified: Int64

    public init(
        device: UInt64, inode: UInt64, size: Int, prefix: FileFingerprint?, modified: Int64 = 0
    ) {
        self.device = device
        self.inode = inode
        self.size = size
        self.prefix = prefix
        self.modified = modified
    }
}
