import BounceSystem
import CSystemd

/// Following: wait for the journal to change without `sd_journal_wait`, so the waiting thread
/// can also be woken for shutdown, and so no async code ever blocks inside libsystemd.
extension JournalSource {
    /// The descriptor to poll for journal changes, with `pollEvents` as the events; nil unless
    /// the source was opened with `follow: true`. After it becomes readable, call `process()`.
    public var fileDescriptor: Int32? { changeDescriptor }

    /// The `poll(2)` events to wait for on `fileDescriptor`.
    public var pollEvents: Int16 {
        let events = sd_journal_get_events(handle.pointer)
        return events > 0 ? Int16(truncatingIfNeeded: events) : Descriptor.readable
    }

    /// How long a poll may sleep before `process()` must be called anyway, in milliseconds;
    /// nil for no limit. libsystemd asks for one when it cannot use inotify and has to look at
    /// the files itself.
    public var requestedTimeoutMilliseconds: Int32? {
        var deadline: UInt64 = 0
        guard sd_journal_get_timeout(handle.pointer, &deadline) >= 0, deadline != UInt64.max
        else { return nil }
        // The deadline is on CLOCK_MONOTONIC in microseconds.
        let nowMicroseconds = Clocks.monotonicMicroseconds()
        guard deadline > nowMicroseconds else { return 0 }
        return Int32(clamping: (deadline - nowMicroseconds + 999) / 1000)
    }

    /// Acknowledges a wakeup of `fileDescriptor` and says what changed.
    public func process() throws(JournalError) -> JournalChange {
        let result = sd_journal_process(handle.pointer)
        switch result {
        case Int32(SD_JOURNAL_APPEND): return .appended
        case Int32(SD_JOURNAL_INVALIDATE): return .invalidated
        case let failed where failed < 0:
            throw .waitFailed(location: location.description, reason: JournalError.reason(failed))
        default: return .none
        }
    }

    /// Blocks until the journal changes, `wakeDescriptor` becomes readable, or the timeout
    /// passes, then says which.
    ///
    /// This blocks its thread in `poll(2)`: call it only on a thread of its own, never from
    /// async code. The source must have been opened with `follow: true`.
    public func waitForChange(
        timeoutMilliseconds: Int32, wakeDescriptor: Int32? = nil
    ) throws(JournalError) -> JournalChange {
        guard let journalDescriptor = changeDescriptor else {
            throw .waitFailed(location: location.description, reason: "not opened for following")
        }
        var timeout = max(0, timeoutMilliseconds)
        if let requested = requestedTimeoutMilliseconds { timeout = min(timeout, requested) }
        var watches = [Descriptor.Watch(journalDescriptor, events: pollEvents)]
        if let wakeDescriptor { watches.append(Descriptor.Watch(wakeDescriptor)) }
        let ready: [Bool]
        do {
            guard let readiness = try Descriptor.readiness(watches, milliseconds: timeout) else {
                return .none
            }
            ready = readiness
        } catch {
            throw .waitFailed(location: location.description, reason: error.reason)
        }
        if ready.count > 1, ready[1] { return .woken }
        // Also after a timeout: without inotify, libsystemd notices changes only in here.
        return try process()
    }
}
