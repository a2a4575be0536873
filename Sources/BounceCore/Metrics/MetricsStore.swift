/// The daemon's counters: everything `bouncewatch_*_total` reports, kept for as long as the
/// daemon runs (and across restarts through `checkpointLines()`), in bounded memory.
///
/// Pure: no I/O, no clock. The daemon feeds it lines and events, calls `rebalance()` before each
/// textfile write, renders `snapshot()` and persists `checkpointLines()` with its source
/// positions.
///
/// ## What is counted
/// Deliveries by MTA, status, cause (none for `sent`) and destination; rejects by MTA and
/// cause; SASL failures by MTA; block list hits by list and destination; lines by source and
/// result; truncated lines by source; the time of the event read last per source; classified
/// events by the tier that decided; delays from arrival to final outcomes (sent, bounced,
/// expired) by provider and status, in fixed buckets.
///
/// ## Guarantees
/// - **Exact sums.** Every delivery is counted exactly once, under its destination's label or
///   under `destination="other"`, so the sum of `bouncewatch_deliveries_total` over any label
///   set (by status, by cause, ...) is the true total at every moment.
/// - **Monotonic series.** A series only grows while it exists. A series disappears only when
///   its destination is demoted, and then its count is added to the `other` series with the
///   same MTA, status and cause, which keeps the sums exact and every series monotonic.
/// - **Stable series.** A series appears when its first count is made and stays until its
///   destination is demoted; demotions need a destination to be idle for long or to be
///   clearly outweighed (below), so series do not flap between writes.
/// - **Bounded memory.** At most `topDestinations` (≤ 500) destinations have series; candidates
///   are tracked in a fixed-size Space-Saving table of 4096 domains per strength window plus
///   the strongest 2000 of the previous window; block list names (64), sources (256)
///   and every label value (255 bytes) are capped. A million distinct domains cost no more
///   than a hundred.
///
/// ## Which destinations have series
/// A destination's *strength* is its number of deliveries in the current and previous strength
/// windows (`MetricsRebalancePolicy.windowRebalances` rebalances each), estimated with
/// Space-Saving for candidates and counted exactly for labelled destinations. At each
/// `rebalance()`:
/// 1. if there are more labelled destinations than `topDestinations` (after a reload lowered
///    it), the weakest are demoted;
/// 2. candidates are taken strongest first (ties by name): while there is room, each is
///    promoted; when full, a candidate replaces an *idle* labelled destination (no delivery for
///    `idleRebalances`) that is weaker than it, the one idle longest first, or else an active
///    one that has had its series for `minimumTenure` rebalances and that the candidate
///    outweighs `displacementFactor` times over (with at least `displacementMinimum`
///    deliveries).
///
/// A promoted destination's series count from the moment of promotion: its earlier deliveries
/// stay in `other`. A demoted destination's series vanish and their counts join `other`.
///
/// Label values are canonical (`MetricsLabel`): decoded with invalid UTF-8 repaired,
/// ASCII lower-cased for domains, control characters replaced, at most 255 bytes. A domain
/// that is literally `other` is never promoted, so it cannot clash with the `other` series.
public struct MetricsStore {
    /// The most destinations with series of their own; larger settings are clamped.
    public static let maximumTopDestinations = ScanAggregator.maximumTopDestinations

    /// The most hosts with series of their own (`metrics.top_hosts`).
    public static let maximumTopHosts = MetricsHosts.maximumLimit

    /// How many destinations may have series of their own.
    public private(set) var topDestinations: Int
    /// The promotion and demotion rules.
    public let policy: MetricsRebalancePolicy

    var destinations: MetricsDestinations
    var rejectCells: [Int]
    var authByMTA: [Int]
    var blocklists = MetricsBlocklists()
    var sources = MetricsSources()
    var providers = MetricsProviders()
    /// Counters per syslog host, while `metrics.per_host` is on.
    var hosts: MetricsHosts?
    /// Deliveries by sender domain and SASL user, while `metrics.senders` or
    /// `metrics.sasl_users` is on.
    var senders = MetricsSenders()
    /// Classified events by the tier that decided (`bouncewatch_classifications_total`).
    var tiers = TierCounts()
    /// Delays at final outcomes by provider and status (`bouncewatch_delivery_delay_seconds`).
    var delays = MetricsDelays()
    /// Moves whenever anything but the rebalance clock changes (a count, a promotion, a
    /// demotion, a window rotation, a new `topDestinations`), so a reader can tell in one
    /// comparison that its rendering or checkpoint of the store is still exact.
    public internal(set) var revision = 0
    /// Up to this epoch, a rebalance only moves the clock (valid while `revision` is
    /// `quietRevision`): an idle daemon skips the rest, which is most of an idle write's cost.
    private var quietThrough = 0
    private var quietRevision = -1

    private static let causeCount = Cause.allCases.count

    /// A store with nothing counted yet.
    public init(topDestinations: Int) {
        self.init(topDestinations: topDestinations, policy: MetricsRebalancePolicy())
    }

    /// A store with nothing counted yet and its own rebalance rules.
    public init(topDestinations: Int, policy: MetricsRebalancePolicy) {
        self.topDestinations = Self.clamp(topDestinations)
        self.policy = policy
        destinations = MetricsDestinations(candidateMemory: Self.candidateMemory)
        rejectCells = Array(repeating: 0, count: MTA.allCases.count * Self.causeCount)
        authByMTA = Array(repeating: 0, count: MTA.allCases.count)
    }

    /// Candidates remembered from the previous window (and written to checkpoints): enough for
    /// the largest top N several times over.
    static let candidateMemory = 4 * maximumTopDestinations

    /// Changes how many destinations may have series; a lower number takes effect at the next
    /// `rebalance()`, which demotes the weakest.
    public mutating func setTopDestinations(_ n: Int) {
        revision &+= 1
        topDestinations = Self.clamp(n)
    }

    /// Names the providers that `add(_:_:in:source:time:provider:)` is given indices of: the
    /// table's, in its order. Call it again after a reload changed the table.
    public mutating func useProviders(_ table: ProviderTable) {
        revision &+= 1
        providers.use(names: table.providers.map(\.name))
    }

    /// Turns the per-host counters on (with room for the `top` busiest hosts, chosen at each
    /// `rebalance()` like destinations) or off (their counts are dropped, and their series
    /// disappear from the textfile).
    public mutating func setPerHost(_ on: Bool, top: Int) {
        revision &+= 1
        guard on else {
            hosts = nil
            return
        }
        if hosts == nil {
            hosts = MetricsHosts(limit: top)
            addProviderTotalsToOtherHost()
        }
        hosts!.setLimit(top)
    }

    /// Whether per-host counters are kept.
    public var countsPerHost: Bool { hosts != nil }

    // MARK: - Counting

    /// Counts one line of `source` by what the parser made of it (`bouncewatch_lines_total`).
    public mutating func countLine(_ outcome: ParseResult, source: String) {
        switch outcome {
        case .event: countLine(outcome: .event, source: source)
        case .ignored: countLine(outcome: .ignored, source: source)
        case .unrecognized: countLine(outcome: .unrecognized, source: source)
        }
    }

    /// As `countLine(_:source:)` for a line parsed in place (`LineParser.parse(_:into:)`),
    /// without the event it may carry.
    public mutating func countLine(outcome: LineOutcome, source: String) {
        revision &+= 1
        let index = sources.index(of: source)
        switch outcome {
        case .event: sources[index].events += 1
        case .ignored, .message: sources[index].ignored += 1
        case .unrecognized: sources[index].unrecognized += 1
        }
    }

    /// Counts lines of `source` at once, as many calls of `countLine(outcome:source:)` would.
    public mutating func countLines(events: Int, ignored: Int, unrecognized: Int, source: String) {
        guard events > 0 || ignored > 0 || unrecognized > 0 else { return }
        revision &+= 1
        let index = sources.index(of: source)
        sources[index].events += events
        sources[index].ignored += ignored
        sources[index].unrecognized += unrecognized
    }

    /// Counts a line of `source` that was cut at the reader's length limit.
    public mutating func countTruncatedLine(source: String) {
        revision &+= 1
        sources[sources.index(of: source)].truncated += 1
    }

    /// Counts one event whose byte ranges point into `line`.
    ///
    /// `classification` is nil only for sent deliveries; a failure without one counts as
    /// `unclassified`. `time` is the event's own time in epoch seconds, for
    /// `bouncewatch_last_event_timestamp_seconds`. `provider` is the delivery's provider as an
    /// index into the table given to `useProviders` (nil for none: counted as `other`).
    /// `delayMillis`, when given, is the delay a delivery counts with in place of its line's
    /// own (`RawEvent.delayMillis`; -1 for none): the daemon's, from the message's arrival.
    public mutating func add(
        _ event: RawEvent, _ classification: Classification?, in line: UnsafeBufferPointer<UInt8>,
        source: String, time: Int64?, provider: Int? = nil, delayMillis: Int32? = nil
    ) {
        revision &+= 1
        if let time { sources.noteEvent(at: sources.index(of: source), time: time) }
        let cause = event.countedCause(classification)
        if let classification { tiers.add(classification) }
        var slot: Int?
        var providerRow = 0
        let hostRow = hosts?.row(of: event.host.slice(of: line)) ?? 0
        switch event.kind {
        case .delivery:
            let cell = MetricsCell(event.mta, event.status, cause)
            slot = destinations.count(cell, domain: event.domain.slice(of: line))
            providerRow = providers.count(cell, provider: provider)
            delays.add(
                row: providerRow, status: event.status, millis: delayMillis ?? event.delayMillis)
            hosts?.countDelivery(cell, row: hostRow)
            hosts?.countProvider(cell, provider: providerRow, row: hostRow)
        case .reject:
            rejectCells[
                Int(event.mta.rawValue) * Self.causeCount + Int((cause ?? .unclassified).rawValue)
            ] += 1
            hosts?.countReject(mta: event.mta, cause: cause ?? .unclassified, row: hostRow)
        case .authFailure:
            // Attempts against this server only: our own login refused by a relay is no attack,
            // and it repeats on every queue run (its deliveries count with cause auth_failure).
            if event.direction == .inbound {
                authByMTA[Int(event.mta.rawValue)] += 1
                hosts?.countSASL(mta: event.mta, row: hostRow)
            }
        }
        // A reject's list names the client, not this server: it counts with the rejects only.
        if event.kind == .delivery, let blocklist = classification?.blocklist {
            let destination = slot.map { destinations.labels[$0]!.name } ?? MetricsLabel.other
            blocklists.count(blocklist: blocklist.name, destination: destination)
            let listName = providers.countHit(blocklist: blocklist.name, row: providerRow)
            hosts?.countHit(blocklist: blocklist.name, row: hostRow)
            hosts?.countProviderHit(blocklist: listName, provider: providerRow, row: hostRow)
        }
    }

    /// Promotes and demotes destinations by the rules above; call it before each textfile
    /// write. Each call is one tick of the store's clock.
    ///
    /// When the last rebalance changed nothing, nothing was counted since, and no window
    /// rotation or idle or tenure threshold falls on this tick, the rules would decide exactly
    /// as they did then: the tick alone is taken.
    public mutating func rebalance() {
        rebalance(skippingQuietTicks: true)
    }

    /// `rebalance()`; tests compare it with the full rules applied at every tick.
    mutating func rebalance(skippingQuietTicks: Bool) {
        if skippingQuietTicks, revision == quietRevision, destinations.epoch < quietThrough {
            destinations.tick()
            hosts?.tick(to: destinations.epoch)
            senders.tick()
            return
        }
        let changes = destinations.changes
        let hostChanges = hosts?.changes
        let senderChanges = senders.changes
        for name in destinations.rebalance(top: topDestinations, policy: policy) {
            blocklists.fold(destination: name)
        }
        hosts?.rebalance(epoch: destinations.epoch, policy: policy)
        senders.rebalance(policy: policy)
        if destinations.changes == changes, hosts?.changes == hostChanges,
            senders.changes == senderChanges
        {
            quietRevision = revision
            quietThrough = Swift.min(
                destinations.lastQuietEpoch(policy: policy),
                hosts?.lastQuietEpoch(policy: policy) ?? .max,
                senders.lastQuietEpoch(policy: policy))
        } else {
            revision &+= 1
        }
    }

    // MARK: - Reading

    /// Lines read from every source.
    public var totalLines: Int { sources.entries.reduce(0) { $0.saturatingSum($1.lines) } }

    /// Lines per source, for status lines; in the order sources were first seen.
    public var sourceCounters: [MetricsSourceCounters] { sources.entries }

    /// Destinations that have series of their own now.
    public var labelledDestinations: Int { destinations.labelCount }

    /// Rebalances so far.
    public var rebalances: Int { destinations.epoch }

    /// The counters now, decoded and ordered for rendering.
    public func snapshot() -> MetricsSnapshot {
        var snapshot = MetricsSnapshot()
        snapshot.destinations = Self.series(destinations)
        snapshot.senderDomains = senders.domains.map(Self.series) ?? []
        snapshot.saslUsers = senders.users.map(Self.series) ?? []
        for mta in MTA.allCases {
            for cause in Cause.allCases {
                let count = rejectCells[Int(mta.rawValue) * Self.causeCount + Int(cause.rawValue)]
                if count > 0 {
                    snapshot.rejects.append(RejectCell(mta: mta, cause: cause, count: count))
                }
            }
        }
        snapshot.authFailures = MTA.allCases.map { MTACount($0, authByMTA[Int($0.rawValue)]) }
        for blocklist in blocklists.hits.keys.sorted() {
            let byDestination = blocklists.hits[blocklist]!
            for destination in byDestination.keys.sorted(by: Self.otherLast) {
                snapshot.blocklistHits.append(
                    MetricsSnapshot.BlocklistHits(
                        blocklist: blocklist, destination: destination,
                        count: byDestination[destination]!))
            }
        }
        snapshot.sources = sources.entries.sorted { $0.name < $1.name }
        if let hosts {
            snapshot.providers = providerSeries(by: hosts)
            snapshot.providerBlocklistHits = providerHitSeries(by: hosts)
        } else {
            snapshot.providers = providers.rowsByName.compactMap { row in
                let cells = Self.cells(providers.row(row))
                return cells.isEmpty
                    ? nil : MetricsSnapshot.Destination(name: providers.names[row], cells: cells)
            }
            snapshot.providerBlocklistHits = Self.hits(providers.hits)
        }
        if let hosts {
            snapshot.hosts = hosts.rowsByName.map { row in
                MetricsSnapshot.Host(
                    name: hosts.names[row], deliveries: Self.cells(hosts.deliveries(row)),
                    rejects: MTA.allCases.flatMap { mta in
                        Cause.allCases.compactMap { cause in
                            let count = hosts.rejects(row, mta: mta, cause: cause)
                            return count > 0
                                ? RejectCell(mta: mta, cause: cause, count: count) : nil
                        }
                    },
                    authFailures: MTA.allCases.map { MTACount($0, hosts.sasl(row, mta: $0)) })
            }
            snapshot.hostBlocklistHits = Self.hits(hosts.hits)
        }
        snapshot.classificationTiers = tiers
        snapshot.deliveryDelays = delaySeries()
        return snapshot
    }

    /// The delay histograms with at least one delay, providers by name with `other` last.
    private func delaySeries() -> [MetricsSnapshot.DelaySeries] {
        providers.rowsByName.flatMap { row in
            DeliveryDelay.finalStatuses.compactMap { status in
                guard let buckets = delays.buckets(row: row, status: status),
                    buckets.contains(where: { $0 > 0 })
                else { return nil }
                return MetricsSnapshot.DelaySeries(
                    provider: providers.names[row], status: status, buckets: Array(buckets),
                    sumMillis: delays.sumMillis(row: row, status: status))
            }
        }
    }

    /// The labelled names of `table` by name, then `other`.
    private static func series(_ table: MetricsDestinations) -> [MetricsSnapshot.Destination] {
        table.slotsByName.map { slot in
            MetricsSnapshot.Destination(
                name: table.labels[slot]!.name, cells: Self.cells(table.row(slot)))
        } + [
            MetricsSnapshot.Destination(
                name: MetricsLabel.other, cells: Self.cells(table.other[...]))
        ]
    }

    private static func hits(_ table: MetricsBlocklists) -> [MetricsSnapshot.BlocklistHits] {
        var result: [MetricsSnapshot.BlocklistHits] = []
        for blocklist in table.hits.keys.sorted() {
            let byName = table.hits[blocklist]!
            for name in byName.keys.sorted(by: Self.otherLast) {
                result.append(
                    MetricsSnapshot.BlocklistHits(
                        blocklist: blocklist, destination: name, count: byName[name]!))
            }
        }
        return result
    }

    static func cells(_ row: ArraySlice<Int>) -> [DeliveryCell] {
        MetricsCell.all.compactMap { cell in
            let count = row[row.startIndex + cell.index]
            guard count > 0 else { return nil }
            return DeliveryCell(mta: cell.mta, status: cell.status, cause: cell.cause, count: count)
        }
    }

    /// Names in order, with `other` after every real name.
    static func otherLast(_ first: String, _ second: String) -> Bool {
        if first == MetricsLabel.other { return false }
        if second == MetricsLabel.other { return true }
        return first < second
    }

    private static func clamp(_ top: Int) -> Int {
        Swift.min(Swift.max(top, 0), maximumTopDestinations)
    }
}
