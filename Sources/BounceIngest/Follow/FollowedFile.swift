import BounceCore
import BounceSystem

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
        let descriptor: Int32
        do {
            descriptor = try Descriptor.openForReading(path)
        } catch {
            FollowDescriptors.release()
            if error.isNoSuchFile { return nil }
            throw IngestError.opening(path, error)
        }
        let status: FileStatus
        do {
            status = try Descriptor.status(descriptor)
        } catch {
            Self.giveBack(descriptor)
            throw .notReadable(path: path, reason: error.reason)
        }
        guard status.kind == .regular else {
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
            device: status.device, inode: status.inode, fingerprint: .empty)
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
        Descriptor.close(descriptor)
        FollowDescriptors.release()
    }

    /// Where reading stands, for a checkpoint.
    var position: FilePosition { FilePosition(identity: identity, offset: lines.lineStart) }

    /// The file as it is now, its first bytes compared against `reference`.
    func observe(against reference: FileIdentity) -> FileObservation {
        guard let status = try? Descriptor.status(descriptor) else {
            return FileObservation(device: 0, inode: 0, size: 0, prefix: nil)
        }
        // A compressed copy's inflated size is not known without inflating all of it; it is
        // a finished file, so it is never found shorter than what was read from it.
        let size = compressed == nil ? status.size : Int.max
        let prefix = readPrefix(reference.fingerprint.length).map {
            FileFingerprint(of: $0)
        }
        return FileObservation(
            device: status.device, inode: status.inode, size: size, prefix: prefix,
            modified: status.modificationTime)
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
        guard let size = try? Descriptor.status(descriptor).size else { return 0 }
        let window = min(size, lines.maxLineLength + 2)
        guard window > 0 else { return 0 }
        var bytes = [UInt8](repeating: 0, count: window)
        let got = bytes.withUnsafeMutableBytes {
            try? Descriptor.read(
                descriptor, into: $0.baseAddress!, count: window, at: size - window)
        }
        guard got == window else { return size }
        if let lastLineFeed = bytes.lastIndex(of: 0x0A) {
            return size - window + lastLineFeed + 1
        }
        return window == size ? 0 : size
    }

    /// Device, inode and the fingerprint of the first bytes, as they are now.
    private func takeIdentity() -> FileIdentity {
        let status = try? Descriptor.status(descriptor)
        let prefix = readPrefix(FileFingerprint.maximumLength, allowShort: true) ?? []
        return FileIdentity(
            device: status?.device ?? 0, inode: status?.inode ?? 0,
            fingerprint: FileFingerprint(of: prefix))
    }

    /// The first `length` bytes, nil when the file is shorter (unless `allowShort`).
    private func readPrefix(_ length: Int, allowShort: Bool = false) -> [UInt8]? {
        if compressed != nil {
            if compressedPrefix.count >= length { return Array(compressedPrefix[..<length]) }
            return allowShort ? compressedPrefix : nil
        }
        var bytes = [UInt8](repeating: 0, count: length)
        let got = bytes.withUnsafeMutableBytes {
            Descriptor.readAvailable(descriptor, into: $0.baseAddress!, count: length, at: 0)
        }
        if got < length {
            guard allowShort else { return nil }
            bytes.removeLast(length - got)
        }
        return bytes
    }
}
