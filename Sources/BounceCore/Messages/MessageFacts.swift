/// What the message state knows of one message, by name number (`MessageNames`): kept per
/// queue id in `MessageBook` and handed to each of the message's deliveries.
public struct MessageFacts: Sendable, Equatable {
    /// The envelope sender (`MessageNames.none` when not seen yet; the null sender `<>` is
    /// the empty name; `none` when the book keeps no addresses).
    public var sender: UInt32 = MessageNames.none
    /// The envelope sender's domain, lower-cased; `MessageNames.nullSender` for the null
    /// sender.
    public var senderDomain: UInt32 = MessageNames.none
    /// The SASL user that submitted the message.
    public var saslUser: UInt32 = MessageNames.none
    /// The submitting client's IP address.
    public var clientIP: UInt32 = MessageNames.none
    /// When the message was first seen, in `MessageClock` milliseconds; `MessageClock.unknown`
    /// when no line of it had a stamp.
    public var arrival: Int64 = MessageClock.unknown
    /// Whether the book saw the message's first line (smtpd `client=`, Exim `<=`), so that it
    /// holds all the log said of it; a message first seen later (its start in an earlier piece
    /// of the log, or a bounce Postfix made itself) may have facts elsewhere.
    public var hasFirstLine = false

    public init() {}

    /// Takes every field `later` knows, keeping this arrival when known.
    public mutating func overlay(_ later: MessageFacts) {
        if later.sender != MessageNames.none { sender = later.sender }
        if later.senderDomain != MessageNames.none { senderDomain = later.senderDomain }
        if later.saslUser != MessageNames.none { saslUser = later.saslUser }
        if later.clientIP != MessageNames.none { clientIP = later.clientIP }
        if arrival == MessageClock.unknown { arrival = later.arrival }
    }

    /// These facts with every name renumbered by `number` (from another book's names).
    public func renumbered(by number: (UInt32) -> UInt32) -> MessageFacts {
        var facts = self
        facts.sender = number(sender)
        facts.senderDomain = number(senderDomain)
        facts.saslUser = number(saslUser)
        facts.clientIP = number(clientIP)
        return facts
    }
}
