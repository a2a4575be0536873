import BounceCore

/// A mail composed before it is handed over (the digest), for one notifier.
///
/// It goes through the outbox in two steps so that it is sent exactly once across a crash:
/// `NotificationDispatcher.prepare` stores it aside (fsync'd), the caller then commits its
/// own state (the checkpoint that says the period was reported), and only then does
/// `commit` make it pending; at the next start `settlePrepared` commits or drops what a crash
/// left between the two, by the caller's saved state.
public struct ReadyMail: Sendable, Equatable {
    /// The notifier that carries it.
    public var notifier: String
    /// Names the mail among prepared ones (`digest-1796626800`): letters, digits, `-`, `.`.
    public var key: String
    /// The complete message, CRLF line ends.
    public var message: [UInt8]
    /// Envelope recipients other than the notifier's configured ones; nil for those.
    public var recipients: [String]?
    /// What the log and the notification counters see of it.
    public var notice: AlertNotice

    public init(
        notifier: String, key: String, message: [UInt8], recipients: [String]?,
        notice: AlertNotice
    ) {
        self.notifier = notifier
        self.key = key
        self.message = message
        self.recipients = recipients
        self.notice = notice
    }
}
