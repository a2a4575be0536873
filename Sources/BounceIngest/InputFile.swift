import BounceSystem

/// An open file descriptor with `read(2)` turned into typed errors.
final class InputFile {
    /// The name used in messages: the path as given, or `-` for standard input.
    let path: String
    let descriptor: Int32
    /// The modification time in Unix seconds, for regular files only.
    let modificationTime: Int?
    /// The size in bytes of a regular file when it was opened; nil for anything else.
    let size: Int?
    private let ownsDescriptor: Bool
    /// Bytes `read` may still hand out: a reader of one piece of the file stops at its end.
    private var remaining = Int.max

    /// Opens `path` for reading, refusing directories, sockets and links to nothing with a
    /// message that says so.
    init(path: String) throws(IngestError) {
        let descriptor: Int32
        do {
            descriptor = try Descriptor.openForReading(path)
        } catch {
            throw Self.explainOpenFailure(path, error)
        }
        let status: FileStatus
        do {
            status = try Descriptor.status(descriptor)
        } catch {
            Descriptor.close(descriptor)
            throw .notReadable(path: path, reason: error.reason)
        }
        if status.kind == .directory {
            Descriptor.close(descriptor)
            throw .isDirectory(path: path)
        }
        self.path = path
        self.descriptor = descriptor
        self.ownsDescriptor = true
        self.modificationTime = status.kind == .regular ? status.modificationSeconds : nil
        self.size = status.kind == .regular ? status.size : nil
    }

    /// Wraps a descriptor that stays open when this object goes away (standard input).
    init(borrowing descriptor: Int32, name: String) {
        let status = try? Descriptor.status(descriptor)
        let regular = status?.kind == .regular ? status : nil
        self.path = name
        self.descriptor = descriptor
        self.ownsDescriptor = false
        self.modificationTime = regular?.modificationSeconds
        self.size = regular?.size
    }

    deinit {
        if ownsDescriptor { Descriptor.close(descriptor) }
    }

    /// Reads up to `count` bytes; 0 means end of file.
    func read(into target: UnsafeMutablePointer<UInt8>, count: Int) throws(IngestError) -> Int {
        let count = min(count, remaining)
        if count == 0 { return 0 }
        do {
            let got = try Descriptor.read(descriptor, into: target, count: count)
            remaining -= got
            return got
        } catch {
            if error.isDirectory { throw .isDirectory(path: path) }
            throw .readError(path: path, reason: error.reason)
        }
    }

    /// Restricts reading to the bytes of `range`: later reads start at its lower bound and end
    /// at its upper bound.
    func restrict(to range: Range<Int>) throws(IngestError) {
        do {
            try Descriptor.seek(descriptor, to: range.lowerBound)
        } catch {
            throw .readError(path: path, reason: error.reason)
        }
        remaining = range.count
    }

    /// Reads up to `count` bytes at `offset` without moving the file position; 0 at the end.
    func read(
        into target: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int
    ) throws(IngestError) -> Int {
        do {
            return try Descriptor.read(descriptor, into: target, count: count, at: offset)
        } catch {
            throw .readError(path: path, reason: error.reason)
        }
    }

    /// Turns a failed `open` into the most useful message: a link to nothing and a socket get
    /// their own wording because "no such file" or "no such device" would mislead.
    private static func explainOpenFailure(_ path: String, _ error: SystemError) -> IngestError {
        if error.isNoSuchFile,
            (try? FileSystem.status(path, followLinks: false))?.kind == .symbolicLink
        {
            return .notReadable(path: path, reason: "symbolic link to a file that does not exist")
        }
        if error.isNoSuchDevice, (try? FileSystem.status(path))?.kind == .socket {
            return .notReadable(path: path, reason: "is a socket, not a log file")
        }
        if error.isLinkLoop {
            return .notReadable(path: path, reason: "too many levels of symbolic links")
        }
        return IngestError.opening(path, error)
    }
}
