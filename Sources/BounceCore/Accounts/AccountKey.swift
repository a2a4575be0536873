/// Whose sending the `compromised-account` alert watches: a SASL user, or for mail submitted
/// without one, the envelope sender's domain.
struct AccountKey: Hashable, Sendable {
    /// `.saslUsername` or `.senderDomain`: also the alert's group label.
    let dimension: AlertDimension
    /// The user name, or the domain in lower case; at most `AlertLimits.textBytes` bytes.
    let name: String

    /// The account of a message's sender; nil for mail with neither a SASL user nor a sender
    /// domain (the null sender of a bounce, submitted by no user).
    init?(_ sender: MessageSender) {
        if let user = sender.saslUser, !user.isEmpty {
            self.init(dimension: .saslUsername, name: user)
        } else if let domain = sender.domain, !domain.isEmpty {
            self.init(dimension: .senderDomain, name: domain)
        } else {
            return nil
        }
    }

    init(dimension: AlertDimension, name: String) {
        self.dimension = dimension
        self.name = UTF8Prefix.string(name, atMost: AlertLimits.textBytes)
    }
}
