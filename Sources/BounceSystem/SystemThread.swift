#if canImport(Glibc)
    import Glibc
#endif

/// A thread of its own for work that blocks (`poll(2)`, a condition wait, a relay that does
/// not answer), which must never happen on Swift concurrency's cooperative pool. The daemon's
/// loop and each notifier's delivery run on one.
public enum SystemThread {
    private final class Start {
        let name: String
        let body: @Sendable () -> Void

        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// Runs `body` on a new detached thread called `name` (`ps -T` and `top -H` show the
    /// first 15 bytes).
    public static func start(
        name: String, _ body: @escaping @Sendable () -> Void
    ) throws(SystemError) {
        let start = Unmanaged.passRetained(Start(name: name, body: body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let status = pthread_create(
            &thread, &attributes,
            { raw in
                let start = Unmanaged<Start>.fromOpaque(raw!).takeRetainedValue()
                SystemThread.name(start.name)
                start.body()
                return nil
            }, start)
        guard status == 0 else {
            Unmanaged<Start>.fromOpaque(start).release()
            throw SystemError("cannot start the thread \(name)", code: status)
        }
    }

    /// Names the calling thread. (Glibc's module leaves out `pthread_setname_np`, a GNU
    /// extension; the kernel takes the name from this file just as well.)
    private static func name(_ name: String) {
        let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
    }
}
