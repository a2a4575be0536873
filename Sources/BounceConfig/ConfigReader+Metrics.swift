import BounceCore

/// `metrics:`: the node_exporter textfile.
extension ConfigReader {
    static let metricsKeys = [
        "textfile", "interval", "top_destinations", "per_host", "top_hosts", "senders",
        "sasl_users",
    ]

    /// The longest pause between two textfile writes and checkpoints.
    static let longestInterval = 3_600

    func metrics(_ field: Field?) -> MetricsConfig {
        var metrics = MetricsConfig()
        guard let field, let section = section(field, known: Self.metricsKeys) else {
            return metrics
        }
        if let textfile = section["textfile"] {
            metrics.textfile = self.textfile(textfile) ?? metrics.textfile
        }
        if let interval = section["interval"],
            let seconds = duration(interval, in: 1...Self.longestInterval)
        {
            metrics.intervalSeconds = seconds
        }
        if let top = section["top_destinations"],
            let count = integer(top, in: 1...ScanAggregator.maximumTopDestinations)
        {
            metrics.topDestinations = count
        }
        if let perHost = section["per_host"], let value = bool(perHost) {
            metrics.perHost = value
        }
        if let top = section["top_hosts"],
            let count = integer(top, in: 1...MetricsStore.maximumTopHosts)
        {
            metrics.topHosts = count
        }
        if let senders = section["senders"], let top = senderSeries(senders) {
            metrics.topSenderDomains = top
        }
        if let users = section["sasl_users"], let top = senderSeries(users) {
            metrics.topSASLUsers = top
        }
        return metrics
    }

    /// `senders:` or `sasl_users:`: a mapping (`top: N`, 1 to 500, 20 when left out) turns the
    /// family on; `false` or `null` leaves it off (nil inside). Nil after a reported problem.
    private func senderSeries(_ field: Field) -> Int?? {
        if field.isNull || field.text == "false" { return .some(nil) }
        guard let section = section(field, known: ["top"]) else { return nil }
        guard let top = section["top"] else { return .some(MetricsConfig.defaultSenderTop) }
        guard let count = integer(top, in: 1...MetricsStore.maximumTopDestinations) else {
            return nil
        }
        return .some(count)
    }

    /// An absolute path ending in `.prom`; `null` or `false` for no textfile (nil inside).
    private func textfile(_ field: Field) -> String?? {
        if field.isNull || field.text == "false" { return .some(nil) }
        guard let path = absolutePath(field) else { return nil }
        // node_exporter's textfile collector skips every other name without a word.
        guard path.hasSuffix(".prom"), !path.hasSuffix("/.prom") else {
            log.add(field, "\(quoted(path)) must end in .prom, or node_exporter ignores it")
            return nil
        }
        return .some(path)
    }
}
