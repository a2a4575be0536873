/// One message in the MTA's queue, as `showq` or Exim's spool describe it.
///
/// Every text field comes from outside (the sender and recipients from SMTP clients, the
/// reasons from remote servers): readers cap their length and renderers escape them.
public struct QueuedMessage: Sendable, Equatable {
    public var queue: QueueName
    /// Postfix queue id or Exim message id.
    public var id: String
    /// When the message arrived, in seconds since the epoch (UTC).
    public var arrival: Int64
    /// Size in bytes as the MTA reports it.
    public var size: Int64
    /// The envelope sender; empty for a bounce (`<>`).
    public var sender: String
    /// The recipients still to be delivered.
    public var recipients: [QueuedRecipient]

    public init(
        queue: QueueName, id: String, arrival: Int64, size: Int64, sender: String,
        recipients: [QueuedRecipient]
    ) {
        self.queue = queue
        self.id = id
        self.arrival = arrival
        self.size = size
        self.sender = sender
        self.recipients = recipients
    }
}

/// One recipient of a queued message that is still to be delivered.
public struct QueuedRecipient: Sendable, Equatable {
    /// The address as the MTA holds it.
    public var address: String
    /// Why the last attempt was deferred: Postfix's `delay_reason`, or the reason on Exim's
    /// last deferral line in the message log. Empty when never tried.
    public var reason: String

    public init(address: String, reason: String) {
        self.address = address
        self.reason = reason
    }

    /// The lower-cased part after the last `@`; empty when there is none.
    public var domain: String {
        guard let at = address.utf8.lastIndex(of: UInt8(ascii: "@")) else { return "" }
        return String(decoding: address.utf8[address.utf8.index(after: at)...], as: UTF8.self)
            .lowercased()
    }
}
