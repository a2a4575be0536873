import Foundation

/// A flag that a running delivery polls, so `stop()` can end a transfer or a child process
/// that would otherwise run to its own timeout.
public final class DeliveryCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }
}
