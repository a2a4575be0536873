import BounceCore
import BounceSystem

/// Sends the alert engine's notices through every configured notifier, without ever making the
/// caller wait on a relay, and without losing an alert to a failure or a restart.
///
/// Use from the daemon:
/// ```swift
/// let dispatcher = try NotificationDispatcher(
///     notifiers: configuration.notifiers, stateDirectory: configuration.stateDirectory,
///     hostname: hostname)
/// dispatcher.submit(notices)          // after each alert engine step; returns at once
/// dispatcher.counts                   // bouncewatch_notifications_total{notifier,result}
/// dispatcher.stop()                   // on shutdown: drains briefly, the rest stays pending
/// ```
///
/// - `submit` logs each notice (one line), then for every notifier composes the message and
///   writes it to `<state directory>/outbox/<notifier>/` (fsync'd) before returning, so a
///   notice that `submit` accepted survives a crash. Delivery happens on one thread per
///   notifier: a failing sendmail never delays the smtp notifier.
/// - A failed delivery is retried with exponential backoff (`DeliveryTiming`: 30 s doubling to
///   30 min) and dropped, with a log line, once it is 48 h old.
/// - A new dispatcher on the same state directory (a restart) delivers what was pending first.
/// - Alertmanager notifiers re-post firing alerts every 2 min until they resolve.
/// - `submit`, `counts`, `pending` and `stop` may be called from any thread.
public final class NotificationDispatcher: Sendable {
    let workers: [NotifierWorker]
    /// Per worker, in the same order: the hourly ceiling on what it sends.
    private let budgets: [NotificationBudget]
    private let counter: NotificationCounter
    let log: NotificationLog

    /// Creates the outbox directories, loads pending alerts and starts one delivery thread per
    /// notifier. `clock` gives epoch seconds (message dates, ages); `log` gets one line per
    /// alert and per failure. Throws when the state directory cannot be used.
    public init(
        notifiers: [NotifierConfig], stateDirectory: String, hostname: String,
        timing: DeliveryTiming = DeliveryTiming(),
        clock: @escaping @Sendable () -> Int64 = Clocks.now,
        log: @escaping NotificationLog = StandardErrorLog.write
    ) throws(DeliveryError) {
        counter = NotificationCounter(notifiers: notifiers.map(\.name))
        self.log = log
        var workers: [NotifierWorker] = []
        for config in notifiers {
            let notifier = NotifierFactory.make(
                config, hostname: hostname, timing: timing, log: log)
            workers.append(
                try NotifierWorker(
                    notifier: notifier, stateDirectory: stateDirectory, timing: timing,
                    clock: clock, log: log, counter: counter))
        }
        self.workers = workers
        budgets = workers.map { _ in NotificationBudget() }
        Self.reportOrphans(stateDirectory: stateDirectory, configured: notifiers, log: log)
        for worker in workers { try worker.start() }
    }

    /// Logs the notices and queues them for every notifier; returns without network I/O.
    ///
    /// Notices marked `isSuppressed` are only counted (`result="suppressed"`), with one log
    /// line for all of them. A notifier that has had `NotificationBudget.perHour` notices in
    /// the last hour gets no more: each is counted (`result="capped"`), the first logged.
    public func submit(_ notices: [AlertNotice]) {
        var suppressed = 0
        for notice in notices {
            guard !notice.isSuppressed else {
                suppressed += 1
                for worker in workers { counter.add(.suppressed, notifier: worker.notifier.name) }
                continue
            }
            log(AlertLogLine.format(notice))
            for (worker, budget) in zip(workers, budgets) {
                let decision = budget.admit(at: notice.decidedAt)
                guard decision == .admitted else {
                    counter.add(.capped, notifier: worker.notifier.name)
                    if decision == .refused(first: true) {
                        log(
                            "notifier \(worker.notifier.name): \(NotificationBudget.perHour) "
                                + "notices in the last hour already; further ones are not sent "
                                + "until the hour has passed, only counted (result=capped)")
                    }
                    continue
                }
                worker.submit(notice)
            }
        }
        if suppressed > 0 {
            log(
                "\(suppressed) alert notice(s) not sent: their rules already have "
                    + "\(AlertNoticeCeiling.groupsPerRule) groups with mails of their own")
        }
    }

    /// Every notifier with every result, zeros included, in configuration order.
    public var counts: [NotificationCount] { counter.snapshot }

    /// Alerts not yet delivered, per notifier name.
    public var pending: [String: Int] {
        Dictionary(workers.map { ($0.notifier.name, $0.pendingCount) }, uniquingKeysWith: +)
    }

    /// Delivers what is due for up to `drainSeconds`, then cancels running attempts and ends
    /// the threads. Whatever is still pending stays in the outbox for the next start; notices
    /// submitted afterwards are stored, not delivered.
    public func stop(drainSeconds: Double = 5) {
        let deadline = Clocks.monotonicSeconds() + drainSeconds
        for worker in workers { worker.beginStop(deadline: deadline) }
        for worker in workers where !worker.waitUntilFinished(deadline: deadline, grace: 3) {
            ProcessExit.leaveThreadsRunning()
            log(
                "notifier \(worker.notifier.name): an attempt did not end in time; "
                    + "its alert stays pending")
        }
    }

    /// Outbox directories of notifiers that are no longer configured are kept, and named.
    private static func reportOrphans(
        stateDirectory: String, configured: [NotifierConfig], log: NotificationLog
    ) {
        let directory = stateDirectory + "/outbox"
        let known = Set(configured.map { Outbox.directoryName($0.name) })
        for name in FileSystem.names(in: directory).sorted() where !known.contains(name) {
            let files = FileSystem.names(in: directory + "/" + name).filter {
                $0.hasSuffix(Outbox.suffix) && !$0.hasPrefix(".")
            }
            guard !files.isEmpty else { continue }
            log(
                "\(files.count) pending alert(s) in \(directory)/\(name) belong to a notifier "
                    + "that is no longer configured; they are kept, not sent")
        }
    }
}

/// Log lines to standard error, where journald picks them up.
public enum StandardErrorLog {
    @Sendable public static func write(_ line: String) {
        var text = "bouncewatch: " + line + "\n"
        // A failed write to standard error has nowhere to be reported.
        _ = text.withUTF8 { Descriptor.writeAll(2, UnsafeRawBufferPointer($0)) }
    }
}
