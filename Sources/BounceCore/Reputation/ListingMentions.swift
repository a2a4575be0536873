/// The most recent bounces that named a block list or a listed address, kept so a `listed`
/// alert can quote the bounces of the same period. Bounded: the oldest go first.
public struct ListingMentions: Sendable, Equatable {
    /// One bounce: when, the list it named (normalised, `zen.spamhaus.org`), the address it
    /// said is listed, and its log line (already cut by the alert engine's limits).
    public struct Mention: Sendable, Equatable {
        public var time: Int64
        public var blocklist: String?
        public var listedIP: String?
        public var line: String

        public init(time: Int64, blocklist: String?, listedIP: String?, line: String) {
            self.time = time
            self.blocklist = blocklist
            self.listedIP = listedIP
            self.line = line
        }
    }

    /// How many bounces are kept.
    public static let capacity = 256
    public private(set) var mentions: [Mention] = []
    private var next = 0

    public init() {}

    /// Keeps one bounce, replacing the oldest when full; one without a list or address is
    /// ignored.
    public mutating func add(_ mention: Mention) {
        guard mention.blocklist != nil || mention.listedIP != nil else { return }
        if mentions.count < Self.capacity {
            mentions.append(mention)
        } else {
            mentions[next] = mention
            next = (next + 1) % Self.capacity
        }
    }

    /// The kept bounces at or after `since` that named `list`'s zone or `target`, oldest
    /// first.
    public func naming(_ list: DNSBLList, or target: ListingTarget, since: Int64) -> [Mention] {
        let address = target.isAddress ? target.description : nil
        return mentions.filter { mention in
            guard mention.time >= since else { return false }
            if let named = mention.blocklist, Self.names(named, list) { return true }
            guard let address, let listed = mention.listedIP else { return false }
            return ListingTarget(listed)?.description == address
        }.sorted { $0.time < $1.time }
    }

    /// Whether a list name from a bounce (`BlocklistCatalog`'s normalised name) is `list`: one
    /// of the names bounces give it, or its zone (`sameList`).
    public static func names(_ named: String, _ list: DNSBLList) -> Bool {
        list.blocklistNames.contains { $0.lowercased() == named.lowercased() }
            || sameList(named, list.zone)
    }

    /// Whether a list name from a bounce and a zone are the same list: equal ignoring ASCII
    /// case and a final dot, or one inside the other (a bounce naming `spamhaus.org` for the
    /// zone `zen.spamhaus.org`).
    public static func sameList(_ named: String, _ zone: String) -> Bool {
        let a = normalized(named)
        let b = normalized(zone)
        guard !a.isEmpty, !b.isEmpty else { return false }
        return a == b || a.hasSuffix("." + b) || b.hasSuffix("." + a)
    }

    private static func normalized(_ name: String) -> String {
        var text = name.lowercased()
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
