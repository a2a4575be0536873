/// The outcome an event reports.
public enum DeliveryStatus: UInt8, Sendable, CaseIterable {
    case sent
    case deferred
    case bounced
    case expired
    case rejected

    /// The identifier used in JSON output and metric labels.
    public var identifier: String {
        switch self {
        case .sent: "sent"
        case .deferred: "deferred"
        case .bounced: "bounced"
        case .expired: "expired"
        case .rejected: "rejected"
        }
    }
}
