/// Per-source line counters, at most `limit` sources; the rest count under `other`.
///
/// Sources come from the configuration, but a glob can match any number of files, so the table
/// is bounded like everything else. Names are canonicalised (`MetricsLabel`), and two names that
/// become the same label share one entry.
struct MetricsSources {
    static let limit = 256

    private(set) var entries: [MetricsSourceCounters] = []
    private var indexByName: [String: Int] = [:]
    /// Raw names already resolved, so the hot path compares strings instead of canonicalising.
    private var indexByRawName: [String: Int] = [:]
    /// The last source looked up: lines come in runs from one source, and comparing a string
    /// with itself is a pointer check.
    private var lastRawName: String?
    private var lastIndex = 0

    @inline(__always)
    mutating func index(of rawName: String) -> Int {
        if let lastRawName, lastRawName == rawName { return lastIndex }
        let index = indexByRawName[rawName] ?? resolve(rawName)
        lastRawName = rawName
        lastIndex = index
        return index
    }

    /// In place: a get-and-set would copy the entry (and retain its name) at every line.
    subscript(index: Int) -> MetricsSourceCounters {
        _read { yield entries[index] }
        _modify { yield &entries[index] }
    }

    /// Records the time of the event just counted. The latest read wins, not the largest: one
    /// line with a stamp far in the future must not hide a source that went quiet.
    mutating func noteEvent(at index: Int, time: Int64) {
        entries[index].lastEventTime = time
    }

    /// Adds a source read from a checkpoint; false when its name is already there.
    mutating func restore(_ counters: MetricsSourceCounters) -> Bool {
        guard indexByName[counters.name] == nil else { return false }
        indexByName[counters.name] = entries.count
        entries.append(counters)
        return true
    }

    private mutating func resolve(_ rawName: String) -> Int {
        var name = MetricsLabel.canonical(rawName)
        if indexByName[name] == nil, entries.count >= Self.limit - 1 { name = MetricsLabel.other }
        let index: Int
        if let known = indexByName[name] {
            index = known
        } else {
            index = entries.count
            entries.append(MetricsSourceCounters(name: name))
            indexByName[name] = index
        }
        // Past the limit, names that fold into `other` are not remembered one by one.
        if indexByRawName.count < 4 * Self.limit { indexByRawName[rawName] = index }
        return index
    }
}
