/// Why a delivery failed or a command was refused.
///
/// The identifiers are a public contract (CAUSES.md): they appear as metric labels, in `classify`
/// output, in alert rules and in e-mails. Never rename one.
public enum Cause: UInt8, Sendable, CaseIterable {
    case recipientUnknown
    case mailboxFull
    case mailboxDisabled
    case domainNotFound
    case network
    case remoteError
    case messageTooLarge
    case spam
    case contentRejected
    case senderAuthentication
    case blacklisted
    case reputation
    case rateLimited
    case greylisted
    case reverseDNS
    case tls
    case relayDenied
    case authFailure
    case policy
    case protocolError
    case localDelivery
    case expired
    case unclassified

    /// The public identifier, e.g. `recipient_unknown`.
    public var identifier: String {
        switch self {
        case .recipientUnknown: "recipient_unknown"
        case .mailboxFull: "mailbox_full"
        case .mailboxDisabled: "mailbox_disabled"
        case .domainNotFound: "domain_not_found"
        case .network: "network"
        case .remoteError: "remote_error"
        case .messageTooLarge: "message_too_large"
        case .spam: "spam"
        case .contentRejected: "content_rejected"
        case .senderAuthentication: "sender_authentication"
        case .blacklisted: "blacklisted"
        case .reputation: "reputation"
        case .rateLimited: "rate_limited"
        case .greylisted: "greylisted"
        case .reverseDNS: "reverse_dns"
        case .tls: "tls"
        case .relayDenied: "relay_denied"
        case .authFailure: "auth_failure"
        case .policy: "policy"
        case .protocolError: "protocol_error"
        case .localDelivery: "local_delivery"
        case .expired: "expired"
        case .unclassified: "unclassified"
        }
    }

    /// Looks a cause up by its public identifier.
    public init?(identifier: String) {
        guard let found = Cause.allCases.first(where: { $0.identifier == identifier }) else {
            return nil
        }
        self = found
    }
}
