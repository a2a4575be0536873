/// Delivery counters and block list hits per provider (`bouncewatch_provider_*`): one row of
/// `MetricsCell.count` counters per provider name, and one for deliveries of no known provider
/// (`other`).
///
/// Bounded by construction: the names come from the provider table (the built-in providers and
/// those of the configuration), at most `limit` of them; a name beyond that counts as `other`.
/// Rows are never demoted, so every series only grows and `sum without (provider)` is the
/// exact total of deliveries from the first one on.
struct MetricsProviders {
    /// The most provider names with rows of their own.
    static let limit = 256

    /// Row names; row 0 is `other`.
    private(set) var names: [String] = [MetricsLabel.other]
    private var rowByName: [String: Int] = [MetricsLabel.other: 0]
    /// `MetricsCell.count` counters per row.
    private(set) var cells = Array(repeating: 0, count: MetricsCell.count)
    /// The row of each provider table index (`ProviderMatch.index`), set by `use(names:)`.
    private var rowOfIndex: [Int32] = []
    /// Block list hits by list, then provider name (`other` for none).
    private(set) var hits = MetricsBlocklists()

    /// Takes the provider table's names, in table order, so `count` can be given table indices.
    /// Rows of names no longer in the table stay (their series must not vanish).
    mutating func use(names tableNames: [String]) {
        rowOfIndex = tableNames.map { Int32(row(named: MetricsLabel.canonical($0))) }
    }

    /// The row of `name`, made when there is room, else `other`'s.
    mutating func row(named name: String) -> Int {
        if let row = rowByName[name] { return row }
        guard names.count < Self.limit, name != MetricsLabel.other else { return 0 }
        rowByName[name] = names.count
        names.append(name)
        cells.append(contentsOf: repeatElement(0, count: MetricsCell.count))
        return names.count - 1
    }

    /// Counts one delivery of the provider at table index `index` (nil for none) in `cell`,
    /// and returns the row's name for a block list hit.
    @inline(__always)
    mutating func count(_ cell: MetricsCell, provider index: Int?) -> Int {
        let row = index.map { $0 < rowOfIndex.count ? Int(rowOfIndex[$0]) : 0 } ?? 0
        cells[row &* MetricsCell.count &+ cell.index] += 1
        return row
    }

    /// Counts a block list hit of a delivery counted in `row`; returns the list's name as kept.
    @discardableResult
    mutating func countHit(blocklist: String, row: Int) -> String {
        hits.count(blocklist: blocklist, destination: names[row])
    }

    /// The counters of `row`.
    func row(_ row: Int) -> ArraySlice<Int> {
        cells[row * MetricsCell.count..<(row + 1) * MetricsCell.count]
    }

    /// Rows by name, `other` last.
    var rowsByName: [Int] {
        names.indices.sorted { MetricsStore.otherLast(names[$0], names[$1]) }
    }

    /// Adds a counter read from a checkpoint.
    mutating func restore(provider: String, cell: MetricsCell, count: Int) {
        let index = row(named: provider) * MetricsCell.count + cell.index
        cells[index] = cells[index].saturatingSum(count)
    }

    /// Sets block list hits read from a checkpoint; false when the pair is already there.
    mutating func restoreHit(blocklist: String, provider: String, count: Int) -> Bool {
        hits.restore(blocklist: blocklist, destination: provider, count: count)
    }
}
