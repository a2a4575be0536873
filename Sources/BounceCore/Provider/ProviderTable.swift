/// The providers compiled for the line path: decides the provider of a delivery from its relay
/// host name first, then from a signature in the remote's reply, then from the recipient domain.
///
/// Everything works on the line's bytes: a suffix lookup over the relay's host name, one
/// Aho–Corasick pass over the reply (only when the relay decided nothing and the remote spoke),
/// and an exact lookup of the domain. Nothing is decoded or allocated per line.
///
/// A class: the aggregator asks it once per delivery, and a reference is handed over without
/// retaining each of the table's arrays.
public final class ProviderTable: Sendable {
    /// The providers, in table order; `ProviderMatch.index` points here.
    public let providers: [Provider]
    private let relays: NameIndex
    private let domains: NameIndex
    private let signatures: PhraseMatcher
    /// Provider index of each signature phrase, by phrase id.
    private let signatureOwner: [Int]

    /// The built-in providers.
    public static let standard = ProviderTable(Provider.standard)

    /// Compiles `providers`. Where two name the same relay suffix, domain or signature, the
    /// later one wins.
    public convenience init(_ providers: [Provider]) {
        var relayEntries: [(name: String, value: Int)] = []
        var domainEntries: [(name: String, value: Int)] = []
        for (index, provider) in providers.enumerated() {
            relayEntries += provider.relaySuffixes.map { ($0, index) }
            domainEntries += provider.domains.map { ($0, index) }
        }
        self.init(providers, relays: relayEntries, domains: domainEntries)
    }

    private init(
        _ providers: [Provider], relays relayEntries: [(name: String, value: Int)],
        domains domainEntries: [(name: String, value: Int)]
    ) {
        self.providers = providers
        var phraseOwner: [String: Int] = [:]
        var phraseOrder: [String] = []
        for (index, provider) in providers.enumerated() {
            for signature in provider.signatures {
                let phrase = String(decoding: signature.utf8.map(ByteScan.lower), as: UTF8.self)
                guard !phrase.isEmpty else { continue }
                if phraseOwner[phrase] == nil { phraseOrder.append(phrase) }
                phraseOwner[phrase] = index
            }
        }
        relays = NameIndex(relayEntries)
        domains = NameIndex(domainEntries)
        // A provider's signature is evidence inside a help link too: that is where most of
        // them stand (`community.mimecast.com/...`).
        signatures = PhraseMatcher(phrases: phraseOrder, urlPhrases: Set(phraseOrder.indices))
        signatureOwner = phraseOrder.map { phraseOwner[$0] ?? 0 }
    }

    /// These providers with the configured ones layered over them: a configured name that is
    /// already in the table adds its relays and domains to that provider, any other name is a
    /// new provider, and a relay suffix or domain named in the configuration belongs to the
    /// configured provider even when a built-in one names it too.
    public func layered(with configured: [ProviderSpec]) -> ProviderTable {
        guard !configured.isEmpty else { return self }
        var all = providers
        var relayEntries: [(name: String, value: Int)] = []
        var domainEntries: [(name: String, value: Int)] = []
        for (index, provider) in providers.enumerated() {
            relayEntries += provider.relaySuffixes.map { ($0, index) }
            domainEntries += provider.domains.map { ($0, index) }
        }
        for spec in configured {
            let index: Int
            if let known = all.firstIndex(where: { $0.name == spec.name }) {
                index = known
                all[index].relaySuffixes += spec.relaySuffixes
                all[index].domains += spec.domains
            } else {
                index = all.count
                all.append(Provider(spec.name, relays: spec.relaySuffixes, domains: spec.domains))
            }
            relayEntries += spec.relaySuffixes.map { ($0, index) }
            domainEntries += spec.domains.map { ($0, index) }
        }
        return ProviderTable(all, relays: relayEntries, domains: domainEntries)
    }

    /// Index of the provider named `name`.
    public func index(named name: String) -> Int? { providers.firstIndex { $0.name == name } }

    /// The provider of `event`, whose byte ranges point into `line`, and what decided it.
    public func decide(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>) -> ProviderMatch? {
        let relay =
            event.relay.isEmpty ? nil : relayProvider(ofHost: Self.hostName(event.relay, in: line))
        return decide(event, in: line, relayProvider: relay)
    }

    /// The provider the relay host name `name` decides, if any (the first step of `decide`).
    func relayProvider(ofHost name: UnsafeBufferPointer<UInt8>) -> Int? {
        relays.longestSuffix(of: name)
    }

    /// `decide` with the verdict of the event's relay already known (`relayProvider(ofHost:)`;
    /// nil when it decided nothing or there is no relay).
    func decide(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>, relayProvider: Int?)
        -> ProviderMatch?
    {
        if let index = relayProvider { return ProviderMatch(index: index, basis: .relay) }
        if let index = signatureProvider(event, in: line) {
            return ProviderMatch(index: index, basis: .signature)
        }
        if !event.domain.isEmpty, let index = domainProvider(ofDomain: event.domain.slice(of: line))
        {
            return ProviderMatch(index: index, basis: .domain)
        }
        return nil
    }

    /// The provider a signature in the remote's reply names (the second step of `decide`).
    func signatureProvider(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard event.replyIsRemote, !event.reply.isEmpty else { return nil }
        let found = signatures.matches(in: event.reply.slice(of: line))
        guard !found.isEmpty,
            let phrase = found.first(in: 0..<signatureOwner.count, where: { _ in true })
        else { return nil }
        return signatureOwner[phrase]
    }

    /// The provider whose domain the recipient domain `domain` is (the last step of `decide`).
    func domainProvider(ofDomain domain: UnsafeBufferPointer<UInt8>) -> Int? {
        domains.exact(domain)
    }

    /// The host name part of a relay: `mx.example.com[192.0.2.1]:25` (Postfix) and
    /// `mx.example.com [192.0.2.1]` (Exim) both give `mx.example.com`.
    static func hostName(_ relay: ByteRange, in line: UnsafeBufferPointer<UInt8>)
        -> UnsafeBufferPointer<UInt8>
    {
        let end = ByteScan.firstOf(
            UInt8(ascii: "["), UInt8(ascii: " "), UInt8(ascii: ":"), in: line, from: relay.start,
            to: relay.end)
        return UnsafeBufferPointer(rebasing: line[relay.start..<end])
    }
}
