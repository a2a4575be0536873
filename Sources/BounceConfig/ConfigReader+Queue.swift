import BounceCore

/// `queue:`: reading the MTA's live queue.
extension ConfigReader {
    static let queueKeys = ["mta", "directory", "interval", "top_destinations"]

    /// The longest pause between two readings of the queue.
    static let longestQueueInterval = 3_600
    /// The most destinations of the deferred queue with series of their own.
    static let mostQueueDestinations = 100

    /// The section; nil when absent or `false`. An empty `queue:` (null) or `true` reads the
    /// queue with every default.
    func queue(_ field: Field?) -> QueueConfig? {
        guard let field else { return nil }
        if field.isNull || field.text == "true" { return QueueConfig() }
        if field.text == "false" { return nil }
        guard let section = section(field, known: Self.queueKeys) else { return nil }
        var queue = QueueConfig()
        if let mta = section["mta"],
            let chosen = choice(mta, ["auto", "postfix", "exim"], what: "MTA", id: { $0 })
        {
            queue.mta = chosen == "auto" ? nil : chosen == "postfix" ? .postfix : .exim
        }
        if let directory = section["directory"], !directory.isNull {
            queue.directory = absolutePath(directory)
        }
        if let interval = section["interval"],
            let seconds = duration(interval, in: 5...Self.longestQueueInterval)
        {
            queue.intervalSeconds = seconds
        }
        if let top = section["top_destinations"],
            let count = integer(top, in: 1...Self.mostQueueDestinations)
        {
            queue.topDestinations = count
        }
        return queue
    }
}
