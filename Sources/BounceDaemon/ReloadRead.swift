import BounceCore
import BounceSystem
import Synchronization

/// Reads the configuration for a SIGHUP reload on a thread of its own, so that a stop never
/// waits for a parse: when the waiting task is cancelled (the service is stopping), the wait
/// ends at once and the parse's result, whenever it comes, is dropped.
///
/// The parse itself is bounded (file size, alias expansion and nesting caps), but it still
/// runs synchronously, and on the cooperative pool it would hold the service group's stop for
/// as long as it takes.
enum ReloadRead {
    /// The one continuation, resumed exactly once: by the parse or by the cancellation,
    /// whichever comes first.
    private final class Waiter: Sendable {
        private enum State {
            case waiting
            case parked(CheckedContinuation<Configuration, any Error>)
            case finished
        }
        private let state = Mutex(State.waiting)

        /// Parks `continuation`; false when the wait was already cancelled (it is then resumed
        /// with `CancellationError` and there is nothing to read for).
        func park(_ continuation: CheckedContinuation<Configuration, any Error>) -> Bool {
            let early = state.withLock { state -> Bool in
                guard case .waiting = state else { return true }
                state = .parked(continuation)
                return false
            }
            // Cancelled before there was anything to resume.
            if early { continuation.resume(throwing: CancellationError()) }
            return !early
        }

        func finish(_ result: Result<Configuration, any Error>) {
            let parked = state.withLock { state -> CheckedContinuation<Configuration, any Error>? in
                switch state {
                case .waiting:
                    state = .finished
                    return nil
                case .parked(let continuation):
                    state = .finished
                    return continuation
                case .finished:
                    return nil
                }
            }
            parked?.resume(with: result)
        }
    }

    /// The configuration `read` returns, read off the cooperative pool; throws
    /// `CancellationError` as soon as the calling task is cancelled.
    static func configuration(
        _ read: @escaping @Sendable () throws -> Configuration
    ) async throws -> Configuration {
        let waiter = Waiter()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard waiter.park(continuation) else { return }
                do throws(SystemError) {
                    try SystemThread.start(name: "bouncewatch-reload") {
                        waiter.finish(Result { try read() })
                    }
                } catch {
                    waiter.finish(.failure(DaemonError.failed(error)))
                }
            }
        } onCancel: {
            waiter.finish(.failure(CancellationError()))
        }
    }
}
