import Synchronization

/// A flag that a running delivery polls, so `stop()` can end a transfer or a child process
/// that would otherwise run to its own timeout.
public final class DeliveryCancellation: Sendable {
    private let cancelled = Atomic(false)

    public init() {}

    public var isCancelled: Bool {
        cancelled.load(ordering: .acquiring)
    }

    public func cancel() {
        cancelled.store(true, ordering: .releasing)
    }
}
