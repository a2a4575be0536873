/// Who sent a message, as the log said before its deliveries: Postfix's smtpd `client=` and
/// `sasl_username=` and qmgr's `from=`, Exim's `<=` line.
///
/// A delivery line names only its recipient; the message state by queue id (`MessageBook`)
/// hands this to each delivery of the same message.
public struct MessageSender: Sendable, Equatable {
    /// The envelope sender; empty for the null sender `<>` (bounces, auto-replies).
    public var address: String?
    /// The envelope sender's domain, lower-cased; nil for the null sender.
    public var domain: String?
    /// The SASL user that submitted the message, when it was authenticated.
    public var saslUser: String?
    /// The IP address of the client that submitted the message.
    public var clientIP: String?
    /// When the message arrived, in seconds since 1970 (from the log's stamps).
    public var arrival: Int64?

    public init(
        address: String? = nil, domain: String? = nil, saslUser: String? = nil,
        clientIP: String? = nil, arrival: Int64? = nil
    ) {
        self.address = address
        self.domain = domain
        self.saslUser = saslUser
        self.clientIP = clientIP
        self.arrival = arrival
    }
}
