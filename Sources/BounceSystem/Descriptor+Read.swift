#if canImport(Glibc)
    import Glibc
#endif

extension Descriptor {
    /// Opens `path` read-only (close-on-exec); the descriptor, or the failure with its
    /// `errno` (`what` names the path).
    public static func openForReading(_ path: String) throws(SystemError) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .last("cannot open \(path)") }
        return descriptor
    }

    /// Closes `descriptor`; a failure is of no use to a reader, so it is not reported.
    public static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }

    /// Reads up to `count` bytes into `target`, retrying `EINTR`; 0 at the end of the file.
    ///
    /// Inlinable: the line readers call it once per 64 KiB block on the scan path.
    @inlinable
    public static func read(
        _ descriptor: Int32, into target: UnsafeMutableRawPointer, count: Int
    ) throws(SystemError) -> Int {
        while true {
            let got = Glibc.read(descriptor, target, count)
            if got >= 0 { return got }
            let code = errno
            if code != EINTR { throw SystemError("read failed", code: code) }
        }
    }

    /// Reads up to `count` bytes at `offset` without moving the file position, retrying
    /// `EINTR`; 0 at the end of the file.
    @inlinable
    public static func read(
        _ descriptor: Int32, into target: UnsafeMutableRawPointer, count: Int, at offset: Int
    ) throws(SystemError) -> Int {
        while true {
            let got = pread(descriptor, target, count, off_t(offset))
            if got >= 0 { return got }
            let code = errno
            if code != EINTR { throw SystemError("read failed", code: code) }
        }
    }

    /// Reads from `offset` until `count` bytes are in, the file ends or a read fails; the
    /// number of bytes read, for callers to whom a failed read is a short file.
    public static func readAvailable(
        _ descriptor: Int32, into target: UnsafeMutableRawPointer, count: Int, at offset: Int
    ) -> Int {
        var got = 0
        while got < count {
            let step = try? read(
                descriptor, into: target + got, count: count - got, at: offset + got)
            guard let step, step > 0 else { break }
            got += step
        }
        return got
    }

    /// Moves the file position of `descriptor` to `offset` bytes from the start.
    public static func seek(_ descriptor: Int32, to offset: Int) throws(SystemError) {
        guard lseek(descriptor, off_t(offset), SEEK_SET) >= 0 else { throw .last("seek failed") }
    }
}
