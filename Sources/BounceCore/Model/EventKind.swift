/// What a log event describes.
public enum EventKind: UInt8, Sendable, CaseIterable {
    /// An outbound (or local) delivery attempt and its outcome.
    case delivery
    /// An SMTP command we refused from a client (`NOQUEUE: reject:`, Exim `rejected RCPT`).
    case reject
    /// A failed SMTP AUTH, either a client against us or our client against a relay.
    case authFailure

    /// The identifier used in JSON output and alert rules.
    public var identifier: String {
        switch self {
        case .delivery: "delivery"
        case .reject: "reject"
        case .authFailure: "auth_failure"
        }
    }
}
