import BounceCore
import BounceSystem

/// `bouncewatch test-alert`: one notice sent at once through one notifier, without the outbox,
/// so the administrator sees each notifier's result (or its error) right away.
public enum TestNotification {
    /// The rule name of the test notice.
    public static let rule = "test-alert"

    /// A firing notice that says it is a test. In Alertmanager it ends by itself after
    /// `alertmanagerValiditySeconds`.
    public static func notice(hostname: String, now: Int64) -> AlertNotice {
        AlertNotice(
            rule: rule, state: .firing, group: [], fingerprint: "test-alert.\(now)", count: 1,
            windowSeconds: 60,
            samples: ["bouncewatch test-alert on \(hostname): no action needed"],
            startedAt: now, decidedAt: now)
    }

    /// How long the test alert stays active in Alertmanager.
    public static let alertmanagerValiditySeconds: Int64 = 300

    /// Sends `notice` through `config` now; nil on success, else why it failed.
    public static func send(
        _ notice: AlertNotice, via config: NotifierConfig, hostname: String,
        now: Int64 = Clocks.wallSeconds(), log: NotificationLog? = nil
    ) -> DeliveryError? {
        let timing = DeliveryTiming(firingValiditySeconds: alertmanagerValiditySeconds)
        let notifier = NotifierFactory.make(
            config, hostname: hostname, timing: timing, log: log ?? { _ in })
        do {
            try notifier.deliver(
                notice, message: notifier.prepare(notice, now: now), now: now,
                cancellation: nil)
            return nil
        } catch {
            return error
        }
    }
}
