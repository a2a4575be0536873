import Synchronization

/// What became of delivery attempts, the `result` label of
/// `bouncewatch_notifications_total{notifier,result}`.
public enum NotificationResult: String, Sendable, CaseIterable {
    /// An alert reached the notifier's destination.
    case sent
    /// One attempt failed; the alert stays in the outbox and is tried again.
    case failed
    /// An alert was given up after `DeliveryTiming.maximumAgeSeconds` of failures.
    case dropped
    /// A notice not sent because its rule already had `AlertNoticeCeiling.groupsPerRule`
    /// groups with notices of their own; a summary notice stands for it.
    case suppressed
    /// A notice not sent because the notifier had sent `NotificationBudget.perHour` in the
    /// last hour.
    case capped
}

/// One counter of `bouncewatch_notifications_total`.
public struct NotificationCount: Sendable, Equatable {
    public var notifier: String
    public var result: NotificationResult
    public var count: Int

    public init(notifier: String, result: NotificationResult, count: Int) {
        self.notifier = notifier
        self.result = result
        self.count = count
    }
}

/// The counters, shared by the delivery threads and read by the daemon's metrics writer.
final class NotificationCounter: Sendable {
    private let notifiers: [String]
    private let counts = Mutex<[String: [NotificationResult: Int]]>([:])

    init(notifiers: [String]) {
        self.notifiers = notifiers
    }

    func add(_ result: NotificationResult, notifier: String) {
        counts.withLock { $0[notifier, default: [:]][result, default: 0] += 1 }
    }

    /// Every configured notifier with every result, zeros included, so the series exist from
    /// the start; in configuration order, then result order.
    var snapshot: [NotificationCount] {
        let counts = self.counts.withLock { $0 }
        return notifiers.flatMap { notifier in
            NotificationResult.allCases.map { result in
                NotificationCount(
                    notifier: notifier, result: result, count: counts[notifier]?[result] ?? 0)
            }
        }
    }
}
