/// One classified event as the alert engine sees it, decoded from the log line.
public struct AlertEvent: Sendable, Equatable {
    /// When it happened, seconds since the epoch (the log's time, not the reading time).
    public var time: Int64
    public var mta: MTA
    public var kind: EventKind
    public var status: DeliveryStatus
    /// Nil for a successful delivery.
    public var cause: Cause?
    public var direction: TrafficDirection
    /// The recipient's domain, lower-cased; empty when the line has none.
    public var destination: String
    public var blocklist: Blocklist?
    /// The IP address the reply says is listed.
    public var listedIP: String?
    /// The log line, cut to a bounded length; quoted as untrusted text in mails.
    public var line: String
    /// The provider of a delivery (`google`, `microsoft`); empty when none is known.
    public var provider: String = ""
    /// The syslog host name of the line (the MTA that wrote it); empty when the line has none.
    public var host: String = ""
    /// The envelope sender's domain of the delivery's message, lower-cased; empty when the
    /// sender is unknown or the null sender.
    public var senderDomain: String = ""
    /// The SASL user that submitted the delivery's message; empty when unknown or none.
    public var saslUsername: String = ""

    public init(
        time: Int64, mta: MTA, kind: EventKind, status: DeliveryStatus, cause: Cause?,
        direction: TrafficDirection, destination: String, blocklist: Blocklist? = nil,
        listedIP: String? = nil, line: String, provider: String = "", host: String = "",
        senderDomain: String = "", saslUsername: String = ""
    ) {
        self.time = time
        self.mta = mta
        self.kind = kind
        self.status = status
        self.cause = cause
        self.direction = direction
        self.destination = destination
        self.blocklist = blocklist
        self.listedIP = listedIP
        self.line = line
        self.provider = provider
        self.host = host
        self.senderDomain = senderDomain
        self.saslUsername = saslUsername
    }
}
