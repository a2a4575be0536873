#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            let code = errno
            throw Self.explainOpenFailure(path, errno: code)
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw .notReadable(path: path, reason: IngestError.systemMessage(code))
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR {
            close(descriptor)
            throw .isDirectory(path: path)
        }
        self.path = path
        self.descriptor = descriptor
        self.ownsDescriptor = true
        self.modificationTime = type == S_IFREG ? Int(info.st_mtim.tv_sec) : nil
        self.size = type == S_IFREG ? Int(info.st_size) : nil
    }

    /// Wraps a descriptor that stays open when this object goes away (standard input).
    init(borrowing descriptor: Int32, name: String) {
        var info = stat()
        let isRegular = fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        self.path = name
        self.descriptor = descriptor
        self.ownsDescriptor = false
        self.modificationTime = isRegular ? Int(info.st_mtim.tv_sec) : nil
        self.size = isRegular ? Int(info.st_size) : nil
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Reads up to `count` bytes; 0 means end of file.
    func read(into target: UnsafeMutablePointer<UInt8>, count: Int) throws(IngestError) -> Int {
        let count = min(count, remaining)
        if count == 0 { return 0 }
        while true {
            #if canImport(Glibc)
                let got = Glibc.read(descriptor, target, count)
            #else
                let got = Darwin.read(descriptor, target, count)
            #endif
            if got >= 0 {
                remaining -= got
                return got
            }
            let code = errno
            if code == EINTR { continue }
            if code == EISDIR { throw .isDirectory(path: path) }
            throw .readError(path: path, reason: IngestError.systemMessage(code))
        }
    }

    /// Restricts reading to the bytes of `range`: later reads start at its lower bound and end
    /// at its upper bound.
    func restrict(to range: Range<Int>) throws(IngestError) {
        guard lseek(descriptor, off_t(range.lowerBound), SEEK_SET) >= 0 else {
            throw .readError(path: path, reason: IngestError.systemMessage(errno))
        }
        remaining = range.count
    }

    /// Reads up to `count` bytes at `offset` without moving the file position; 0 at the end.
    func read(
        into target: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int
    ) throws(IngestError) -> Int {
        while true {
            let got = pread(descriptor, target, count, off_t(offset))
            if got >= 0 { return got }
            let code = errno
            if code == EINTR { continue }
            throw .readError(path: path, reason: IngestError.systemMessage(code))
        }
    }

    /// Turns a failed `open` into the most useful message: a link to nothing and a socket get
    /// their own wording because "no such file" or "no such device" would mislead.
    private static func explainOpenFailure(_ path: String, errno code: Int32) -> IngestError {
        var info = stat()
        if code == ENOENT, lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            return .notReadable(path: path, reason: "symbolic link to a file that does not exist")
        }
        if code == ENXIO, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK {
            return .notReadable(path: path, reason: "is a socket, not a log file")
        }
        if code == ELOOP {
            return .notReadable(path: path, reason: "too many levels of symbolic links")
        }
        return IngestError.opening(path, errno: code)
    }
}
