extension Configuration {
    /// Whether the daemon follows each message by queue id (the message state): only when
    /// something reads who sent a delivery, the sender series (`metrics.senders`,
    /// `metrics.sasl_users`), the `compromised-account` alert or a rule with a sender in its
    /// `match` or `group_by`. Otherwise the parsers read those lines no further, and the
    /// daemon costs what it did before the message state (docs/benchmarks.md).
    public var followsMessages: Bool {
        metrics.topSenderDomains != nil || metrics.topSASLUsers != nil || alertsReadSender
    }

    /// Whether an alert reads who sent a delivery: the `compromised-account` alert, or a rule
    /// with a sender in its `match` or `group_by`. Only then is a delivery's sender made into
    /// text for the alert engine (four strings per outbound delivery).
    public var alertsReadSender: Bool {
        compromisedAccount != nil || alerts.contains(where: \.readsSender)
    }
}
