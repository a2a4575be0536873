#if canImport(Glibc)
    import Glibc
#endif

/// A mutex with a condition variable whose timed waits run on the monotonic clock, so a
/// deadline neither stretches nor shrinks when the wall clock is set.
///
/// Use like a lock: `lock()`, check the state it guards, `wait(...)` (which releases the lock
/// while waiting), `unlock()`.
public final class ThreadCondition: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    public init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    public func lock() { pthread_mutex_lock(mutex) }

    public func unlock() { pthread_mutex_unlock(mutex) }

    /// Wakes one waiter. Call with the lock held.
    public func signal() { pthread_cond_signal(condition) }

    /// Wakes every waiter. Call with the lock held.
    public func broadcast() { pthread_cond_broadcast(condition) }

    /// Waits for a signal; may also return without one, so check the state again.
    public func wait() { pthread_cond_wait(condition, mutex) }

    /// Waits for a signal or until `Clocks.monotonicSeconds()` reaches `deadline` (an infinite
    /// deadline waits for a signal only). False when the deadline passed.
    @discardableResult
    public func wait(untilMonotonic deadline: Double) -> Bool {
        guard deadline.isFinite else {
            wait()
            return true
        }
        let clamped = min(max(deadline, 0), Double(Int32.max))
        let seconds = clamped.rounded(.down)
        var time = timespec(
            tv_sec: time_t(seconds), tv_nsec: Int((clamped - seconds) * 1e9))
        return pthread_cond_timedwait(condition, mutex, &time) == 0
    }
}
