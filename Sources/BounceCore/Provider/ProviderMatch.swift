/// What decided the provider of a delivery, strongest first.
public enum ProviderBasis: UInt8, Sendable, CaseIterable {
    /// The host name of the server that answered (`relay=`, Exim `H=`).
    case relay
    /// Text in the remote's reply that only that provider writes (Gmail's `gsmtp`).
    case signature
    /// The recipient domain is one the provider hosts (`gmail.com`).
    case domain

    /// The word `--explain` and the accuracy report use.
    public var identifier: String {
        switch self {
        case .relay: "relay"
        case .signature: "reply_signature"
        case .domain: "recipient_domain"
        }
    }
}

/// The provider of one delivery and what decided it.
public struct ProviderMatch: Sendable, Equatable {
    /// Index into `ProviderTable.providers`.
    public var index: Int
    public var basis: ProviderBasis

    public init(index: Int, basis: ProviderBasis) {
        self.index = index
        self.basis = basis
    }
}
