#if canImport(Glibc)
    import Glibc
#endif

/// Reading a file that must be a regular file of bounded size: the configuration and the SMTP
/// password file. A FIFO or device is refused without blocking (opened non-blocking, then
/// checked), and with `followLinks: false` so is a symbolic link.
public enum RegularFile {
    /// Why the file was not read.
    public enum Refusal: Error, Sendable {
        /// Opening or reading failed.
        case system(SystemError)
        /// The path is a symbolic link and links were not to be followed.
        case symbolicLink
        /// The path names a directory, a FIFO, a device or a socket.
        case notRegular
        /// More than `limit` bytes (before `stop`, when one was given).
        case tooLarge(limit: Int)
    }

    /// The file's bytes, or, with `stop`, the bytes before the first `stop` byte.
    public static func read(
        _ path: String, limit: Int, followLinks: Bool = true, stop: UInt8? = nil
    ) throws(Refusal) -> [UInt8] {
        let flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW)
        let descriptor = open(path, flags)
        guard descriptor >= 0 else {
            if errno == ELOOP && !followLinks { throw .symbolicLink }
            throw .system(.last("cannot read \(path)"))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .system(.last("cannot read \(path)")) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .notRegular }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: stop == nil ? 64 * 1024 : 512)
        reading: while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBytes {
                Glibc.read(descriptor, $0.baseAddress, $0.count)
            }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .system(.last("cannot read \(path)")) }
            if count == 0 { break }
            if let stop, let end = chunk[..<count].firstIndex(of: stop) {
                bytes.append(contentsOf: chunk[..<end])
                break reading
            }
            bytes.append(contentsOf: chunk[..<count])
        }
        guard bytes.count <= limit else { throw .tooLarge(limit: limit) }
        return bytes
    }
}
