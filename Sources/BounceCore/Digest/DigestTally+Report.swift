extension DigestTally {
    /// The counted period as the `ScanReport` fields a `Digest` reads, in `ScanAggregator`'s
    /// order: causes largest first (ties in declaration order), destinations by attempts (ties
    /// by name, at most `Digest.rowLimit`), providers by attempts then name, block lists by
    /// hits then name, clients and shapes by count then name.
    public func report() -> ScanReport {
        var report = ScanReport()
        var counts = StatusCounts()
        for status in DeliveryStatus.allCases { counts[status] = deliveries[Int(status.rawValue)] }
        report.deliveries = counts
        report.causes = causeSummaries()
        report.destinations = domains.map { (name: $0.key, row: $0.value) }
            .sorted {
                let left = $0.row.counts.total
                let right = $1.row.counts.total
                return left != right ? left > right : $0.name < $1.name
            }
            .prefix(Digest.rowLimit)
            .map { $0.row.summary(named: $0.name) }
        report.providers = providers.map { $0.value.summary(named: $0.key) }
            .filter { $0.counts.total > 0 }
            .sorted {
                $0.counts.total != $1.counts.total
                    ? $0.counts.total > $1.counts.total : $0.name < $1.name
            }
        report.blocklists = blocklists.map {
            BlocklistSummary(
                name: $0.key, delistURL: $0.value.delistURL, hits: $0.value.hits,
                listedIPs: $0.value.listedIPs.sorted())
        }
        .sorted { $0.hits != $1.hits ? $0.hits > $1.hits : $0.name < $1.name }
        report.rejects = RejectSummary(
            total: rejects, topClients: Self.top(rejectClients, ScanAggregator.topClients))
        report.authFailures = AuthFailureSummary(
            total: authFailures, topClients: Self.top(authClients, ScanAggregator.topClients))
        report.unclassifiedShapes = ShapeReport(
            total: unclassified,
            shapes: Array(
                shapes.map {
                    ShapeCount(shape: $0.key, count: $0.value.count, example: $0.value.example)
                }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.shape < $1.shape }
                .prefix(ScanAggregator.topShapes)))
        return report
    }

    private func causeSummaries() -> [CauseSummary] {
        CauseSummary.summaries(causeStatus: causeStatus, samples: samples)
    }

    private static func top(_ table: [String: Int], _ limit: Int) -> [NamedCount] {
        Array(
            table.map { NamedCount($0.key, $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
                .prefix(limit))
    }
}
