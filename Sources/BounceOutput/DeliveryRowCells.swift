import BounceCore

/// The cells of a row of the report's delivery tables (destinations, providers, sender
/// domains, users), the same in text and in HTML.
enum DeliveryRowCells {
    /// The name, the sent, deferred, bounced and expired counts, the failure rate and the main
    /// causes. The caller cleans the name for its medium.
    static func cells(_ name: String, _ counts: StatusCounts, _ mainCauses: [CauseCount])
        -> [String]
    {
        [
            name, "\(counts.sent)", "\(counts.deferred)", "\(counts.bounced)",
            "\(counts.expired)", FailureRate.percent(counts), Self.mainCauses(mainCauses),
        ]
    }

    /// The main causes in one cell: `network 20, recipient_unknown 2`.
    static func mainCauses(_ causes: [CauseCount]) -> String {
        causes.map { "\($0.cause.identifier) \($0.count)" }.joined(separator: ", ")
    }
}
