/// What the aggregator keeps about one block list: bounded sets of listed IPs and destinations.
struct BlocklistTally {
    var delistURL: String?
    var hits = 0
    /// At most `ipLimit` distinct addresses; later ones are not kept.
    var listedIPs: Set<String> = []
    /// `listedIPs` in the order they were first seen, so that a merge keeps the first ones.
    private var listedIPOrder: [String] = []
    /// Hits per lower-cased destination domain; past `domainLimit` domains, new ones count under
    /// `other`.
    var domains: [String: Int] = [:]

    init(delistURL: String?) {
        self.delistURL = delistURL
    }

    mutating func record(ip: String?, domain: String, ipLimit: Int, domainLimit: Int) {
        hits += 1
        if let ip { keep(ip: ip, ipLimit: ipLimit) }
        add(domain: domain, count: 1, domainLimit: domainLimit)
    }

    /// Adds the hits of `other`, recorded after this tally's own. The listed IPs kept are the
    /// first `ipLimit` of both in log order, as one pass keeps; a domain `other` already
    /// folded into `other` stays there.
    mutating func merge(_ other: BlocklistTally, ipLimit: Int, domainLimit: Int) {
        hits += other.hits
        for ip in other.listedIPOrder { keep(ip: ip, ipLimit: ipLimit) }
        // Sorted, so that which domains fold into `other` past the limit does not depend on a
        // dictionary's order.
        for (domain, count) in other.domains.sorted(by: { $0.key < $1.key }) {
            add(domain: domain, count: count, domainLimit: domainLimit)
        }
    }

    /// Whether `record` may still keep a new listed IP (fewer than `limit` kept).
    func keepsIPs(limit: Int) -> Bool { listedIPs.count < limit }

    private mutating func keep(ip: String, ipLimit: Int) {
        guard listedIPs.count < ipLimit, listedIPs.insert(ip).inserted else { return }
        listedIPOrder.append(ip)
    }

    private mutating func add(domain: String, count: Int, domainLimit: Int) {
        if let known = domains.index(forKey: domain) {
            domains.values[known] += count
            return
        }
        domains[domains.count < domainLimit ? domain : "other", default: 0] += count
    }
}
