#if canImport(Glibc)
    import Glibc
#endif

/// Asks the C library's allocator to keep freed memory for the next allocation instead of
/// handing it back to the kernel, for a short-lived process that allocates and frees large
/// blocks over and over: `scan --jobs`, whose every piece builds aggregates of megabytes.
///
/// By default glibc serves a block of 128 KiB or more with a fresh `mmap` until the first such
/// block is freed, and gives the top of a worker thread's heap back to the kernel once more
/// than 128 KiB is free there; the next piece then touches fresh pages again, a page fault
/// (and zeroing by the kernel) for every 4 KiB. With blocks up to 32 MiB taken from the heap
/// and up to 64 MiB left free at its top, a piece reuses the pages of the piece before it:
/// on the 1,000,000-line benchmark log with two jobs, about 15% fewer page faults, and the
/// same peak memory on the million-domain log (docs/benchmarks.md). Not for the daemon:
/// it keeps what it allocates for its whole life, and should give back what it frees.
public enum HeapReuse {
    /// Blocks below this size come from the heap, whose freed space is reused.
    static let mapThreshold: Int32 = 32 << 20
    /// Free space at the top of a heap kept rather than given back.
    static let trimThreshold: Int32 = 64 << 20
    /// `M_TRIM_THRESHOLD` and `M_MMAP_THRESHOLD` of glibc's `<malloc.h>`, which the `Glibc`
    /// module does not import.
    private static let trimParameter: Int32 = -1
    private static let mapParameter: Int32 = -3
    private typealias MallocOption = @convention(c) (Int32, Int32) -> Int32

    /// Sets the allocator's thresholds for the rest of the process; false when the C
    /// library refused them (the allocation pattern then stays the default, and only costs
    /// page faults).
    @discardableResult
    public static func keepFreedBlocks() -> Bool {
        #if canImport(Glibc)
            // `RTLD_DEFAULT` (a null handle): the C library the process already uses.
            guard let address = dlsym(nil, "mallopt") else { return false }
            let mallopt = unsafeBitCast(address, to: MallocOption.self)
            let mapped = mallopt(mapParameter, mapThreshold) == 1
            let trimmed = mallopt(trimParameter, trimThreshold) == 1
            return mapped && trimmed
        #else
            return false
        #endif
    }
}
