/// A company whose servers receive mail for many domains (Google, Microsoft, Tencent, ...), or
/// a filtering service that sits in front of them (Proofpoint, Mimecast, ...).
///
/// Providers are data (see `Provider.standard`): `ProviderTable` compiles them into the byte-level
/// lookups that decide the provider of each delivery.
public struct Provider: Sendable, Equatable {
    /// A stable lower-case id (`google`, `microsoft`, `tencent`): the label value in reports.
    public var name: String
    /// Host name suffixes of the provider's mail servers (`google.com`, `yahoodns.net`). A suffix
    /// matches whole labels: `google.com` matches `aspmx.l.google.com`, not `notgoogle.com`.
    public var relaySuffixes: [String]
    /// Text that only this provider's servers put in their replies (Gmail's `gsmtp`), matched
    /// case-insensitively anywhere in a remote reply.
    public var signatures: [String]
    /// Recipient domains hosted by the provider (`gmail.com`, `qq.com`), matched exactly.
    public var domains: [String]
    /// A real-shaped log line that this provider must be decided for (checked by the tests);
    /// empty only for providers of the administrator's configuration.
    public var sample: String

    public init(
        _ name: String, relays: [String] = [], signatures: [String] = [], domains: [String] = [],
        sample: String = ""
    ) {
        self.name = name
        self.relaySuffixes = relays
        self.signatures = signatures
        self.domains = domains
        self.sample = sample
    }
}
