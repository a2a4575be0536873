#if canImport(Glibc)
    import Glibc
#endif

extension Descriptor {
    /// A descriptor to wait on and the `poll(2)` events wanted from it.
    public struct Watch: Sendable {
        public var descriptor: Int32
        public var events: Int16

        public init(_ descriptor: Int32, events: Int16 = Descriptor.readable) {
            self.descriptor = descriptor
            self.events = events
        }
    }

    /// The event of a descriptor with something to read (`POLLIN`).
    public static let readable = Int16(POLLIN)

    /// Sleeps until one of `watches` is ready, `milliseconds` pass (a negative value waits
    /// without end) or a signal interrupts the wait; nil then, the failure otherwise.
    public static func wait(_ watches: [Watch], milliseconds: Int32) -> SystemError? {
        var descriptors = watches.map {
            pollfd(fd: $0.descriptor, events: $0.events, revents: 0)
        }
        let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        if ready < 0 && errno != EINTR { return .last("poll failed") }
        return nil
    }
}

extension Descriptor {
    /// Sleeps as `wait` does, then says which of `watches` are ready, in order; nil when a
    /// signal interrupted the wait.
    public static func readiness(_ watches: [Watch], milliseconds: Int32) throws(SystemError)
        -> [Bool]?
    {
        var descriptors = watches.map {
            pollfd(fd: $0.descriptor, events: $0.events, revents: 0)
        }
        let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        if ready < 0 {
            if errno == EINTR { return nil }
            throw .last("poll failed")
        }
        return descriptors.map { $0.revents != 0 }
    }

    /// Sleeps for `milliseconds`, or less when a signal arrives.
    public static func sleep(milliseconds: Int32) {
        _ = poll(nil, 0, milliseconds)
    }
}
