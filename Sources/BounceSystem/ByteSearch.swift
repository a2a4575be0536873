#if canImport(Glibc)
    import Glibc
#endif

/// Finding a byte in memory with the C library's vectorised `memchr`, for line splitting.
public enum ByteSearch {
    /// The offset of the first `byte` in the `count` bytes at `start`, or nil.
    ///
    /// Inlinable: it is called once per line on the scan path.
    @inlinable
    public static func firstOffset(of byte: UInt8, in start: UnsafePointer<UInt8>, count: Int)
        -> Int?
    {
        guard let found = memchr(start, Int32(byte), count) else { return nil }
        return UnsafeRawPointer(start).distance(to: UnsafeRawPointer(found))
    }
}
