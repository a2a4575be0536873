import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Ending the process with a status, once the command line's work is done.
public enum ProcessExit {
    private static let threadsLeftRunning = Atomic<Bool>(false)

    /// Says that a thread is being left running at shutdown, possibly inside a C library (a
    /// send that did not end in time). The process then ends without running exit handlers
    /// and library destructors: they would tear that library's state down under the thread,
    /// and it could crash the process after its work was saved.
    public static func leaveThreadsRunning() {
        threadsLeftRunning.store(true, ordering: .relaxed)
    }

    /// Flushes C's standard streams (what `print` wrote) and ends the process with `status`.
    public static func exit(_ status: Int32) -> Never {
        if threadsLeftRunning.load(ordering: .relaxed) {
            fflush(nil)
            Glibc._exit(status)
        }
        Glibc.exit(status)
    }
}
