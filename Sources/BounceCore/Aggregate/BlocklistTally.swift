/// What the aggregator keeps about one block list: bounded sets of listed IPs and destinations.
struct BlocklistTally {
    var delistURL: String?
    var hits = 0
    /// At most `ipLimit` distinct addresses; later ones are not kept.
    var listedIPs: Set<String> = []
    /// Hits per lower-cased destination domain; past `domainLimit` domains, new ones count under
    /// `other`.
    var domains: [String: Int] = [:]

    init(delistURL: String?) {
        self.delistURL = delistURL
    }

    mutating func record(ip: String?, domain: String, ipLimit: Int, domainLimit: Int) {
        hits += 1
        if let ip, listedIPs.count < ipLimit { listedIPs.insert(ip) }
        let key = domains[domain] != nil || domains.count < domainLimit ? domain : "other"
        domains[key, default: 0] += 1
    }
}
