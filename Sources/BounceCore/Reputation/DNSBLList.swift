/// One DNS block list that bouncewatch can query: where it lives, what its answers mean and
/// where to ask for removal.
public struct DNSBLList: Sendable, Equatable {
    /// What the list names: IP addresses (reversed octets or nibbles) or domain names.
    public enum Kind: String, Sendable, Equatable {
        case ip
        case domain
    }

    /// The name a working list always answers as listed, to tell "not listed" from "not
    /// answering".
    public enum TestPoint: Sendable, Equatable {
        /// RFC 5782: 127.0.0.2 for IP lists, `test` for domain lists.
        case standard
        /// A name the list documents instead (Spamhaus DBL's `dbltest.com`).
        case name(String)
        /// The list documents none: its clean answers are taken as they are.
        case none
    }

    /// One documented answer: an address in the list's answer range and what it says.
    public struct ReturnCode: Sendable, Equatable {
        public var address: [UInt8]
        public var meaning: String

        public init(_ address: [UInt8], _ meaning: String) {
            self.address = address
            self.meaning = meaning
        }
    }

    /// The short name used in the configuration and in the `list` label (`spamhaus-zen`).
    public var id: String
    /// The name people know it by (`Spamhaus ZEN`).
    public var name: String
    /// The DNS zone queried (`zen.spamhaus.org`).
    public var zone: String
    public var kind: Kind
    /// Whether the list answers for IPv6 addresses.
    public var ipv6: Bool
    /// The answers that mean "listed", with their meaning.
    public var codes: [ReturnCode]
    /// The range of answers that mean "listed", as 32-bit addresses; an answer outside it is
    /// an error (a hijacking resolver, a list that changed), never a listing.
    public var listingRange: ClosedRange<UInt32>
    /// Answers in the listing range that the list uses to refuse a query (URIBL's 127.0.0.1).
    public var refusals: [ReturnCode]
    /// Whether each bit of the last octet is a separate list (SURBL).
    public var bitmask: Bool
    /// The page for removal requests.
    public var delist: String
    /// Whether the list answers only queries carrying a registered key (Abusix, Spamhaus
    /// DQS); the key goes in front of the zone.
    public var needsKey: Bool
    /// The file holding the registered key (`key_file`), like a notifier's `password_file`.
    public var keyFile: String?
    /// The registered key, read from `keyFile` when the lookups start; never printed.
    public var key: String?
    /// The shortest interval between two rounds that the list's fair-use terms allow.
    public var minimumIntervalSeconds: Int
    /// The names bounces give the list (`BlocklistCatalog`), to match lookups with bounces.
    public var blocklistNames: [String]
    public var testPoint: TestPoint

    public init(
        id: String, name: String, zone: String, kind: Kind = .ip, ipv6: Bool = false,
        codes: [ReturnCode] = [], listingRange: ClosedRange<UInt32>? = nil,
        refusals: [ReturnCode] = [], bitmask: Bool = false, delist: String,
        needsKey: Bool = false, minimumIntervalSeconds: Int = 600, blocklistNames: [String] = [],
        testPoint: TestPoint = .standard
    ) {
        self.id = id
        self.name = name
        self.zone = zone
        self.kind = kind
        self.ipv6 = ipv6
        self.codes = codes
        self.listingRange =
            listingRange ?? Self.address(127, 0, 0, 2)...Self.address(127, 0, 0, 255)
        self.refusals = refusals
        self.bitmask = bitmask
        self.delist = delist
        self.needsKey = needsKey
        self.minimumIntervalSeconds = minimumIntervalSeconds
        self.blocklistNames = blocklistNames
        self.testPoint = testPoint
    }

    /// The 32-bit value of an IPv4 address.
    public static func address(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> UInt32 {
        UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Whether the list can say anything about `target`.
    public func covers(_ target: ListingTarget) -> Bool {
        switch target {
        case .ipv4: return kind == .ip
        case .ipv6: return kind == .ip && ipv6
        case .domain: return kind == .domain
        }
    }

    /// The name to look up for `target`: its prefix, the key if any, then the zone.
    public func queryName(for target: ListingTarget) -> String {
        queryName(prefix: target.queryPrefix)
    }

    /// The query name of the list's test point, which a working list always answers as
    /// listed; nil when the list has none.
    public var testPointName: String? {
        switch testPoint {
        case .standard: return queryName(prefix: kind == .ip ? "2.0.0.127" : "test")
        case .name(let name): return queryName(prefix: name)
        case .none: return nil
        }
    }

    private func queryName(prefix: String) -> String {
        if let key { return "\(prefix).\(key).\(zone)" }
        return "\(prefix).\(zone)"
    }
}
