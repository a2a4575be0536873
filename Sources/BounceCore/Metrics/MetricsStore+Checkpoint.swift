/// The store's state as checkpoint text, and back.
///
/// Version 1, one record per line, fields separated by one space (`MetricsCheckpointToken`
/// says how text and numbers are written, so hostile label text can never break a line):
///
///     bouncewatch-metrics 1
///     epoch REBALANCES
///     destination NAME PROMOTED_AT LAST_EVENT CURRENT_WINDOW PREVIOUS_WINDOW
///     cell DESTINATION|- MTA STATUS CAUSE|- COUNT        (- is `other`; no cause for sent)
///     reject MTA CAUSE COUNT
///     sasl MTA COUNT
///     blocklist LIST DESTINATION|- COUNT
///     source NAME EVENTS IGNORED UNRECOGNIZED TRUNCATED LAST_EVENT_TIME|-
///     candidate previous|current NAME STRENGTH
///     pcell PROVIDER|- MTA STATUS CAUSE|- COUNT        (- is `other`: no known provider)
///     pblocklist LIST PROVIDER|- COUNT
///     delay PROVIDER|- STATUS SUM_MS COUNT x 14      (sent|bounced|expired; buckets, +Inf last)
///     hcell HOST|- MTA STATUS CAUSE|- COUNT            (only while `metrics.per_host` is on)
///     hreject HOST|- MTA CAUSE COUNT
///     hsasl HOST|- MTA COUNT
///     hblocklist LIST HOST|- COUNT
///     phcell HOST|- PROVIDER|- MTA STATUS CAUSE|- COUNT   (per_host: the provider families' `host`)
///     phblocklist LIST HOST|- PROVIDER|- COUNT
///     sender domain|user NAME PROMOTED_AT LAST_EVENT CURRENT_WINDOW PREVIOUS_WINDOW
///     scell domain|user NAME|- MTA STATUS CAUSE|- COUNT     (`metrics.senders`, `sasl_users`)
///     scandidate domain|user previous|current NAME STRENGTH
///     end NUMBER_OF_LINES_BEFORE_THIS_ONE
///
/// `pcell`, `pblocklist`, the `h`, the `ph` and the `delay` records came later within version
/// 1: a checkpoint without them restores with provider counters (or delays) at zero, and one
/// with `h` records but no `ph` records with the provider totals under `host="other"`.
/// The `s` records (the sender families, `domain` by sender domain and `user` by SASL user)
/// came later too: a checkpoint without them starts those families at zero.
///
/// The `end` line makes a cut-off text fail to restore instead of silently losing counters.
/// Only non-zero counters are written. Candidates are the strongest `candidateMemory` of each
/// window: the Space-Saving table itself is rebuilt from traffic, and its estimates only decide
/// promotions.
extension MetricsStore {
    /// The first line of a checkpoint of this version.
    static let checkpointHeader = "bouncewatch-metrics 1"

    /// The store's whole state as text lines (without line terminators).
    public func checkpointLines() -> [String] {
        typealias Token = MetricsCheckpointToken
        var lines = [Self.checkpointHeader, "epoch \(destinations.epoch)"]
        destinations.appendLabelLines(.destinations, to: &lines)
        for mta in MTA.allCases {
            for cause in Cause.allCases {
                let count = rejectCells[
                    Int(mta.rawValue) * Cause.allCases.count + Int(cause.rawValue)]
                if count > 0 {
                    lines.append("reject \(mta.identifier) \(cause.identifier) \(count)")
                }
            }
            let failures = authByMTA[Int(mta.rawValue)]
            if failures > 0 { lines.append("sasl \(mta.identifier) \(failures)") }
        }
        for blocklist in blocklists.hits.keys.sorted() {
            let byDestination = blocklists.hits[blocklist]!
            for destination in byDestination.keys.sorted(by: Self.otherLast) {
                let token =
                    destination == MetricsLabel.other ? Token.absent : Token.text(destination)
                lines.append(
                    "blocklist \(Token.text(blocklist)) \(token) \(byDestination[destination]!)")
            }
        }
        for source in sources.entries {
            lines.append(
                "source \(Token.text(source.name)) \(source.events) \(source.ignored) "
                    + "\(source.unrecognized) \(source.truncated) "
                    + "\(source.lastEventTime.map(String.init) ?? Token.absent)")
        }
        for row in providers.rowsByName {
            let name = providers.names[row]
            let token = name == MetricsLabel.other ? Token.absent : Token.text(name)
            MetricsCell.appendCheckpointLines(
                record: "pcell", name: token, providers.row(row), to: &lines)
        }
        for blocklist in providers.hits.hits.keys.sorted() {
            let byProvider = providers.hits.hits[blocklist]!
            for name in byProvider.keys.sorted(by: Self.otherLast) {
                let token = name == MetricsLabel.other ? Token.absent : Token.text(name)
                lines.append(
                    "pblocklist \(Token.text(blocklist)) \(token) \(byProvider[name]!)")
            }
        }
        appendDelayLines(to: &lines)
        if let hosts {
            Self.appendLines(of: hosts, to: &lines)
            appendHostProviderLines(of: hosts, to: &lines)
        }
        for (tier, count) in tiers.entries where count > 0 {
            lines.append("tier \(tier) \(count)")
        }
        destinations.appendCandidateLines(.destinations, to: &lines)
        senders.appendCheckpointLines(to: &lines)
        lines.append("end \(lines.count)")
        return lines
    }

    /// `checkpointLines()`, built from `previous` (what this store returned when its
    /// `revision` was `previousRevision`) when only the rebalance clock moved since: the
    /// same lines, for the cost of one.
    public func checkpointLines(reusing previous: [String], from previousRevision: Int)
        -> [String]
    {
        guard previousRevision == revision, previous.count > 1, previous[1].hasPrefix("epoch ")
        else { return checkpointLines() }
        var lines = previous
        lines[1] = "epoch \(destinations.epoch)"
        return lines
    }

    /// True when two `checkpointLines()` differ at most in the rebalance clock (`epoch`),
    /// which moves at every textfile write even when nothing was counted. An idle daemon
    /// uses this to leave its checkpoint alone; losing a few idle ticks in a crash only
    /// delays a demotion.
    public static func sameExceptClock(_ first: [String], _ second: [String]) -> Bool {
        guard first.count == second.count else { return false }
        for (one, other) in zip(first, second) where one != other {
            guard one.hasPrefix("epoch "), other.hasPrefix("epoch ") else { return false }
        }
        return true
    }

    /// A store that continues from `checkpointLines` (as written by `checkpointLines()`).
    ///
    /// Throws, changing nothing, on anything but a complete and consistent checkpoint of a
    /// known version: the error names the line and the problem.
    public init(topDestinations: Int, checkpointLines: [String]) throws(MetricsRestoreError) {
        try self.init(
            topDestinations: topDestinations, policy: MetricsRebalancePolicy(),
            checkpointLines: checkpointLines)
    }

    /// Like `init(topDestinations:checkpointLines:)`, with its own rebalance rules.
    public init(
        topDestinations: Int, policy: MetricsRebalancePolicy, checkpointLines: [String]
    ) throws(MetricsRestoreError) {
        self.init(topDestinations: topDestinations, policy: policy)
        var reader = MetricsCheckpointReader(candidateMemory: Self.candidateMemory)
        try reader.read(checkpointLines)
        destinations.restore(from: reader.destinations, epoch: reader.epoch)
        rejectCells = reader.rejectCells
        authByMTA = reader.authByMTA
        for (blocklist, destination, count) in reader.blocklistHits {
            _ = blocklists.restore(blocklist: blocklist, destination: destination, count: count)
        }
        for source in reader.sources { _ = sources.restore(source) }
        for (provider, cell, count) in reader.providerCells {
            providers.restore(provider: provider, cell: cell, count: count)
        }
        for (blocklist, provider, count) in reader.providerHits {
            _ = providers.restoreHit(blocklist: blocklist, provider: provider, count: count)
        }
        if reader.hasHostRecords {
            var restored = MetricsHosts(limit: MetricsHosts.maximumLimit)
            for name in reader.hostNames { _ = restored.row(named: name) }
            for (host, cell, count) in reader.hostCells {
                restored.restoreDelivery(host: host, cell: cell, count: count)
            }
            for (host, mta, cause, count) in reader.hostRejects {
                restored.restoreReject(host: host, mta: mta, cause: cause, count: count)
            }
            for (host, mta, count) in reader.hostSASL {
                restored.restoreSASL(host: host, mta: mta, count: count)
            }
            for (blocklist, host, count) in reader.hostHits {
                restored.restoreHit(blocklist: blocklist, host: host, count: count)
            }
            hosts = restored
            restoreHostProviders(from: reader)
        }
        senders.restore(from: reader)
        tiers = reader.tiers
        for record in reader.delays {
            delays.restore(
                row: providers.row(named: record.provider), status: record.status,
                buckets: record.buckets, sumMillis: record.sum)
        }
    }
}

extension MetricsStore {
    /// The `delay` records: providers by name with `other` last, final statuses in order.
    fileprivate func appendDelayLines(to lines: inout [String]) {
        typealias Token = MetricsCheckpointToken
        for row in providers.rowsByName {
            let name = providers.names[row]
            let token = name == MetricsLabel.other ? Token.absent : Token.text(name)
            for status in DeliveryDelay.finalStatuses {
                guard let buckets = delays.buckets(row: row, status: status),
                    buckets.contains(where: { $0 > 0 })
                else { continue }
                let sum = delays.sumMillis(row: row, status: status)
                lines.append(
                    "delay \(token) \(status.identifier) \(sum) "
                        + buckets.map(String.init).joined(separator: " "))
            }
        }
    }
}

extension MetricsStore {
    /// The `h` records of the per-host counters, hosts by name with `other` last.
    fileprivate static func appendLines(of hosts: MetricsHosts, to lines: inout [String]) {
        typealias Token = MetricsCheckpointToken
        for row in hosts.rowsByName {
            let name = hosts.names[row]
            let token = name == MetricsLabel.other ? Token.absent : Token.text(name)
            // A host row is declared even before its first count, so it keeps its place.
            if name != MetricsLabel.other { lines.append("hhost \(token)") }
            MetricsCell.appendCheckpointLines(
                record: "hcell", name: token, hosts.deliveries(row), to: &lines)
            for mta in MTA.allCases {
                for cause in Cause.allCases {
                    let count = hosts.rejects(row, mta: mta, cause: cause)
                    if count > 0 {
                        lines.append(
                            "hreject \(token) \(mta.identifier) \(cause.identifier) \(count)")
                    }
                }
                let failures = hosts.sasl(row, mta: mta)
                if failures > 0 { lines.append("hsasl \(token) \(mta.identifier) \(failures)") }
            }
        }
        for blocklist in hosts.hits.hits.keys.sorted() {
            let byHost = hosts.hits.hits[blocklist]!
            for name in byHost.keys.sorted(by: otherLast) {
                let token = name == MetricsLabel.other ? Token.absent : Token.text(name)
                lines.append("hblocklist \(Token.text(blocklist)) \(token) \(byHost[name]!)")
            }
        }
    }
}
