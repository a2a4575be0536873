/// Deliveries by sender domain and by SASL user, kept by the name numbers of one piece's
/// `MessageNames`: a delivery costs a lookup and two increments, no string.
///
/// Rows are dense: a name gets a row when first counted (`rowOf`), so that a piece with many
/// names of other kinds (senders, client IPs) hands over only the rows it counted.
struct SenderTally: Sendable {
    /// Per row: sent, deferred, bounced, expired, then failures by cause.
    static let columns = 4 + Cause.allCases.count
    private var domains = Rows()
    private var users = Rows()

    /// Counts a delivery of status `status` (failures under `cause`) of a message with `facts`.
    @inline(__always)
    mutating func add(_ facts: MessageFacts, status: DeliveryStatus, cause: Cause?) {
        let column: Int
        switch status {
        case .sent: column = 0
        case .deferred: column = 1
        case .bounced: column = 2
        case .expired: column = 3
        case .rejected: return
        }
        let causeColumn = status == .sent ? -1 : cause.map { 4 &+ Int($0.rawValue) } ?? -1
        if facts.senderDomain > MessageNames.none {
            domains.count(Int(facts.senderDomain), column, causeColumn)
        }
        if facts.saslUser > MessageNames.none {
            users.count(Int(facts.saslUser), column, causeColumn)
        }
    }

    /// Whether nothing was counted.
    var isEmpty: Bool { domains.names.isEmpty && users.names.isEmpty }

    /// Empties the tally, keeping its storage.
    mutating func removeAll() {
        domains.removeAll()
        users.removeAll()
    }

    /// Adds `other`'s counts, its name numbers turned into this tally's by `number`.
    mutating func add(_ other: SenderTally, numbering number: (UInt32) -> UInt32) {
        domains.add(other.domains, numbering: number)
        users.add(other.users, numbering: number)
    }

    /// Each sender domain's row, with its name number.
    func forEachDomain(_ body: (UInt32, SenderRow) -> Void) { domains.forEach(body) }

    /// Each SASL user's row, with its name number.
    func forEachUser(_ body: (UInt32, SenderRow) -> Void) { users.forEach(body) }

    /// One kind's rows.
    private struct Rows: Sendable {
        /// The row of each name number, plus one (0: none yet).
        var rowOf: [UInt32] = []
        /// The name number of each row.
        var names: [UInt32] = []
        var cells: [UInt32] = []

        @inline(__always)
        mutating func count(_ number: Int, _ column: Int, _ cause: Int, by amount: UInt32 = 1) {
            if number >= rowOf.count {
                rowOf.append(contentsOf: repeatElement(0, count: number &+ 64 &- rowOf.count))
            }
            var row = Int(rowOf[number])
            if row == 0 {
                names.append(UInt32(truncatingIfNeeded: number))
                cells.append(contentsOf: repeatElement(0, count: SenderTally.columns))
                row = names.count
                rowOf[number] = UInt32(truncatingIfNeeded: row)
            }
            let base = (row &- 1) &* SenderTally.columns
            cells[base &+ column] &+= amount
            if cause >= 0 { cells[base &+ cause] &+= amount }
        }

        mutating func add(_ other: Rows, numbering number: (UInt32) -> UInt32) {
            for (index, name) in other.names.enumerated() {
                let base = index * SenderTally.columns
                for column in 0..<SenderTally.columns where other.cells[base + column] != 0 {
                    count(Int(number(name)), column, -1, by: other.cells[base + column])
                }
            }
        }

        mutating func removeAll() {
            for number in names { rowOf[Int(number)] = 0 }
            names.removeAll(keepingCapacity: true)
            cells.removeAll(keepingCapacity: true)
        }

        func forEach(_ body: (UInt32, SenderRow) -> Void) {
            for (index, number) in names.enumerated() {
                let base = index * SenderTally.columns
                var row = SenderRow()
                row.counts.sent = Int(cells[base])
                row.counts.deferred = Int(cells[base + 1])
                row.counts.bounced = Int(cells[base + 2])
                row.counts.expired = Int(cells[base + 3])
                for cause in 0..<Cause.allCases.count {
                    row.causes[cause] = Int(cells[base + 4 + cause])
                }
                body(number, row)
            }
        }
    }
}
