/// Event counts by delivery status.
public struct StatusCounts: Sendable, Equatable {
    public var sent: Int
    public var deferred: Int
    public var bounced: Int
    public var expired: Int
    public var rejected: Int

    public init(
        sent: Int = 0, deferred: Int = 0, bounced: Int = 0, expired: Int = 0, rejected: Int = 0
    ) {
        self.sent = sent
        self.deferred = deferred
        self.bounced = bounced
        self.expired = expired
        self.rejected = rejected
    }

    /// The count for one status.
    public subscript(status: DeliveryStatus) -> Int {
        get {
            switch status {
            case .sent: sent
            case .deferred: deferred
            case .bounced: bounced
            case .expired: expired
            case .rejected: rejected
            }
        }
        set {
            switch status {
            case .sent: sent = newValue
            case .deferred: deferred = newValue
            case .bounced: bounced = newValue
            case .expired: expired = newValue
            case .rejected: rejected = newValue
            }
        }
    }

    /// Every status together.
    public var total: Int { sent + deferred + bounced + expired + rejected }

    /// Every status but `sent`.
    public var failures: Int { total - sent }
}
