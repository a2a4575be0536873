import BounceIngest

#if canImport(Glibc)
    import Glibc
#endif

/// Sets the descriptor budget of the followed files, leaving a reserve for everything else.
///
/// The soft `RLIMIT_NOFILE` is raised to the hard one first (systemd starts services with a
/// soft limit of 1024 and a much higher hard one; `poll(2)` has no `FD_SETSIZE` problem).
/// The followed files may then hold what is left after the descriptors open now and
/// `reserve` more: the checkpoint's and textfile's temporary files and directories, the
/// notifiers' connections, the journal.
enum DescriptorReserve {
    /// Descriptors kept out of the followed files' reach.
    static let reserve = 64

    /// Applies the limit; returns it (the soft limit after raising, and the followed files'
    /// share of it) for the log.
    @discardableResult
    static func apply() -> (limit: Int, forFiles: Int) {
        var limits = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits) == 0 else { return (0, .max) }
        if limits.rlim_cur < limits.rlim_max {
            var raised = limits
            raised.rlim_cur = limits.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limits = raised }
        }
        let soft = limits.rlim_cur == rlim_t.max ? Int.max : Int(clamping: limits.rlim_cur)
        guard soft != .max else { return (soft, .max) }
        let forFiles = max(1, soft - openDescriptors() - reserve + FollowDescriptors.open)
        // Only ever raised: other daemons in the same process (tests) keep what they had.
        if forFiles > FollowDescriptors.limit || FollowDescriptors.limit == .max {
            FollowDescriptors.setLimit(forFiles)
        }
        return (soft, FollowDescriptors.limit)
    }

    /// Descriptors open in this process now, from /proc/self/fd.
    private static func openDescriptors() -> Int {
        guard let directory = opendir("/proc/self/fd") else { return 0 }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let isDot = withUnsafeBytes(of: entry.pointee.d_name) { $0.first == UInt8(ascii: ".") }
            if !isDot { count += 1 }
        }
        // The directory stream itself is one of them.
        return max(0, count - 1)
    }
}
