/// A DNS block list or a provider's own block list, under one normalised name.
public struct Blocklist: Hashable, Sendable {
    /// The normalised name that aggregates reports from every receiver, e.g. `zen.spamhaus.org`,
    /// `Microsoft S3150`, `Yahoo BL21`.
    public var name: String
    /// Where a postmaster asks for removal.
    public var delistURL: String?

    public init(name: String, delistURL: String?) {
        self.name = name
        self.delistURL = delistURL
    }
}
