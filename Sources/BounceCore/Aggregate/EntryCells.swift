/// Counters per entry of a `SpaceSavingTable`, cleared cheaply when an entry changes hands.
///
/// Each entry has `cellsPerEntry` counters (MTA × status × cause for a destination), but a
/// domain from the long tail touches one or two of them before it is replaced. So each entry
/// remembers the first few cells it touched and clears only those; an entry that touched more
/// is cleared whole.
///
/// Rows are added (zeroed) as entries first come into use: the table hands out entries in
/// order, and zeroing all of them up front cost a scan of a small log more than its lines.
struct EntryCells {
    let cellsPerEntry: Int
    /// The rows of entries `0..<rows`; the others were never used.
    private(set) var values: [Int] = []
    private var rows = 0
    private var touched: [UInt16]
    /// Cells recorded in `touched` per entry, or `overflow` when the entry touched more.
    private var touchedCount: [UInt8]

    /// One row of zeros, the start of each new row.
    private let zeroRow: [Int]

    private static let touchedLimit = 8
    private static let overflow: UInt8 = .max

    init(entries: Int, cellsPerEntry: Int) {
        precondition(cellsPerEntry <= Int(UInt16.max))
        self.cellsPerEntry = cellsPerEntry
        zeroRow = Array(repeating: 0, count: cellsPerEntry)
        touched = Array(repeating: 0, count: entries * Self.touchedLimit)
        touchedCount = Array(repeating: 0, count: entries)
        // Room for every row at once, so that adding rows never copies the ones before (a
        // table of thousands of domains copied megabytes each time the array grew). Memory
        // is reserved, not touched: pages are used only as rows are added.
        values.reserveCapacity(entries * cellsPerEntry)
    }

    /// Sets every counter of `entry` to zero. Call it before an entry's first use.
    mutating func clear(_ entry: Int) {
        if entry >= rows {
            // A new row is all zero, and so is every row skipped on the way.
            // Copied from a row of zeros: a repeated element was appended one by one, about
            // 600 instructions a new row.
            for _ in rows...entry { values.append(contentsOf: zeroRow) }
            rows = entry + 1
            return
        }
        let base = entry * cellsPerEntry
        let count = touchedCount[entry]
        if count == Self.overflow {
            for index in base..<base + cellsPerEntry { values[index] = 0 }
        } else {
            let list = entry * Self.touchedLimit
            for index in list..<list + Int(count) { values[base + Int(touched[index])] = 0 }
        }
        touchedCount[entry] = 0
    }

    /// Adds one to counter `cell` of `entry`.
    mutating func increment(_ entry: Int, _ cell: Int) {
        let index = entry * cellsPerEntry + cell
        if values[index] == 0 {
            let count = touchedCount[entry]
            if count < Self.touchedLimit {
                touched[entry * Self.touchedLimit + Int(count)] = UInt16(cell)
                touchedCount[entry] = count + 1
            } else {
                touchedCount[entry] = Self.overflow
            }
        }
        values[index] += 1
    }

    /// Adds the counters of entry `otherEntry` of `other` to `entry`, clearing `entry` first
    /// when it was (re)assigned: how a merge of two tables carries their detail. Only the cells
    /// `other` recorded as touched are visited, so a long-tail entry costs a few additions,
    /// not a pass over every cell.
    mutating func add(
        _ other: EntryCells, entry otherEntry: Int, to entry: Int, isNew: Bool
    ) {
        if isNew { clear(entry) }
        let base = otherEntry * other.cellsPerEntry
        let count = other.touchedCount[otherEntry]
        if count == Self.overflow {
            for cell in 0..<cellsPerEntry where other.values[base + cell] != 0 {
                add(other.values[base + cell], entry, cell)
            }
        } else {
            let list = otherEntry * Self.touchedLimit
            for index in list..<list + Int(count) {
                let cell = Int(other.touched[index])
                add(other.values[base + cell], entry, cell)
            }
        }
    }

    private mutating func add(_ count: Int, _ entry: Int, _ cell: Int) {
        increment(entry, cell)
        values[entry * cellsPerEntry + cell] += count - 1
    }

    /// Sets every counter to zero, keeping the rows' memory (see `ScanAggregator.reset`): each
    /// row used so far is cleared as `clear` does, visiting only the cells it touched.
    mutating func reset() {
        for entry in 0..<rows { clear(entry) }
    }

    /// The counters of `entry`.
    func row(_ entry: Int) -> ArraySlice<Int> {
        values[entry * cellsPerEntry..<(entry + 1) * cellsPerEntry]
    }
}
