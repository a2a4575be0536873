import BounceCore

/// Renders the MTA's queue for `bouncewatch queue`: counts per queue with the oldest message,
/// then the deferred recipients by destination, provider and cause in qshape's age columns.
public enum QueueTextRenderer {
    /// The deferred table's column headers after the total: qshape's minutes.
    static let ageHeaders =
        QueueSummary.ageBounds.map { "\($0 / 60)" } + [
            "\((QueueSummary.ageBounds.last ?? 0) / 60)+"
        ]

    /// The report; `where` names the queue directory, `destinations` caps the table's rows.
    public static func render(_ summary: QueueSummary, where directory: String, destinations: Int)
        -> String
    {
        var output = "Queue of \(summary.mta.identifier) at \(TextTable.clean(directory))\n\n"
        var queues = TextTable([
            ("queue", .left), ("messages", .right), ("recipients", .right), ("kbytes", .right),
            ("oldest", .right),
        ])
        for queue in QueueName.reported(for: summary.mta) {
            let counts = summary.counts(queue)
            queues.add([
                queue.identifier, "\(counts.messages)", "\(counts.recipients)",
                "\((counts.bytes + 1023) / 1024)",
                counts.oldestArrival.map { age(summary.now - $0) } ?? "-",
            ])
        }
        output += queues.render()
        let rows = summary.deferredRows(limit: destinations)
        output += "\nDeferred recipients by destination and cause (minutes in the queue):\n"
        guard !rows.isEmpty else { return output + "  none\n" }
        var table = TextTable(
            [("destination", .left), ("provider", .left), ("cause", .left), ("T", .right)]
                + ageHeaders.map { ($0, TextTable.Alignment.right) })
        var totals = [Int](repeating: 0, count: ageHeaders.count)
        for row in rows { totals = zip(totals, row.ages).map(+) }
        table.add(["TOTAL", "", "", "\(totals.reduce(0, +))"] + totals.map { "\($0)" })
        for row in rows {
            table.add(
                [row.destination, row.provider ?? "-", row.cause.identifier, "\(row.total)"]
                    + row.ages.map { "\($0)" })
        }
        output += table.render()
        if summary.problems.skipped > 0 {
            output += "\n\(summary.problems.skipped) queue records could not be read:\n"
            for message in summary.problems.messages {
                output += "  \(TextTable.clean(message))\n"
            }
        }
        return output
    }

    /// `42s`, `17m`, `5h`, `3d`: the age of the oldest message at a glance.
    static func age(_ seconds: Int64) -> String {
        let value = max(0, seconds)
        if value < 120 { return "\(value)s" }
        if value < 7200 { return "\(value / 60)m" }
        if value < 172_800 { return "\(value / 3600)h" }
        return "\(value / 86400)d"
    }
}
