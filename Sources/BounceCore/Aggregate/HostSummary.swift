/// Events from one syslog host (or from every other one): what each MTA of a fleet logged.
public struct HostSummary: Sendable, Equatable {
    /// The lower-cased host name, or `other`.
    public var name: String
    /// Delivery attempts by status.
    public var deliveries: StatusCounts
    /// Inbound SMTP commands this host refused.
    public var rejects: Int
    /// Failed SMTP AUTH attempts logged by this host (ours refused by a relay included).
    public var authFailures: Int

    public init(
        name: String, deliveries: StatusCounts = StatusCounts(), rejects: Int = 0,
        authFailures: Int = 0
    ) {
        self.name = name
        self.deliveries = deliveries
        self.rejects = rejects
        self.authFailures = authFailures
    }
}
