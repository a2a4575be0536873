#if canImport(Glibc)
    import Glibc
#endif

/// Writes on an open file descriptor, shared by the atomic file writes, mbox appends and the
/// commands' buffered standard output.
public enum Descriptor {
    /// Writes all of `bytes`, retrying short writes and `EINTR`; nil when done, else the
    /// `errno` of the write that failed.
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}
