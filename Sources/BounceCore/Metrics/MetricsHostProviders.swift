/// Delivery counters and block list hits per syslog host *and* provider: the `host` label of
/// `bouncewatch_provider_deliveries_total` and `bouncewatch_provider_blocklist_hits_total`
/// while `metrics.per_host` is on. Owned by `MetricsHosts`, whose rows it follows: row 0 is
/// the host `other`, a host's row is its row there, and a demoted host's counts join `other`.
///
/// Sparse, because most pairs never occur: a host sends to a handful of providers, and each
/// pair has a few non-zero cells. Per host row, one table from `provider row ×
/// MetricsCell.count + cell` to the count; provider rows are `MetricsProviders`' rows, which
/// are never demoted. Bounded by the rows (at most `MetricsHosts.maximumLimit` + 1), the
/// providers (`MetricsProviders.limit`) and the cells.
///
/// Before the first rebalance, what a host without a row counted in `other` is also kept per
/// window entry (at most `firstWriteLimit` pairs), so a host promoted then takes its earlier
/// deliveries along here as it does in the host families.
struct MetricsHostProviders {
    /// A block list hit's key within one host row.
    struct Hit: Hashable {
        var blocklist: String
        var provider: Int
    }

    /// Pairs kept per window entry before the first rebalance, at most.
    static let firstWriteLimit = 65_536

    /// Counts by `provider × MetricsCell.count + cell`, per host row.
    private(set) var cells: [[Int: Int]] = [[:]]
    /// Block list hits by list and provider row, per host row.
    private(set) var hits: [[Hit: Int]] = [[:]]
    /// Until the first rebalance: per window entry, what it counted in `other`.
    private var firstWrite: [Int: [Int: Int]]? = [:]
    private var firstWriteHits: [Int: [Hit: Int]] = [:]
    private var firstWritePairs = 0

    /// The key of `cell` of the provider in `provider` (a `MetricsProviders` row).
    @inline(__always)
    static func key(provider: Int, cell: MetricsCell) -> Int {
        provider &* MetricsCell.count &+ cell.index
    }

    /// The provider row and cell of a key.
    static func split(_ key: Int) -> (provider: Int, cell: MetricsCell) {
        (key / MetricsCell.count, MetricsCell(index: key % MetricsCell.count))
    }

    // MARK: - Counting

    /// One delivery of the provider in row `provider` counted by the host in row `row`;
    /// `entry` is the host's window entry (-1: none), remembered while it counts in `other`
    /// before the first rebalance.
    @inline(__always)
    mutating func count(_ cell: MetricsCell, provider: Int, row: Int, entry: Int) {
        let key = Self.key(provider: provider, cell: cell)
        cells[row][key, default: 0] += 1
        if row == 0, entry >= 0, firstWrite != nil { remember(entry: entry, key: key) }
    }

    private mutating func remember(entry: Int, key: Int) {
        if firstWrite![entry]?[key] != nil {
            firstWrite![entry]![key]! += 1
        } else if firstWritePairs < Self.firstWriteLimit {
            firstWrite![entry, default: [:]][key] = 1
            firstWritePairs += 1
        }
    }

    /// A block list hit of a delivery counted in `count`, with the list's name as the
    /// provider family keeps it.
    mutating func countHit(blocklist: String, provider: Int, row: Int, entry: Int) {
        let hit = Hit(blocklist: blocklist, provider: provider)
        hits[row][hit, default: 0] += 1
        guard row == 0, entry >= 0, firstWrite != nil else { return }
        if firstWriteHits[entry]?[hit] != nil {
            firstWriteHits[entry]![hit]! += 1
        } else if firstWritePairs < Self.firstWriteLimit {
            firstWriteHits[entry, default: [:]][hit] = 1
            firstWritePairs += 1
        }
    }

    // MARK: - Following the host rows

    /// Room for host row `row`.
    mutating func reserve(row: Int) {
        while cells.count <= row {
            cells.append([:])
            hits.append([:])
        }
    }

    /// The host of row `row` was demoted: its counts join `other`'s, and the row is empty.
    mutating func fold(row: Int) {
        guard row > 0, row < cells.count else { return }
        for (key, count) in cells[row] {
            cells[0][key] = (cells[0][key] ?? 0).saturatingSum(count)
        }
        for (hit, count) in hits[row] { hits[0][hit] = (hits[0][hit] ?? 0).saturatingSum(count) }
        cells[row] = [:]
        hits[row] = [:]
    }

    /// The host of window entry `entry` was promoted to `row` before anything was written: what
    /// it counted in `other` moves to its row.
    mutating func move(entry: Int, to row: Int) {
        guard firstWrite != nil else { return }
        reserve(row: row)
        let moved = firstWrite!.removeValue(forKey: entry) ?? [:]
        let movedHits = firstWriteHits.removeValue(forKey: entry) ?? [:]
        firstWritePairs -= moved.count + movedHits.count
        for (key, count) in moved {
            let taken = Swift.min(count, cells[0][key] ?? 0)
            cells[0][key] = cells[0][key].flatMap { $0 == taken ? nil : $0 - taken }
            if taken > 0 { cells[row][key, default: 0] += taken }
        }
        for (hit, count) in movedHits {
            let taken = Swift.min(count, hits[0][hit] ?? 0)
            hits[0][hit] = hits[0][hit].flatMap { $0 == taken ? nil : $0 - taken }
            if taken > 0 { hits[row][hit, default: 0] += taken }
        }
    }

    /// Window entry `entry` now holds another host: what the old one counted stays in `other`.
    mutating func forget(entry: Int) {
        guard firstWrite != nil else { return }
        firstWritePairs -= firstWrite!.removeValue(forKey: entry)?.count ?? 0
        firstWritePairs -= firstWriteHits.removeValue(forKey: entry)?.count ?? 0
    }

    /// Something was written (or restored): counts never move between rows again.
    mutating func endFirstWrite() {
        firstWrite = nil
        firstWriteHits = [:]
        firstWritePairs = 0
    }

    // MARK: - Reading and restoring

    /// The non-zero counters of `row`, by key.
    func counts(row: Int) -> [Int: Int] { row < cells.count ? cells[row] : [:] }

    /// The block list hits of `row`.
    func hitCounts(row: Int) -> [Hit: Int] { row < hits.count ? hits[row] : [:] }

    /// Adds a counter read from a checkpoint, or `other`'s share of a provider total.
    mutating func add(_ count: Int, provider: Int, cell: MetricsCell, row: Int) {
        reserve(row: row)
        let key = Self.key(provider: provider, cell: cell)
        cells[row][key] = (cells[row][key] ?? 0).saturatingSum(count)
    }

    /// Adds block list hits read from a checkpoint.
    mutating func addHits(_ count: Int, blocklist: String, provider: Int, row: Int) {
        reserve(row: row)
        let hit = Hit(blocklist: blocklist, provider: provider)
        hits[row][hit] = (hits[row][hit] ?? 0).saturatingSum(count)
    }
}
