/// One sender domain or SASL user in a report: its deliveries by status and the causes of
/// its failures, most frequent first.
public struct SenderSummary: Sendable, Equatable {
    public var name: String
    public var counts: StatusCounts
    /// Failures by cause, most first (ties in the causes' order), at most three.
    public var mainCauses: [CauseCount]

    public init(name: String, counts: StatusCounts = StatusCounts(), mainCauses: [CauseCount] = [])
    {
        self.name = name
        self.counts = counts
        self.mainCauses = mainCauses
    }

    /// Deferrals, bounces and expiries.
    public var failures: Int { counts.deferred + counts.bounced + counts.expired }

    /// The `limit` rows with the most failures (then the most deliveries, then by name), and
    /// the rest summed under `other` (nil when nothing is left over).
    static func top(_ rows: [String: SenderRow], limit: Int) -> ([SenderSummary], SenderSummary?) {
        let ordered = rows.sorted { left, right in
            if left.value.failures != right.value.failures {
                return left.value.failures > right.value.failures
            }
            if left.value.total != right.value.total { return left.value.total > right.value.total }
            return left.key < right.key
        }
        let shown = ordered.prefix(limit).map { summary(name: $0.key, row: $0.value) }
        guard ordered.count > limit else { return (shown, nil) }
        var rest = SenderRow()
        for (_, row) in ordered.dropFirst(limit) { rest.add(row) }
        return (shown, summary(name: "other", row: rest))
    }

    private static func summary(name: String, row: SenderRow) -> SenderSummary {
        let causes = Cause.allCases.compactMap { cause -> CauseCount? in
            let count = row.causes[Int(cause.rawValue)]
            return count > 0 ? CauseCount(cause, count) : nil
        }
        .enumerated().sorted {
            $0.element.count != $1.element.count
                ? $0.element.count > $1.element.count : $0.offset < $1.offset
        }
        .prefix(3).map(\.element)
        return SenderSummary(name: name, counts: row.counts, mainCauses: Array(causes))
    }
}

/// The report's sections on who sent the mail: by sender domain and by SASL user.
public struct SenderReport: Sendable, Equatable {
    public var domains: [SenderSummary] = []
    public var otherDomains: SenderSummary?
    public var users: [SenderSummary] = []
    public var otherUsers: SenderSummary?
    /// Deliveries whose sender the log did not say (the message began before it).
    public var deliveriesWithoutSender = 0
    /// Open messages the bounded state dropped, and names that did not fit.
    public var evictedMessages = 0
    public var namesOverflowed = 0

    public init() {}

    /// How many rows a report shows of each.
    public static let limit = 20

}
