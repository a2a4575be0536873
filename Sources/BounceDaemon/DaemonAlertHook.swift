import BounceCore
import BounceNotify

/// Where alerting plugs into the daemon loop.
///
/// The loop calls it on its own thread: `observe` with every classified event (after the
/// metrics store counted it), `tick` after each batch and at each textfile write, and
/// `checkpointLines` when it writes the checkpoint, so the alert state is saved at the same
/// instant as positions and counters. Implementations build their `AlertEvent`s from the raw
/// event themselves, so the loop decodes nothing that no rule wants.
public protocol DaemonAlertHook: AnyObject {
    /// One event; `classification` is nil for a successful delivery, `time` is the event's
    /// Unix seconds when its stamp could be read, `provider` the delivery's provider name
    /// (empty when none is known), `sender` who sent the delivery's message when the message
    /// state knows it (nil otherwise).
    func observe(
        _ event: RawEvent, _ classification: Classification?, in line: UnsafeBufferPointer<UInt8>,
        source: String, time: Int64?, provider: String, sender: MessageSender?)
    /// Time passes: evaluate rules, send what is due.
    func tick(now: Int64)
    /// True when `tick` should come within a second, not only at the next textfile write
    /// (an alert waits out its group wait).
    var wantsPromptTick: Bool { get }
    /// The state to save in the checkpoint's alerts section.
    func checkpointLines() -> [String]
    /// A new configuration was accepted.
    func reload(_ configuration: Configuration)
    /// The daemon stops: deliver what is due for a few seconds, keep the rest for the next
    /// start.
    func stop()
    /// Alerts firing now, by rule name, for `bouncewatch_alerts_firing`.
    var firing: [String: Int] { get }
    /// Notifications handed to each notifier, by result.
    var notifications: [DaemonHealth.NotificationCount] { get }
    /// A copy of the block-list lookups' state, at each textfile write while lookups run:
    /// the `listed` alert and the failing-list mail are decided from it.
    func listings(_ state: ListingState, now: Int64)
    /// Stores ready-made mails (the digest) aside in the notifiers' outboxes, not to be sent
    /// before `commitMail`; false when no notifier runs to carry them.
    func prepareMail(_ mails: [ReadyMail], now: Int64) -> Bool
    /// The checkpoint that reports the prepared mails of `key` is written: send them.
    func commitMail(key: String)
}

extension DaemonAlertHook {
    /// No alerting on listings.
    public func listings(_ state: ListingState, now: Int64) {}
    /// No notifiers: nothing is stored.
    public func prepareMail(_ mails: [ReadyMail], now: Int64) -> Bool { false }
    public func commitMail(key: String) {}
}

/// Builds the alert hook on the loop's thread from the configuration and the checkpoint's
/// alerts section (empty on a first start).
public typealias DaemonAlertHookFactory =
    @Sendable (_ configuration: Configuration, _ savedLines: [String]) throws -> DaemonAlertHook

/// No alerting: the checkpoint's alerts section is kept as it was, so a build with alerting
/// picks it up again.
public final class NoAlertHook: DaemonAlertHook {
    private let saved: [String]

    public init(savedLines: [String] = []) {
        saved = savedLines
    }

    public func observe(
        _ event: RawEvent, _ classification: Classification?, in line: UnsafeBufferPointer<UInt8>,
        source: String, time: Int64?, provider: String, sender: MessageSender?
    ) {}
    public func tick(now: Int64) {}
    public var wantsPromptTick: Bool { false }
    public func checkpointLines() -> [String] { saved }
    public func reload(_ configuration: Configuration) {}
    public func stop() {}
    public var firing: [String: Int] { [:] }
    public var notifications: [DaemonHealth.NotificationCount] { [] }
}
