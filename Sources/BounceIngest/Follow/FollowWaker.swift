import BounceSystem

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

    static let directoryEvents = Inotify.directoryEvents
    static let fileEvents = Inotify.fileEvents

    /// Sets up inotify unless `useInotify` is false or the kernel refuses.
    public init(useInotify: Bool = true, fallbackInterval milliseconds: Int32 = 1000) {
        fallbackInterval = max(1, milliseconds)
        self.descriptor = useInotify ? Inotify.open() : nil
        // Room for many events per read; one event is at most 16 + NAME_MAX + 1 bytes.
        buffer = .allocate(byteCount: 64 * 1024, alignment: MemoryLayout<Int32>.alignment)
    }

    deinit {
        if let descriptor { Descriptor.close(descriptor) }
        buffer.deallocate()
    }

    /// Whether events come from inotify rather than a timer.
    public var usesInotify: Bool { descriptor != nil }

    /// Watches a directory for entries appearing, moving and disappearing (once per path).
    @discardableResult
    public func watchDirectory(_ path: String) -> Int32? {
        if let known = watchedDirectories[path] { return known }
        guard let watch = addWatch(path, Self.directoryEvents | Inotify.onlyDirectory) else {
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
            Descriptor.sleep(milliseconds: sleep)
            return []
        }
        // Interrupted by a signal: wait again; a failed poll is followed by a read that finds
        // nothing, as before.
        while (try? Descriptor.readiness([Descriptor.Watch(descriptor)], milliseconds: timeout))
            == .some(nil)
        {}
        return drainEvents()
    }

    /// Reads every pending event without blocking.
    public func drainEvents() -> [InotifyEvent] {
        guard let descriptor else { return [] }
        var events: [InotifyEvent] = []
        while true {
            // Non-blocking: nothing pending fails with EAGAIN, which ends the loop too.
            let got =
                (try? Descriptor.read(descriptor, into: buffer.baseAddress!, count: buffer.count))
                ?? 0
            guard got > 0 else { return events }
            events += InotifyEvent.parse(UnsafeRawBufferPointer(rebasing: buffer[..<got]))
        }
    }

    private func addWatch(_ path: String, _ mask: UInt32) -> Int32? {
        guard let descriptor else { return nil }
        return Inotify.addWatch(descriptor, path, mask: mask)
    }
}
