#if canImport(Glibc)
    import Glibc
#endif

/// Ending the process with a status, once the command line's work is done.
public enum ProcessExit {
    /// Flushes C's standard streams (what `print` wrote) and ends the process with `status`.
    public static func exit(_ status: Int32) -> Never {
        Glibc.exit(status)
    }
}
