/// Decides the provider of deliveries like `ProviderTable.decide`, remembering the verdict of
/// each relay host name and recipient domain it has seen.
///
/// Why: a server's deliveries go to a few hundred relays and domains again and again (Gmail's
/// and Outlook's MX hosts carry most of them), and the suffix lookup over a relay's name, label
/// by label, and the lower-cased hash of a domain are most of what deciding a provider costs.
/// `RecentNames` answers a name seen before in a few dozen instructions, and a relay's host
/// name is found eight bytes at a time. Each verdict is the table's own, so the result is
/// always the same as without the memories (`ProviderDeciderTests`).
public struct ProviderDecider: Sendable {
    /// The providers decided from.
    public let table: ProviderTable

    static let wayBits = 12
    /// Relay host names and recipient domains, each with `provider index + 1` (0: none).
    private var relays: RecentNames
    private var domains: RecentNames
    /// Remote replies from relays no provider owns, each with the provider its signature names.
    private var signatures = RecentReplies()

    public init(_ table: ProviderTable) {
        self.table = table
        relays = RecentNames(wayBits: Self.wayBits)
        domains = RecentNames(wayBits: Self.wayBits)
    }

    /// The provider of `event`, whose byte ranges point into `line`, and what decided it: the
    /// same as `table.decide(event, in: line)`.
    public mutating func decide(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>)
        -> ProviderMatch?
    {
        if !event.relay.isEmpty, let index = provider(ofRelay: event.relay, in: line) {
            return ProviderMatch(index: index, basis: .relay)
        }
        if event.replyIsRemote, !event.reply.isEmpty,
            let index = signatureProvider(of: event.reply.slice(of: line), event, in: line)
        {
            return ProviderMatch(index: index, basis: .signature)
        }
        if !event.domain.isEmpty {
            let domain = event.domain.slice(of: line)
            let (known, way) = domains.lookup(domain)
            let value: UInt64
            if let known {
                value = known
            } else {
                value = Self.encode(table.domainProvider(ofDomain: domain))
                domains.remember(value, for: domain, in: way)
            }
            if value != 0 { return ProviderMatch(index: Int(value - 1), basis: .domain) }
        }
        return nil
    }

    /// The provider that the host name of `relay` (`ProviderTable.hostName`) decides.
    mutating func provider(ofRelay relay: ByteRange, in line: UnsafeBufferPointer<UInt8>) -> Int? {
        let name = Self.hostName(relay, in: line)
        let (known, way) = relays.lookup(name)
        let value: UInt64
        if let known {
            value = known
        } else {
            value = Self.encode(table.relayProvider(ofHost: name))
            relays.remember(value, for: name, in: way)
        }
        return value == 0 ? nil : Int(value - 1)
    }

    /// The provider a signature in `reply`, the event's remote reply, names: the table's
    /// `signatureProvider(event, in: line)`, remembered per reply.
    private mutating func signatureProvider(
        of reply: UnsafeBufferPointer<UInt8>, _ event: RawEvent, in line: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        let (known, way) = signatures.lookup(reply)
        let value: UInt64
        if let known {
            value = known
        } else {
            value = Self.encode(table.signatureProvider(event, in: line))
            signatures.remember(value, for: reply, in: way)
        }
        return value == 0 ? nil : Int(value - 1)
    }

    /// `ProviderTable.hostName`: the relay up to its first `[`, space or `:`, looked for
    /// sixteen bytes at a time only as far as a name is remembered (a longer one is looked up
    /// anyway).
    @inline(__always)
    static func hostName(_ relay: ByteRange, in line: UnsafeBufferPointer<UInt8>)
        -> UnsafeBufferPointer<UInt8>
    {
        let start = relay.start
        let limit = Swift.min(relay.end, line.count)
        guard start >= 0, start < limit, let base = line.baseAddress else {
            return ProviderTable.hostName(relay, in: line)
        }
        // A name longer than the memory's keys is looked up by the table's own search.
        let searched = Swift.min(limit, start + RecentNames.keyLimit)
        if let end = RelayNameEnd.first(in: base, from: start, to: searched, count: line.count) {
            return UnsafeBufferPointer(start: base + start, count: end - start)
        }
        guard searched == limit else { return ProviderTable.hostName(relay, in: line) }
        return UnsafeBufferPointer(start: base + start, count: limit - start)
    }

    @inline(__always)
    private static func encode(_ provider: Int?) -> UInt64 {
        provider.map { UInt64(truncatingIfNeeded: $0) &+ 1 } ?? 0
    }
}
