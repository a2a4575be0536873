#if canImport(Glibc)
    import Glibc
#endif

/// The process's limit on open descriptors (`RLIMIT_NOFILE`) and how many are open.
public enum DescriptorLimit {
    /// Raises the soft limit to the hard one and returns it (`Int.max` for no limit, nil when
    /// it cannot be read). systemd starts services with a soft limit of 1024 and a much higher
    /// hard one, and `poll(2)` has no `FD_SETSIZE` problem.
    public static func raiseToHard() -> Int? {
        var limits = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits) == 0 else { return nil }
        if limits.rlim_cur < limits.rlim_max {
            var raised = limits
            raised.rlim_cur = limits.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limits = raised }
        }
        return limits.rlim_cur == rlim_t.max ? Int.max : Int(clamping: limits.rlim_cur)
    }

    /// Descriptors open in this process now, from /proc/self/fd.
    public static func openDescriptors() -> Int {
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
