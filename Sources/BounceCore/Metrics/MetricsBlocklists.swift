/// Block list hits by list name and destination (a labelled destination or `other`).
///
/// At most `limit` list names are kept; later ones count under `other`. Destinations follow the
/// delivery series: when a destination is demoted its hits fold into `other`.
struct MetricsBlocklists {
    static let limit = 64

    /// Hits by list name, then by destination.
    private(set) var hits: [String: [String: Int]] = [:]

    /// Counts one hit; returns the name it is kept under (canonical, or `other` past the limit).
    @discardableResult
    mutating func count(blocklist rawName: String, destination: String) -> String {
        var name = hits[rawName] != nil ? rawName : MetricsLabel.canonical(rawName)
        if hits[name] == nil, hits.count >= Self.limit - 1 { name = MetricsLabel.other }
        hits[name, default: [:]][destination, default: 0] += 1
        return name
    }

    /// Moves up to `count` hits of the list counted as `rawName` from `other` to `destination`:
    /// for a row promoted before anything was written, which takes its earlier hits along.
    mutating func moveFromOther(blocklist rawName: String, destination: String, count: Int) {
        var name = hits[rawName] != nil ? rawName : MetricsLabel.canonical(rawName)
        if hits[name] == nil { name = MetricsLabel.other }
        let moved = Swift.min(count, hits[name]?[MetricsLabel.other] ?? 0)
        guard moved > 0 else { return }
        hits[name]![MetricsLabel.other]! -= moved
        if hits[name]![MetricsLabel.other] == 0 { hits[name]![MetricsLabel.other] = nil }
        hits[name]![destination, default: 0] += moved
    }

    /// Moves the hits of a demoted destination to `other`.
    mutating func fold(destination: String) {
        for name in hits.keys {
            guard let count = hits[name]?.removeValue(forKey: destination) else { continue }
            hits[name]![MetricsLabel.other, default: 0] = (hits[name]![MetricsLabel.other] ?? 0)
                .saturatingSum(count)
        }
    }

    /// Adds `count` hits of a list already kept (or a new one while there is room).
    mutating func add(blocklist: String, destination: String, count: Int) {
        var name = blocklist
        if hits[name] == nil, hits.count >= Self.limit - 1 { name = MetricsLabel.other }
        hits[name, default: [:]][destination] =
            (hits[name]?[destination] ?? 0).saturatingSum(count)
    }

    /// Sets a count read from a checkpoint; false when the pair is already there.
    mutating func restore(blocklist: String, destination: String, count: Int) -> Bool {
        guard hits[blocklist]?[destination] == nil else { return false }
        hits[blocklist, default: [:]][destination] = count
        return true
    }
}
