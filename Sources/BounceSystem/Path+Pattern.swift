#if canImport(Glibc)
    import Glibc
#endif

extension Path {
    /// Whether `path` is one of the names the `glob(3)` `pattern` stands for: `*`, `?` and
    /// `[...]` never match a `/`, so `/var/log/mail*.log` takes `/var/log/mail.1.log` but not
    /// `/var/log/mail/x.log`.
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        fnmatch(pattern, path, FNM_PATHNAME) == 0
    }
}
