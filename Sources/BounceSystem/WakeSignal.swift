#if canImport(Glibc)
    import Glibc
#endif

/// A non-blocking pipe that other threads write to, so the loop's `poll(2)` returns at once.
///
/// (The self-pipe trick: Glibc's module exports neither `eventfd` nor `pipe2`, and a plain
/// pipe does the same job.) Many wakeups before the loop looks fold into one; a full pipe already wakes it.
public final class WakeSignal: @unchecked Sendable {
    /// The descriptor to poll for `POLLIN`.
    public let descriptor: Int32
    private let writeEnd: Int32

    public init() throws(SystemError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw .last("cannot create the wakeup pipe") }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        descriptor = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(descriptor)
        close(writeEnd)
    }

    /// Makes the descriptor readable until `clear` is called.
    public func wake() {
        var one: UInt8 = 1
        // EAGAIN means the pipe is full, which wakes the loop just as well.
        while write(writeEnd, &one, 1) < 0 && errno == EINTR {}
    }

    /// Empties the pipe after a wakeup.
    public func clear() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let got = read(descriptor, &buffer, buffer.count)
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { return }
        }
    }
}
