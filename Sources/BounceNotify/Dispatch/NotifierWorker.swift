import BounceCore
import BounceSystem

/// Delivers one notifier's alerts on a thread of its own, so a slow or failing notifier (a
/// stuck local sendmail, a relay that is down) never delays another.
///
/// Order: alerts go out in submission order, and an alert waits while an earlier one of the
/// same incident (fingerprint) is still pending, so "resolved" never overtakes "firing". Other
/// incidents are not held up by one that keeps failing.
///
/// Retries: a failed alert waits `DeliveryTiming.retryDelay`, and the whole notifier pauses
/// for `firstRetrySeconds` so a dead relay is not hammered with every pending alert. The first
/// success makes every waiting alert due at once: the destination works again.
final class NotifierWorker: @unchecked Sendable {
    private struct Pending {
        var id: Int
        /// The outbox file; nil when it could not be written (delivered from memory only).
        var file: String?
        var createdAt: Int64
        var notice: AlertNotice
        var message: [UInt8]?
        /// A ready-made mail's own recipients (the digest's `to:`).
        var recipients: [String]? = nil
        var failures = 0
        var nextAttempt: Double
    }

    let notifier: any Notifier
    let outbox: Outbox
    private let firing: FiringAlerts?
    private let timing: DeliveryTiming
    private let clock: @Sendable () -> Int64
    private let log: NotificationLog
    private let counter: NotificationCounter
    private let cancellation = DeliveryCancellation()

    // Guarded by `condition`.
    private let condition = ThreadCondition()
    private var queue: [Pending] = []
    private var nextID = 0
    private var holdUntil = 0.0
    private var nextRepost = 0.0
    private var stopping = false
    private var drainDeadline = Double.infinity
    private var finished = false

    init(
        notifier: any Notifier, stateDirectory: String, timing: DeliveryTiming,
        clock: @escaping @Sendable () -> Int64, log: @escaping NotificationLog,
        counter: NotificationCounter
    ) throws(DeliveryError) {
        self.notifier = notifier
        outbox = try Outbox(stateDirectory: stateDirectory, notifier: notifier.name)
        firing =
            notifier.repostsFiringAlerts
            ? try FiringAlerts(
                stateDirectory: stateDirectory, notifier: notifier.name,
                expirySeconds: timing.firingExpirySeconds) : nil
        self.timing = timing
        self.clock = clock
        self.log = log
        self.counter = counter
        let (records, unreadable) = outbox.pending()
        for name in unreadable {
            log(
                "notifier \(notifier.name): cannot read pending alert \(outbox.directory)/\(name); "
                    + "kept as \(name)\(Outbox.unreadableSuffix)")
        }
        let now = Clocks.monotonicSeconds()
        for (name, record) in records {
            queue.append(
                Pending(
                    id: takeID(), file: name, createdAt: record.createdAt,
                    notice: record.notice.notice, message: record.message.map { Array($0) },
                    recipients: record.recipients, nextAttempt: now))
        }
        if !records.isEmpty {
            log(
                "notifier \(notifier.name): \(records.count) pending alert(s) from before the restart"
            )
        }
    }

    /// Starts the delivery thread.
    func start() throws(DeliveryError) {
        do {
            try SystemThread.start(name: "notify-" + notifier.name) { [self] in run() }
        } catch {
            throw DeliveryError(error.description)
        }
    }

    /// Composes and stores `notice`, then queues it; only disk I/O on the caller's thread.
    /// After `beginStop` the notice is stored for the next start but not delivered.
    func submit(_ notice: AlertNotice) {
        let now = clock()
        let message = notifier.prepare(notice, now: now)
        let record = OutboxRecord(
            notifier: notifier.name, createdAt: now, notice: notice, message: message)
        var file: String?
        do {
            file = try outbox.add(record)
        } catch {
            log(
                "notifier \(notifier.name): alert not saved, it is lost if bouncewatch stops "
                    + "before it is delivered: \(error)")
        }
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return }
        queue.append(
            Pending(
                id: takeID(), file: file, createdAt: now, notice: notice, message: message,
                nextAttempt: Clocks.monotonicSeconds()))
        condition.signal()
    }

    /// Queues a record already stored as `file` in the outbox (a ready-made mail made pending).
    func enqueue(_ record: OutboxRecord, file: String) {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return }
        queue.append(
            Pending(
                id: takeID(), file: file, createdAt: record.createdAt, notice: record.notice.notice,
                message: record.message, recipients: record.recipients,
                nextAttempt: Clocks.monotonicSeconds()))
        condition.signal()
    }

    /// Alerts not yet delivered.
    var pendingCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count
    }

    /// Asks the thread to deliver what is due until `deadline` (monotonic), then end.
    func beginStop(deadline: Double) {
        condition.lock()
        stopping = true
        drainDeadline = deadline
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the thread to end; at `deadline` a running attempt is cancelled and given
    /// `grace` seconds more. False when the thread still runs after that.
    func waitUntilFinished(deadline: Double, grace: Double) -> Bool {
        if wait(until: deadline) { return true }
        cancellation.cancel()
        return wait(until: deadline + grace)
    }

    private func wait(until deadline: Double) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !finished {
            if Clocks.monotonicSeconds() >= deadline { return false }
            condition.wait(untilMonotonic: deadline)
        }
        return true
    }

    private func takeID() -> Int {
        nextID += 1
        return nextID
    }

    private func run() {
        condition.lock()
        while true {
            let now = Clocks.monotonicSeconds()
            if stopping && now >= drainDeadline { break }
            if let index = dueIndex(now) {
                let entry = queue[index]
                condition.unlock()
                let failure = attempt(entry)
                condition.lock()
                settle(entry.id, failure: failure)
                continue
            }
            if stopping { break }
            if let firing, !firing.isEmpty, now >= nextRepost {
                nextRepost = now + timing.repostSeconds
                condition.unlock()
                repost(firing)
                condition.lock()
                continue
            }
            condition.wait(untilMonotonic: nextWake())
        }
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The first alert that is due and has no earlier pending alert of its incident.
    private func dueIndex(_ now: Double) -> Int? {
        guard now >= holdUntil else { return nil }
        var blocked = Set<String>()
        for (index, entry) in queue.enumerated() {
            if entry.nextAttempt <= now && !blocked.contains(entry.notice.fingerprint) {
                return index
            }
            blocked.insert(entry.notice.fingerprint)
        }
        return nil
    }

    /// When something next becomes due: an alert, or the re-post of firing alerts.
    private func nextWake() -> Double {
        var wake = Double.infinity
        var seen = Set<String>()
        for entry in queue where seen.insert(entry.notice.fingerprint).inserted {
            wake = min(wake, max(entry.nextAttempt, holdUntil))
        }
        if let firing, !firing.isEmpty, !stopping { wake = min(wake, nextRepost) }
        return wake
    }

    private func attempt(_ entry: Pending) -> DeliveryError? {
        let notifier = entry.recipients.map { self.notifier.addressed(to: $0) } ?? self.notifier
        do {
            try notifier.deliver(
                entry.notice, message: entry.message, now: clock(), cancellation: cancellation)
            return nil
        } catch {
            return error
        }
    }

    private func settle(_ id: Int, failure: DeliveryError?) {
        guard let index = queue.firstIndex(where: { $0.id == id }) else { return }
        let now = Clocks.monotonicSeconds()
        var entry = queue[index]
        guard let failure else {
            queue.remove(at: index)
            counter.add(.sent, notifier: notifier.name)
            removeFile(entry)
            record(entry.notice)
            holdUntil = 0
            for other in queue.indices {
                queue[other].nextAttempt = min(queue[other].nextAttempt, now)
            }
            return
        }
        if cancellation.isCancelled { return }
        counter.add(.failed, notifier: notifier.name)
        entry.failures += 1
        let age = clock() - entry.createdAt
        let what =
            DigestNotice.describe(entry.notice)
            ?? "alert \(entry.notice.rule) (\(entry.notice.state.rawValue))"
        if age >= timing.maximumAgeSeconds {
            queue.remove(at: index)
            counter.add(.dropped, notifier: notifier.name)
            removeFile(entry)
            log(
                "notifier \(notifier.name): \(what) dropped after \(entry.failures) failed "
                    + "attempts over \(DurationText.format(seconds: Int(clamping: age))): \(failure)"
            )
            return
        }
        let delay = timing.retryDelay(afterFailures: entry.failures)
        entry.nextAttempt = now + delay
        queue[index] = entry
        holdUntil = now + timing.firstRetrySeconds
        log(
            "notifier \(notifier.name): \(what) not delivered (attempt \(entry.failures), next in "
                + "\(DurationText.format(seconds: Int(delay.rounded(.up))))): \(failure)")
    }

    private func removeFile(_ entry: Pending) {
        guard let file = entry.file else { return }
        do {
            try outbox.remove(file)
        } catch {
            log("notifier \(notifier.name): \(error); the alert may be sent again after a restart")
        }
    }

    private func record(_ notice: AlertNotice) {
        guard let firing else { return }
        do {
            try firing.record(notice, now: clock())
        } catch {
            log("notifier \(notifier.name): \(error)")
        }
    }

    private func repost(_ firing: FiringAlerts) {
        do {
            let now = clock()
            try notifier.repost(try firing.active(now: now), now: now, cancellation: cancellation)
        } catch {
            if !cancellation.isCancelled {
                log("notifier \(notifier.name): re-posting firing alerts failed: \(error)")
            }
        }
    }
}
