#if canImport(Glibc)
    import Glibc
#endif

/// How many processors the system has online: the default number of workers for work that
/// uses every core.
public enum ProcessorCount {
    /// Processors online now; 1 when the C library cannot say.
    public static func online() -> Int {
        Swift.max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1)
    }
}
