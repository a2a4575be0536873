import BounceCore

/// One configured way of sending alerts, as the dispatcher and `test-alert` drive it.
///
/// Implementations hold only configuration values, so they are `Sendable`; all I/O happens
/// in `deliver` and `repost`, on the calling thread.
protocol Notifier: Sendable {
    /// The `notifier` label and the name of its outbox.
    var name: String { get }

    /// What to store with a notice in the outbox: the composed mail for mail notifiers (so a
    /// retry sends the same message), nil when `deliver` works from the notice alone.
    func prepare(_ notice: AlertNotice, now: Int64) -> [UInt8]?

    /// One delivery attempt.
    func deliver(
        _ notice: AlertNotice, message: [UInt8]?, now: Int64,
        cancellation: DeliveryCancellation?
    ) throws(DeliveryError)

    /// Whether firing alerts must be posted again while they last (Alertmanager forgets an
    /// alert that is not re-sent).
    var repostsFiringAlerts: Bool { get }

    /// Posts the still-firing alerts again.
    func repost(_ notices: [AlertNotice], now: Int64, cancellation: DeliveryCancellation?)
        throws(DeliveryError)

    /// The same notifier sending to `recipients` instead of its configured ones (the digest's
    /// `to:`); notifiers whose recipients come from the message itself return themselves.
    func addressed(to recipients: [String]) -> any Notifier
}

extension Notifier {
    var repostsFiringAlerts: Bool { false }

    func addressed(to recipients: [String]) -> any Notifier { self }

    func repost(_ notices: [AlertNotice], now: Int64, cancellation: DeliveryCancellation?)
        throws(DeliveryError)
    {}
}

/// The notifier for each kind of configuration.
enum NotifierFactory {
    static func make(
        _ config: NotifierConfig, hostname: String, timing: DeliveryTiming,
        log: @escaping NotificationLog
    ) -> any Notifier {
        switch config {
        case .sendmail(let settings):
            SendmailNotifier(config: settings, hostname: hostname)
        case .smtp(let settings):
            SMTPNotifier(config: settings, hostname: hostname, log: log)
        case .alertmanager(let settings):
            AlertmanagerNotifier(config: settings, hostname: hostname, timing: timing)
        case .file(let settings):
            FileNotifier(config: settings, hostname: hostname)
        }
    }
}
