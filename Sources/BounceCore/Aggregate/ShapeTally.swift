/// Counts reply texts by shape (`ReplyShape`) in a capped table, with the first reply seen of
/// each shape as its example.
///
/// Memory is fixed whatever the input: a `SpaceSavingTable` of `capacity` shapes of at most
/// `shapeLimit` bytes, and one example of at most `exampleLimit` bytes per shape. Past
/// `capacity` distinct shapes the rarest is replaced, with the counting guarantees of
/// `SpaceSavingTable`; the example is then the first reply since the shape entered the table.
struct ShapeTally {
    static let capacity = 1024
    static let shapeLimit = 200
    static let exampleLimit = 300

    private var table: SpaceSavingTable
    private var examples: [String]
    /// Where a reply's shape is written before it is counted.
    private var scratch: [UInt8]
    /// Replies counted.
    private(set) var total = 0

    init(capacity: Int = ShapeTally.capacity) {
        table = SpaceSavingTable(capacity: capacity, keyLimit: Self.shapeLimit)
        examples = Array(repeating: "", count: capacity)
        scratch = Array(repeating: 0, count: Self.shapeLimit)
    }

    /// Counts `reply` under its shape.
    mutating func add(_ reply: UnsafeBufferPointer<UInt8>) {
        total += 1
        let (entry, isNew) = scratch.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            let length = ReplyShape.write(reply, into: base, capacity: buffer.count)
            return table.increment(UnsafeBufferPointer(start: base, count: length))
        }
        if isNew {
            // Cut before decoding (a reply may be megabytes long), and again after: repairing
            // invalid bytes can make the text longer.
            examples[entry] = UTF8Prefix.string(
                UTF8Prefix.string(reply, atMost: Self.exampleLimit), atMost: Self.exampleLimit)
        }
    }

    /// Forgets every shape, keeping the table's memory (see `ScanAggregator.reset`); the
    /// examples are let go.
    mutating func reset() {
        for entry in 0..<table.used { examples[entry] = "" }
        table.reset()
        total = 0
    }

    /// Adds the replies of `other`, counted after this tally's own: a shape this tally holds
    /// keeps its example, the first reply in log order.
    mutating func merge(_ other: ShapeTally) {
        total += other.total
        for (otherEntry, place) in table.merge(other.table).enumerated() where place.isNew {
            examples[place.entry] = other.examples[otherEntry]
        }
    }

    /// The `limit` most frequent shapes, largest first, ties by shape.
    func top(_ limit: Int) -> [ShapeCount] {
        Array(
            (0..<table.used)
                .map {
                    ShapeCount(
                        shape: table.key($0), count: table.guaranteed($0), example: examples[$0])
                }
                .filter { $0.count > 0 }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.shape < $1.shape }
                .prefix(limit))
    }

    /// Distinct shapes held now (at most the capacity).
    var distinctShapes: Int { table.used }

    /// Whether shapes had to be replaced: counts are then lower bounds.
    var isApproximate: Bool { table.replacements > 0 }
}
