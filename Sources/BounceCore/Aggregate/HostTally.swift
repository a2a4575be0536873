/// Events per syslog host (the MTA that wrote the line, for a central log host), bounded like
/// the destinations: a `SpaceSavingTable` of fixed capacity, the top N listed and the rest
/// counted as `other`.
struct HostTally {
    /// Bytes kept of a host name (a DNS name has at most 255).
    static let keyLimit = 255
    /// Hosts counted exactly before Space-Saving starts replacing them.
    static let minimumCapacity = 1024

    /// Cells per host: deliveries by status, then rejects, then SASL failures.
    private static let statusCount = DeliveryStatus.allCases.count
    private static let rejectCell = statusCount
    private static let authCell = statusCount + 1
    private static let cellsPerHost = statusCount + 2

    private let top: Int
    private var table: SpaceSavingTable
    private var cells: EntryCells
    private var totals: [Int]
    /// The host of the last event and its entry: a log's lines come in runs from one host, and
    /// comparing a few bytes costs less than hashing them. Valid because only `add` counts
    /// keys in `table`, and it updates both whenever it does.
    private var lastHost: [UInt8] = []
    private var lastEntry = -1
    /// Events of `lastHost`'s current run not yet counted in `table`: a run is counted at once
    /// when another host's event comes or before the table is read (`settled`), which leaves
    /// the table as one increment per event would (`SpaceSavingTable.increment(entry:by:)`).
    private var pendingRun = 0

    init(top: Int) {
        self.top = top
        let capacity = Swift.max(top * 4, Self.minimumCapacity)
        table = SpaceSavingTable(capacity: capacity, keyLimit: Self.keyLimit)
        cells = EntryCells(entries: capacity, cellsPerEntry: Self.cellsPerHost)
        totals = Array(repeating: 0, count: Self.cellsPerHost)
    }

    /// Counts one event from `host` (a slice of the line; empty when the line had no header).
    mutating func add(_ event: RawEvent, host: UnsafeBufferPointer<UInt8>) {
        guard !host.isEmpty else { return }
        let cell: Int
        switch event.kind {
        case .delivery: cell = Int(event.status.rawValue)
        case .reject: cell = Self.rejectCell
        case .authFailure: cell = Self.authCell
        }
        totals[cell] += 1
        if lastEntry >= 0, Self.equal(host, lastHost) {
            pendingRun += 1
            cells.increment(lastEntry, cell)
            return
        }
        settle()
        let (entry, isNew) = table.increment(host)
        if isNew { cells.clear(entry) }
        cells.increment(entry, cell)
        lastHost.removeAll(keepingCapacity: true)
        lastHost.append(contentsOf: host.prefix(Self.keyLimit))
        lastEntry = entry
    }

    /// Forgets every host, keeping the tables' memory (see `ScanAggregator.reset`).
    mutating func reset() {
        table.reset()
        cells.reset()
        totals.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        lastHost.removeAll(keepingCapacity: true)
        lastEntry = -1
        pendingRun = 0
    }

    /// Adds the events of `other` (a tally of the same top N) as if they were counted after
    /// this tally's own.
    mutating func merge(_ other: HostTally) {
        settle()
        for (cell, count) in other.totals.enumerated() { totals[cell] += count }
        // `other`'s pending run is counted by the merge, not by a copy of its table.
        let places = table.merge(
            other.table, pending: other.pendingRun, toEntry: other.lastEntry)
        for (otherEntry, place) in places.enumerated() {
            cells.add(other.cells, entry: otherEntry, to: place.entry, isNew: place.isNew)
        }
        // A merge may hand the cached entry to another host.
        lastEntry = -1
        lastHost.removeAll(keepingCapacity: true)
    }

    /// Counts the pending run in the table.
    private mutating func settle() {
        guard pendingRun > 0 else { return }
        table.increment(entry: lastEntry, by: pendingRun)
        pendingRun = 0
    }

    /// This tally with its pending run counted.
    private func settled() -> HostTally {
        guard pendingRun > 0 else { return self }
        var copy = self
        copy.settle()
        return copy
    }

    /// Distinct hosts seen (at most the table's capacity).
    var seen: Int { table.used }

    /// The busiest hosts, and every other event as `other` (nil when there is none).
    func summaries() -> (top: [HostSummary], other: HostSummary?, approximate: Bool) {
        guard pendingRun == 0 else { return settled().summaries() }
        let ranked = (0..<table.used).filter { table.guaranteed($0) > 0 }
            .map { (entry: $0, name: table.key($0), count: table.guaranteed($0)) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
            .prefix(top)
        var rest = totals
        let listed = ranked.map { item in
            let row = Array(cells.row(item.entry))
            for (index, count) in row.enumerated() { rest[index] -= count }
            return Self.summary(item.name, row)
        }
        let other = Self.summary("other", rest)
        let hasOther = rest.contains { $0 != 0 }
        return (listed, hasOther ? other : nil, table.replacements > 0)
    }

    /// Whether `host` (as the table keeps it: cut to `keyLimit` bytes) is `last`, byte for byte.
    @inline(__always)
    private static func equal(_ host: UnsafeBufferPointer<UInt8>, _ last: [UInt8]) -> Bool {
        let count = Swift.min(host.count, keyLimit)
        guard count == last.count else { return false }
        for index in 0..<count where host[index] != last[index] { return false }
        return true
    }

    private static func summary(_ name: String, _ row: [Int]) -> HostSummary {
        var deliveries = StatusCounts()
        for status in DeliveryStatus.allCases where status != .rejected {
            deliveries[status] = row[Int(status.rawValue)]
        }
        return HostSummary(
            name: name, deliveries: deliveries, rejects: row[rejectCell],
            authFailures: row[authCell])
    }
}
