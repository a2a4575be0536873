#if canImport(Glibc)
    import Glibc
#endif

/// The inotify calls a file follower needs: a non-blocking descriptor and watches on it.
public enum Inotify {
    /// Entries created, moved in or out, or deleted in a watched directory.
    public static let directoryEvents = UInt32(IN_CREATE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE)
    /// Writes to, renames and deletion of a watched file.
    public static let fileEvents = UInt32(IN_MODIFY | IN_MOVE_SELF | IN_DELETE_SELF)
    /// Refuses a watch when the path is not a directory.
    public static let onlyDirectory = UInt32(IN_ONLYDIR)

    /// A new non-blocking, close-on-exec inotify descriptor; nil when the kernel refuses.
    public static func open() -> Int32? {
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        return descriptor >= 0 ? descriptor : nil
    }

    /// Watches `path` for the events of `mask`; the watch number, nil when refused.
    public static func addWatch(_ descriptor: Int32, _ path: String, mask: UInt32) -> Int32? {
        let watch = inotify_add_watch(descriptor, path, mask)
        return watch >= 0 ? watch : nil
    }
}
