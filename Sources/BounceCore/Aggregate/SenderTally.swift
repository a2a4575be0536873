/// Deliveries by sender domain and by SASL user, kept by the name numbers of one piece's
/// `MessageNames`: a delivery costs two increments, no string.
struct SenderTally: Sendable {
    /// Per name: sent, deferred, bounced, expired, then failures by cause.
    static let columns = 4 + Cause.allCases.count
    private(set) var domains: [UInt32] = []
    private(set) var users: [UInt32] = []

    /// Counts a delivery of status `status` (failures under `cause`) of a message with `facts`.
    @inline(__always)
    mutating func add(_ facts: MessageFacts, status: DeliveryStatus, cause: Cause?) {
        let column = Self.column(status)
        guard column >= 0 else { return }
        let causeColumn = status == .sent ? -1 : cause.map { 4 &+ Int($0.rawValue) } ?? -1
        if facts.senderDomain > MessageNames.none {
            Self.count(&domains, Int(facts.senderDomain), column, causeColumn)
        }
        if facts.saslUser > MessageNames.none {
            Self.count(&users, Int(facts.saslUser), column, causeColumn)
        }
    }

    /// Whether nothing was counted.
    var isEmpty: Bool { domains.isEmpty && users.isEmpty }

    /// Empties the tally, keeping its storage.
    mutating func removeAll() {
        domains.removeAll(keepingCapacity: true)
        users.removeAll(keepingCapacity: true)
    }

    /// Each sender domain's row, with its name number.
    func forEachDomain(_ body: (UInt32, SenderRow) -> Void) { Self.rows(domains, body) }

    /// Each SASL user's row, with its name number.
    func forEachUser(_ body: (UInt32, SenderRow) -> Void) { Self.rows(users, body) }

    @inline(__always)
    private static func column(_ status: DeliveryStatus) -> Int {
        switch status {
        case .sent: 0
        case .deferred: 1
        case .bounced: 2
        case .expired: 3
        case .rejected: -1
        }
    }

    @inline(__always)
    private static func count(_ rows: inout [UInt32], _ number: Int, _ column: Int, _ cause: Int) {
        let base = number &* columns
        if base >= rows.count {
            rows.append(contentsOf: repeatElement(0, count: base &+ columns &- rows.count))
        }
        rows[base &+ column] &+= 1
        if cause >= 0 { rows[base &+ cause] &+= 1 }
    }

    private static func rows(_ rows: [UInt32], _ body: (UInt32, SenderRow) -> Void) {
        var base = 0
        while base < rows.count {
            var row = SenderRow()
            row.counts.sent = Int(rows[base])
            row.counts.deferred = Int(rows[base + 1])
            row.counts.bounced = Int(rows[base + 2])
            row.counts.expired = Int(rows[base + 3])
            if row.total > 0 {
                for cause in 0..<Cause.allCases.count {
                    row.causes[cause] = Int(rows[base + 4 + cause])
                }
                body(UInt32(base / columns), row)
            }
            base += columns
        }
    }
}
