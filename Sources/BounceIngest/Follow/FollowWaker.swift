#if canImport(Glibc)
    import Glibc
#endif

/// Tells a following loop when to look at its files again, at no cost while nothing happens.
///
/// With inotify, the directories of followed paths are watched for entries created, moved and
/// deleted, and the followed files for writes, renames and deletion; `descriptor` becomes
/// readable when any of that happens, so a loop can `poll(2)` it alongside other descriptors.
/// Where inotify is unavailable (or refused), `wait` sleeps for the fallback interval.
public final class FollowWaker {
    /// The inotify descriptor to poll, nil in fallback mode.
    public let descriptor: Int32?
    /// How long `wait` sleeps without inotify, in milliseconds.
    public let fallbackInterval: Int32
    private var watchedDirectories: [String: Int32] = [:]
    private let buffer: UnsafeMutableRawBufferPointer

    static let directoryEvents = UInt32(IN_CREATE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE)
    static let fileEvents = UInt32(IN_MODIFY | IN_MOVE_SELF | IN_DELETE_SELF)

    /// Sets up inotify unless `useInotify` is false or the kernel refuses.
    public init(useInotify: Bool = true, fallbackInterval milliseconds: Int32 = 1000) {
        fallbackInterval = max(1, milliseconds)
        let descriptor = useInotify ? inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC)) : -1
        self.descriptor = descriptor >= 0 ? descriptor : nil
        // Room for many events per read; one event is at most 16 + NAME_MAX + 1 bytes.
        buffer = .allocate(byteCount: 64 * 1024, alignment: MemoryLayout<Int32>.alignment)
    }

    deinit {
        if let descriptor { close(descriptor) }
        buffer.deallocate()
    }

    /// Whether events come from inotify rather than a timer.
    public var usesInotify: Bool { descriptor != nil }

    /// Watches a directory for entries appearing, moving and disappearing (once per path).
    @discardableResult
    public func watchDirectory(_ path: String) -> Int32? {
        if let known = watchedDirectories[path] { return known }
        guard let watch = addWatch(path, Self.directoryEvents | UInt32(IN_ONLYDIR)) else {
            return nil
        }
        watchedDirectories[path] = watch
        return watch
    }

    /// Watches the file now at `path` (its inode: the watch follows it through renames) for
    /// writes, renames and deletion. Watching the same inode again is harmless.
    @discardableResult
    public func watchFile(_ path: String) -> Int32? {
        addWatch(path, Self.fileEvents)
    }

    /// Waits until something happens or `timeout` milliseconds pass (-1: no limit; in
    /// fallback mode the fallback interval bounds it), then returns the events read.
    public func wait(timeout: Int32) -> [InotifyEvent] {
        guard let descriptor else {
            let sleep = timeout < 0 ? fallbackInterval : min(timeout, fallbackInterval)
            _ = poll(nil, 0, sleep)
            return []
        }
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while poll(&entry, 1, timeout) < 0 && errno == EINTR {}
        return drainEvents()
    }

    /// Reads every pending event without blocking.
    public func drainEvents() -> [InotifyEvent] {
        guard let descriptor else { return [] }
        var events: [InotifyEvent] = []
        while true {
            let got = read(descriptor, buffer.baseAddress, buffer.count)
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return events }
            events += InotifyEvent.parse(UnsafeRawBufferPointer(rebasing: buffer[..<got]))
        }
    }

    private func addWatch(_ path: String, _ mask: UInt32) -> Int32? {
        guard let descriptor else { return nil }
        let watch = inotify_add_watch(descriptor, path, mask)
        return watch >= 0 ? watch : nil
    }
}
