import Synchronization

/// How many descriptors the followed files may hold together, process-wide.
///
/// Every followed file keeps a descriptor open (so lines written after a rename are read).
/// Without a ceiling, a pattern that matches thousands of files takes every descriptor the
/// process may have, and the checkpoint and the textfile can no longer be written. The daemon
/// sets the ceiling below its descriptor limit, keeping the rest in reserve; a file beyond it
/// is not opened, with an error that says why.
public enum FollowDescriptors {
    private static let openFiles = Atomic<Int>(0)
    private static let ceiling = Atomic<Int>(Int.max)

    /// Sets how many followed files may be open at once.
    public static func setLimit(_ limit: Int) {
        ceiling.store(max(1, limit), ordering: .relaxed)
    }

    /// The ceiling set last (`Int.max` when none was).
    public static var limit: Int { ceiling.load(ordering: .relaxed) }

    /// Followed files open now.
    public static var open: Int { openFiles.load(ordering: .relaxed) }

    /// Takes one descriptor from the budget; false when it is spent.
    static func acquire() -> Bool {
        var current = openFiles.load(ordering: .relaxed)
        while current < ceiling.load(ordering: .relaxed) {
            let (exchanged, original) = openFiles.compareExchange(
                expected: current, desired: current + 1, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
        return false
    }

    /// Gives one back, when a followed file is closed.
    static func release() {
        openFiles.subtract(1, ordering: .relaxed)
    }

    /// The error for a file that was not opened because the budget is spent.
    static func exhausted(_ path: String) -> IngestError {
        .notReadable(
            path: path,
            reason: "not opened: \(limit) followed files are open, the most this process can"
                + " hold while keeping descriptors for its checkpoint and textfile (raise"
                + " LimitNOFILE, or narrow the pattern; see max_files)")
    }
}
