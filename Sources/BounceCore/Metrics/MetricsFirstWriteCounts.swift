/// Before the first textfile write of a fresh store, the deliveries counted in `other`, per
/// window entry (domain) and cell, so the first rebalance can hand a promoted destination the
/// deliveries it had before it was promoted.
///
/// Moving counts between series is safe only while no series has been written: nobody has seen
/// `other` yet, so taking from it breaks no counter. After the first rebalance this is gone and
/// promotion counts from the moment of promotion, as always. Bounded: at most `limit` (entry,
/// cell) pairs; deliveries beyond stay in `other`, which keeps every sum exact.
struct MetricsFirstWriteCounts {
    struct Count {
        var cell: Int32
        var count: Int
    }

    /// Pairs tracked at most (each a few bytes; 64 Ki of them is about 1 MB).
    static let limit = 65_536

    private var byEntry: [[Count]]
    private var pairs = 0

    init(entries: Int) {
        byEntry = Array(repeating: [], count: entries)
    }

    /// The entry now holds another domain: what was tracked for the old one stays in `other`.
    mutating func forget(entry: Int) {
        pairs -= byEntry[entry].count
        byEntry[entry].removeAll()
    }

    /// One delivery of window entry `entry` counted in `other` at `cell`.
    mutating func count(entry: Int, cell: Int) {
        if let found = byEntry[entry].firstIndex(where: { $0.cell == Int32(cell) }) {
            byEntry[entry][found].count += 1
        } else if pairs < Self.limit {
            byEntry[entry].append(Count(cell: Int32(cell), count: 1))
            pairs += 1
        }
    }

    /// What `entry` counted in `other`, taken out of here.
    mutating func take(entry: Int) -> [Count] {
        let counts = byEntry[entry]
        forget(entry: entry)
        return counts
    }
}
