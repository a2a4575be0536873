import BounceCore
import BounceIngest
import BounceSystem
import Logging
import Synchronization

/// Reads the MTA's queue on a thread of its own every `queue.interval`, off the line path, and
/// keeps the figures of the last reading for the textfile.
///
/// A queue that cannot be read (no such directory, no `postdrop`/`Debian-exim` group, Postfix
/// stopped) gives `bouncewatch_queue_up 0` and one log line, repeated only when the reason
/// changes; the next successful reading logs that it works again.
final class QueueWatcher: Sendable {
    private struct State {
        /// Nil until the first reading ends.
        var gauges: QueueGauges?
        var lastSkipped = 0
        var stopped = false
        var lastProblem: String?
    }

    let config: QueueConfig
    private let reasons: QueueReasonClassifier
    private let logger: Logger
    private let wallClock: @Sendable () -> Int64
    private let state: Mutex<State>
    private let wakeup = ThreadCondition()

    init(
        config: QueueConfig, reasons: QueueReasonClassifier, logger: Logger,
        wallClock: @escaping @Sendable () -> Int64
    ) {
        self.config = config
        self.reasons = reasons
        self.logger = logger
        self.wallClock = wallClock
        state = Mutex(State())
    }

    /// The figures of the last reading; nil before the first one ends.
    var gauges: QueueGauges? { state.withLock { $0.gauges } }

    /// Reads the queue at once, then every interval, on a thread of its own until `stop()`:
    /// a showq that does not answer never holds up the daemon's loop.
    func start() {
        do {
            try SystemThread.start(name: "queue") { [self] in loop() }
        } catch {
            logger.error("queue: \(error.description); the queue is read no more")
        }
    }

    /// Ends the thread at its next wake-up (at once if it waits).
    func stop() {
        state.withLock { $0.stopped = true }
        wakeup.lock()
        wakeup.broadcast()
        wakeup.unlock()
    }

    private func loop() {
        while true {
            readOnce()
            let deadline = Clocks.monotonicSeconds() + Double(config.intervalSeconds)
            wakeup.lock()
            while !state.withLock({ $0.stopped }), Clocks.monotonicSeconds() < deadline {
                _ = wakeup.wait(untilMonotonic: deadline)
            }
            wakeup.unlock()
            if state.withLock({ $0.stopped }) { return }
        }
    }

    /// One reading; the figures replace the last ones.
    func readOnce() {
        // Decided again at each reading: with `mta: auto`, Exim's spool gets its `input/` only
        // with the first message.
        let location = QueueLocation.resolve(mta: config.mta, directory: config.directory)
        let described = "\(location.mta.identifier) queue at \(location.directory)"
        do {
            let summary = try QueueReader.read(location, now: wallClock(), reasons: reasons)
            let gauges = QueueGauges(summary, topDestinations: config.topDestinations)
            let (recovered, skippedBefore) = state.withLock { state -> (Bool, Int) in
                state.gauges = gauges
                defer {
                    state.lastProblem = nil
                    state.lastSkipped = summary.problems.skipped
                }
                return (state.lastProblem != nil, state.lastSkipped)
            }
            if recovered { logger.info("queue: reading the \(described) works again") }
            if let first = summary.problems.messages.first,
                summary.problems.skipped != skippedBefore
            {
                let skipped =
                    "queue: \(summary.problems.skipped) record(s) of the \(described) skipped,"
                    + " first: \(first)"
                logger.warning("\(skipped)")
            }
        } catch {
            let message = "queue: cannot read the \(described): \(error.description)"
            let isNew = state.withLock { state -> Bool in
                state.gauges = .down(mta: location.mta)
                defer { state.lastProblem = message }
                return state.lastProblem != message
            }
            if isNew { logger.error("\(message)") }
        }
    }
}
