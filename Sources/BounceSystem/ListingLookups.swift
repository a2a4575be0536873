import BounceCore

/// One round of block-list lookups through the real resolver: the keys read from their files,
/// every query of a `ListingCheck` sent at once, the verdicts read by `BounceCore`.
public enum ListingLookups {
    /// The largest key file read; a key is a few dozen bytes.
    static let largestKeyFile = 4096

    /// `lists` with each needed key read from its `keyFile`; a missing, unreadable or
    /// malformed key is an error naming the list and the file.
    public static func withKeys(_ lists: [DNSBLList]) throws(DNSLookup.Failure) -> [DNSBLList] {
        try lists.map { list throws(DNSLookup.Failure) in
            guard list.needsKey else { return list }
            guard let file = list.keyFile else {
                throw DNSLookup.Failure(description: "\(list.id) needs a key file")
            }
            let bytes: [UInt8]
            do {
                bytes = try RegularFile.read(file, limit: largestKeyFile)
            } catch {
                throw DNSLookup.Failure(description: "\(list.id): cannot read the key \(file)")
            }
            let key = String(decoding: bytes, as: UTF8.self).filter { !$0.isWhitespace }
                .lowercased()
            // The key becomes a DNS label: anything else would change the query's meaning.
            guard (1...63).contains(key.utf8.count), DomainNameText.isValid(key),
                !key.contains(".")
            else {
                throw DNSLookup.Failure(
                    description: "\(list.id): the key in \(file) is not one DNS label")
            }
            var keyed = list
            keyed.key = key
            return keyed
        }
    }

    /// Sends every query of `check` through the configured resolver and returns the verdicts.
    public static func run(_ check: ListingCheck, config: ReputationConfig) throws(DNSLookup
        .Failure)
        -> [ListingCheck.Row]
    {
        var packets: [[UInt8]] = []
        var sent: [Int] = []
        var outcomes = [DNSTransportOutcome](
            repeating: .failure("the query name is not a valid DNS name"),
            count: check.queries.count)
        for (index, query) in check.queries.enumerated() {
            guard let packet = DNSQueryPacket.a(query.name) else { continue }
            packets.append(packet)
            sent.append(index)
        }
        let answers = try DNSLookup.run(
            packets, server: config.resolver, timeoutMilliseconds: config.timeoutMilliseconds,
            tries: config.tries)
        for (index, answer) in zip(sent, answers) { outcomes[index] = answer }
        return check.rows(outcomes)
    }
}
