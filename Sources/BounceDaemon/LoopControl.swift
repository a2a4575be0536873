import BounceCore
import BounceSystem
import Synchronization

/// How other threads talk to the loop: requests in a locked mailbox, and an eventfd that
/// makes the loop's `poll(2)` return to read them.
public final class LoopControl: Sendable {
    /// What a reload did, handed back to whoever asked for it.
    public struct ReloadOutcome: Sendable {
        /// Parts of the new configuration that take effect only at the next start.
        public var deferred: [String]
    }

    struct Requests {
        var stop = false
        var reloads: [(Configuration, @Sendable (ReloadOutcome) -> Void)] = []
        /// The loop has ended: later reloads are answered at once.
        var finished = false
    }

    let wake: WakeSignal
    private let requests = Mutex(Requests())

    init() throws(DaemonError) {
        do {
            wake = try WakeSignal()
        } catch {
            throw .failed(error)
        }
    }

    /// Asks the loop to read what is left, write the textfile and the checkpoint, and end.
    public func requestStop() {
        requests.withLock { $0.stop = true }
        wake.wake()
    }

    /// Asks the loop to apply `configuration` (already validated); `done` is called on the
    /// loop's thread once it is in effect.
    public func requestReload(
        _ configuration: Configuration, done: @escaping @Sendable (ReloadOutcome) -> Void
    ) {
        let queued = requests.withLock { pending in
            if pending.finished { return false }
            pending.reloads.append((configuration, done))
            return true
        }
        if queued {
            wake.wake()
        } else {
            done(ReloadOutcome(deferred: ["the daemon is stopping"]))
        }
    }

    /// Applies `configuration` and returns once the loop has.
    public func reload(_ configuration: Configuration) async -> ReloadOutcome {
        await withCheckedContinuation { continuation in
            requestReload(configuration) { continuation.resume(returning: $0) }
        }
    }

    /// Marks the loop as ended and answers reloads that came too late.
    func finish() {
        let late = requests.withLock { pending in
            pending.finished = true
            defer { pending.reloads = [] }
            return pending.reloads
        }
        for (_, done) in late { done(ReloadOutcome(deferred: ["the daemon is stopping"])) }
    }

    /// Takes the pending requests.
    func take() -> Requests {
        wake.clear()
        return requests.withLock { pending in
            defer { pending.reloads = [] }
            return pending
        }
    }
}
