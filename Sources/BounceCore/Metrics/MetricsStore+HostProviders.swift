/// The provider families by syslog host (`metrics.per_host`): their series, their checkpoint
/// records and their restoring.
///
/// While per-host counting is on, `bouncewatch_provider_deliveries_total` and
/// `bouncewatch_provider_blocklist_hits_total` carry `host` too, counted by `MetricsHosts`
/// per host row and provider row. Their sums over `host` are the provider totals kept by
/// `MetricsProviders`: counts made while no host was told apart join `host="other"`.
///
/// Checkpoint records (after the `h` records, whose `hhost` lines declare the hosts):
///
///     phcell HOST|- PROVIDER|- MTA STATUS CAUSE|- COUNT
///     phblocklist LIST HOST|- PROVIDER|- COUNT
extension MetricsStore {
    /// Puts the provider totals counted so far under `host="other"` of a new host table.
    mutating func addProviderTotalsToOtherHost() {
        guard hosts != nil else { return }
        for row in providers.names.indices {
            let counts = providers.row(row)
            for cell in MetricsCell.all where counts[counts.startIndex + cell.index] > 0 {
                hosts!.addToOther(
                    provider: row, cell: cell, count: counts[counts.startIndex + cell.index])
            }
        }
        for (blocklist, byProvider) in providers.hits.hits {
            for (name, count) in byProvider {
                hosts!.addHitsToOther(
                    blocklist: blocklist, provider: providers.row(named: name), count: count)
            }
        }
    }

    /// The provider delivery series by host: providers by name, then hosts by name (`other`
    /// last in both), cells in their order.
    func providerSeries(by hosts: MetricsHosts) -> [MetricsSnapshot.Destination] {
        var byProvider: [Int: [MetricsSnapshot.Destination]] = [:]
        for row in hosts.rowsByName {
            var cellsByProvider: [Int: [(cell: MetricsCell, count: Int)]] = [:]
            for (key, count) in hosts.providers.counts(row: row) where count > 0 {
                let (provider, cell) = MetricsHostProviders.split(key)
                cellsByProvider[provider, default: []].append((cell, count))
            }
            for (provider, cells) in cellsByProvider {
                let ordered = cells.sorted { $0.cell.index < $1.cell.index }.map {
                    DeliveryCell(
                        mta: $0.cell.mta, status: $0.cell.status, cause: $0.cell.cause,
                        count: $0.count)
                }
                byProvider[provider, default: []].append(
                    MetricsSnapshot.Destination(
                        name: providers.names[provider], cells: ordered, host: hosts.names[row]))
            }
        }
        return providers.rowsByName.flatMap { byProvider[$0] ?? [] }
    }

    /// The provider block list hit series by host: by list, then provider, then host.
    func providerHitSeries(by hosts: MetricsHosts) -> [MetricsSnapshot.BlocklistHits] {
        var series: [MetricsSnapshot.BlocklistHits] = []
        for row in hosts.rowsByName {
            for (hit, count) in hosts.providers.hitCounts(row: row) where count > 0 {
                series.append(
                    MetricsSnapshot.BlocklistHits(
                        blocklist: hit.blocklist, destination: providers.names[hit.provider],
                        count: count, host: hosts.names[row]))
            }
        }
        return series.sorted { first, second in
            if first.blocklist != second.blocklist { return first.blocklist < second.blocklist }
            if first.destination != second.destination {
                return Self.otherLast(first.destination, second.destination)
            }
            return Self.otherLast(first.host ?? "", second.host ?? "")
        }
    }

    /// The `ph` records of `hosts`, hosts by name (`other` last), then providers and cells.
    func appendHostProviderLines(of hosts: MetricsHosts, to lines: inout [String]) {
        typealias Token = MetricsCheckpointToken
        func token(_ name: String) -> String {
            name == MetricsLabel.other ? Token.absent : Token.text(name)
        }
        for row in hosts.rowsByName {
            let host = token(hosts.names[row])
            for key in hosts.providers.counts(row: row).keys.sorted() {
                let count = hosts.providers.counts(row: row)[key]!
                guard count > 0 else { continue }
                let (provider, cell) = MetricsHostProviders.split(key)
                lines.append(
                    "phcell \(host) \(token(providers.names[provider])) \(cell.mta.identifier) "
                        + "\(cell.status.identifier) \(cell.cause?.identifier ?? Token.absent) "
                        + "\(count)")
            }
        }
        for hit in providerHitSeries(by: hosts) {
            lines.append(
                "phblocklist \(Token.text(hit.blocklist)) \(token(hit.host ?? "")) "
                    + "\(token(hit.destination)) \(hit.count)")
        }
    }

    /// Restores the `ph` records into `hosts`, or, from a checkpoint without them (written
    /// before the provider families had `host`), puts the provider totals under `other`.
    mutating func restoreHostProviders(from reader: MetricsCheckpointReader) {
        guard hosts != nil else { return }
        guard !reader.hostProviderCells.isEmpty || !reader.hostProviderHits.isEmpty else {
            addProviderTotalsToOtherHost()
            return
        }
        for (host, provider, cell, count) in reader.hostProviderCells {
            hosts!.restoreProvider(
                host: host, provider: providers.row(named: provider), cell: cell, count: count)
        }
        for (blocklist, host, provider, count) in reader.hostProviderHits {
            hosts!.restoreProviderHit(
                blocklist: blocklist, host: host, provider: providers.row(named: provider),
                count: count)
        }
    }
}
