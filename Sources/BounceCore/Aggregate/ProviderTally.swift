/// Deliveries per provider: a fixed row of cells (MTA × status × cause, as for destinations)
/// per provider of the table and one for deliveries whose provider is unknown, so memory is set
/// by the table, not by the input.
struct ProviderTally {
    let table: ProviderTable
    /// Decides each delivery's provider, remembering the verdicts of relays seen before.
    private var decider: ProviderDecider
    private let cellsPerRow: Int
    private var cells: [Int]

    init(table: ProviderTable, cellsPerRow: Int) {
        self.table = table
        decider = ProviderDecider(table)
        self.cellsPerRow = cellsPerRow
        cells = Array(repeating: 0, count: (table.providers.count + 1) * cellsPerRow)
    }

    /// The provider of a delivery (`ProviderTable.decide`).
    @inline(__always)
    mutating func decide(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>) -> ProviderMatch? {
        decider.decide(event, in: line)
    }

    /// Counts a delivery in `cell` (see `ScanAggregator`) for `provider` (nil: unknown).
    @inline(__always)
    mutating func add(provider: Int?, cell: Int) {
        cells[(provider ?? table.providers.count) * cellsPerRow + cell] += 1
    }

    /// Sets every count to zero, keeping the cells' memory and the provider memory, which
    /// answers as a fresh one would (see `ScanAggregator.reset`).
    mutating func reset() {
        cells.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// Adds the deliveries of `other`, a tally over the same provider table.
    mutating func merge(_ other: ProviderTally) {
        precondition(table === other.table && cells.count == other.cells.count)
        for index in cells.indices { cells[index] += other.cells[index] }
    }

    /// The cells of each provider with at least one delivery, in table order, and those of the
    /// deliveries with no known provider.
    func rows() -> (providers: [(name: String, cells: [Int])], other: [Int]) {
        var listed: [(name: String, cells: [Int])] = []
        for (index, provider) in table.providers.enumerated() {
            let row = Array(cells[index * cellsPerRow..<(index + 1) * cellsPerRow])
            if row.contains(where: { $0 != 0 }) { listed.append((provider.name, row)) }
        }
        let unknown = table.providers.count
        return (listed, Array(cells[unknown * cellsPerRow..<(unknown + 1) * cellsPerRow]))
    }
}
