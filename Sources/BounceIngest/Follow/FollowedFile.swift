import BounceCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One open log file being read: its descriptor, its identity and the lines read from it.
///
/// The descriptor stays open after the file is renamed or deleted, so lines a writer adds to
/// it after a rotation are still read. A gzip-compressed rotated copy is read through zlib,
/// its offsets those of the plain file it was made from.
final class FollowedFile {
    /// The name it was opened by, for messages.
    let path: String
    let descriptor: Int32
    /// Device, inode and the fingerprint of its first bytes, refreshed as it grows.
    private(set) var identity: FileIdentity
    let lines: LineAssembler
    /// The inflated content of a compressed copy; nil for a plain file.
    private let compressed: CompressedContent?
    /// A compressed copy's first inflated bytes: it never changes, and inflating them again at
    /// every look would cost more than reading a plain file's.
    private var compressedPrefix: [UInt8] = []
    /// Lines handed out from this file, for what is logged about a recovered copy.
    var linesRead = 0
    /// Whether finishing this file is worth a notice (a rotated copy read after a stop).
    var announceWhenFinished = false
    /// Whether a compressed copy was found to end before the offset it was read from.
    var reportedShort = false

    /// Opens `path`; nil when nothing is there. `compressed` reads a gzip file through zlib.
    init?(path: String, maxLineLength: Int, offset: Int = 0, compressed: Bool = false)
        throws(IngestError)
    {
        // The budget first: a file beyond it costs no open(2) at every look.
        guard FollowDescriptors.acquire() else { throw FollowDescriptors.exhausted(path) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            let code = errno
            FollowDescriptors.release()
            if code == ENOENT { return nil }
            throw IngestError.opening(path, errno: code)
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            Self.giveBack(descriptor)
            throw .notReadable(path: path, reason: IngestError.systemMessage(code))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            Self.giveBack(descriptor)
            throw .notReadable(path: path, reason: "not a regular file")
        }
        if compressed && !CompressedContent.isGzip(descriptor) {
            Self.giveBack(descriptor)
            throw .notReadable(path: path, reason: "not gzip data")
        }
        self.path = path
        self.descriptor = descriptor
        self.compressed = compressed ? CompressedContent(descriptor: descriptor, path: path) : nil
        identity = FileIdentity(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), fingerprint: .empty)
        lines = LineAssembler(maxLineLength: maxLineLength, startingAt: offset)
        if let content = self.compressed {
            compressedPrefix = try content.prefix(FileFingerprint.maximumLength)
        }
        identity = takeIdentity()
    }

    /// Whether this is a compressed copy read through zlib.
    var isCompressed: Bool { compressed != nil }

    /// Where a compressed copy's inflated data ended, once reading reached it.
    var compressedEnd: Int? { compressed?.endOffset }

    /// Reads from `lines.readOffset` to the current end, calling `body` with each complete
    /// line and the offset after it.
    func readAvailable(_ body: (_ line: UnsafeBufferPointer<UInt8>, _ nextOffset: Int) -> Void)
        throws(IngestError)
    {
        guard let compressed else {
            try lines.readAvailable(from: descriptor, path: path, body)
            return
        }
        try lines.readAvailable(
            using: { (target, count, offset) throws(IngestError) -> Int in
                try compressed.read(into: target, count: count, at: offset)
            }, body)
    }

    deinit {
        Self.giveBack(descriptor)
    }

    /// Closes a descriptor this class opened and returns it to the budget.
    private static func giveBack(_ descriptor: Int32) {
        close(descriptor)
        FollowDescriptors.release()
    }

    /// Where reading stands, for a checkpoint.
    var position: FilePosition { FilePosition(identity: identity, offset: lines.lineStart) }

    /// The file as it is now, its first bytes compared against `reference`.
    func observe(against reference: FileIdentity) -> FileObservation {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            return FileObservation(device: 0, inode: 0, size: 0, prefix: nil)
        }
        // A compressed copy's inflated size is not known without inflating all of it; it is
        // a finished file, so it is never found shorter than what was read from it.
        let size = compressed == nil ? Int(info.st_size) : Int.max
        let prefix = readPrefix(reference.fingerprint.length).map {
            FileFingerprint(of: $0)
        }
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        return FileObservation(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: size, prefix: prefix,
            modified: modified)
    }

    /// Forgets what was read and starts over at the first byte of new content.
    func restart() {
        lines.reset(to: 0)
        identity = takeIdentity()
    }

    /// Lengthens the fingerprint while the file is shorter than its full coverage, checking
    /// the bytes it already covered did not change.
    func growFingerprint() {
        let have = identity.fingerprint.length
        guard have < FileFingerprint.maximumLength else { return }
        guard let bytes = readPrefix(FileFingerprint.maximumLength, allowShort: true),
            bytes.count > have
        else { return }
        var hasher = FingerprintHasher()
        bytes[..<have].withUnsafeBytes { hasher.combine($0) }
        guard hasher.fingerprint == identity.fingerprint else { return }
        bytes[have...].withUnsafeBytes { hasher.combine($0) }
        identity = FileIdentity(
            device: identity.device, inode: identity.inode, fingerprint: hasher.fingerprint)
    }

    /// The offset just after the last LF in the file, where following from the end starts:
    /// a partial last line is read when it is complete. A file whose last line is longer
    /// than the cap starts at its end.
    func lastLineBoundary() -> Int {
        guard compressed == nil else { return 0 }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return 0 }
        let size = Int(info.st_size)
        let window = min(size, lines.maxLineLength + 2)
        guard window > 0 else { return 0 }
        var bytes = [UInt8](repeating: 0, count: window)
        let got = bytes.withUnsafeMutableBytes {
            pread(descriptor, $0.baseAddress, window, off_t(size - window))
        }
        guard got == window else { return size }
        if let lastLineFeed = bytes.lastIndex(of: 0x0A) {
            return size - window + lastLineFeed + 1
        }
        return window == size ? 0 : size
    }

    /// Device, inode and the fingerprint of the first bytes, as they are now.
    private func takeIdentity() -> FileIdentity {
        var info = stat()
        _ = fstat(descriptor, &info)
        let prefix = readPrefix(FileFingerprint.maximumLength, allowShort: true) ?? []
        return FileIdentity(
            device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
            fingerprint: FileFingerprint(of: prefix))
    }

    /// The first `length` bytes, nil when the file is shorter (unless `allowShort`).
    private func readPrefix(_ length: Int, allowShort: Bool = false) -> [UInt8]? {
        if compressed != nil {
            if compressedPrefix.count >= length { return Array(compressedPrefix[..<length]) }
            return allowShort ? compressedPrefix : nil
        }
        var bytes = [UInt8](repeating: 0, count: length)
        var got = 0
        while got < length {
            let step = bytes.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + got, length - got, off_t(got))
            }
            if step < 0 && errno == EINTR { continue }
            if step <= 0 { break }
            got += step
        }
        if got < length {
            guard allowShort else { return nil }
            bytes.removeLast(length - got)
        }
        return bytes
    }
}
