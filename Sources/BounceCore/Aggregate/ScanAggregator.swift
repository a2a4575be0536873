/// Counts the events and lines of a scan into a `ScanReport`.
///
/// Memory is bounded whatever the input: per-cause and per-status tables are fixed arrays,
/// destination domains and client IPs go through `SpaceSavingTable`s of fixed capacity, block
/// lists, listed IPs, sample replies and unreadable inputs are capped. Counting a delivery to a
/// domain already in the table allocates nothing: the domain is lower-cased and hashed in place
/// and decoded to a `String` only in `report()`.
///
/// Accuracy: while at most `capacity` distinct domains (at least 4096, and at least 4 × the top
/// N) have been seen, every count is exact. Past that, with `W` deliveries in total, each listed
/// domain's counts are exact since it last entered the table and short of the truth by at most
/// `W / capacity` deliveries in all, and every domain with more than `W / capacity` deliveries is
/// listed if it ranks in the top N. The same holds for client IPs with a capacity of 256. The
/// `other` row is everything not listed, so rows always add up to the exact totals.
public struct ScanAggregator {
    /// The most destination domains a report lists; larger requests are clamped.
    public static let maximumTopDestinations = 500
    /// Destination domains counted exactly before Space-Saving starts replacing them: a mail
    /// log rarely has more, and replacing costs more than counting. A report of the top N keeps
    /// at least 4N, so a listed domain misses at most a quarter of the deliveries it would have
    /// if all were spread evenly over the N.
    static let minimumDomainCapacity = 4096
    /// Bytes kept of a domain; longer ones (not valid DNS names) are counted under their prefix.
    static let domainKeyLimit = 255
    /// Bytes kept of a client IP (an IPv6 address with a zone fits).
    static let clientKeyLimit = 64
    /// Client IPs tracked per table, and listed in a report.
    static let clientCapacity = 256
    static let topClients = 10
    /// Block lists tracked by name; the rest are counted under `other`.
    static let blocklistLimit = 64
    /// Listed IPs kept per block list.
    static let listedIPLimit = 16
    /// Destination domains kept per block list before folding into `other`.
    static let blocklistDestinationLimit = 64
    /// Bytes kept of a sample reply.
    static let sampleReplyLimit = 300
    static let unreadableLimit = 1000

    private static let mtaCount = MTA.allCases.count
    private static let statusCount = DeliveryStatus.allCases.count
    private static let causeCount = Cause.allCases.count
    /// Cause slots: one per cause plus one for "no cause" (`sent`).
    private static let causeSlots = causeCount + 1
    /// Delivery cells per domain: MTA × status × cause slot.
    private static let cellsPerDomain = mtaCount * statusCount * causeSlots

    private let topDestinations: Int

    private var firstEvent: LogTimestamp?
    private var lastEvent: LogTimestamp?

    /// Every delivery by cell, domain or not.
    private var deliveryCells: [Int]
    /// Destination domains; `domainCells` holds `cellsPerDomain` counters per table entry.
    private(set) var domains: SpaceSavingTable
    private var domainCells: EntryCells

    /// Classified events by cause and status, with the first reply per cause.
    private var causeStatus: [Int]
    private var sampleReplies: [String?]

    private var rejectCells: [Int]
    private(set) var rejectClients: SpaceSavingTable
    /// Inbound rejects per block list that named the client (the server's own DNSBL checks).
    private var rejectBlocklists: [String: Int] = [:]
    private var authByMTA: [Int]
    private var relayLoginFailures = 0
    private(set) var authClients: SpaceSavingTable

    private var blocklists: [String: BlocklistTally] = [:]
    private var blocklistOrder: [String] = []

    private var sources: [SourceLines] = []
    private var sourceIndex: [String: Int] = [:]
    /// The last source looked up: scans feed one file at a time, and comparing a string with
    /// itself is a pointer check.
    private var lastSource: String?
    private var lastSourceIndex = 0

    private var unreadable: [UnreadableInput] = []

    /// Deliveries per provider (a fixed table) and events per syslog host (top N).
    private var providers: ProviderTally
    private var hosts: HostTally
    /// Replies of failures no rule explained, by shape.
    private var unclassifiedShapes = ShapeTally()
    /// Replies whose cause the bare reply code decided, by shape.
    private var guessedShapes = ShapeTally()
    /// Classified events by deciding tier.
    private var tiers = TierCounts()
    /// Lines with a delivery marker that no parser could read, by shape.
    private var unrecognizedDeliveries = ShapeTally()
    /// Who sent each delivery (the message state), when `followsMessages`.
    private var messages = ScanMessages()
    /// Delays to the final outcome of deliveries, by status.
    private var delays = DeliveryDelayTally()
    /// Whether deliveries are counted by who sent them (`scan --senders`): the parser then
    /// hands over message notes (`noteMessage`), and the report has a `senders` part.
    public var followsMessages = false
    /// Shapes listed per group in a report.
    static let topShapes = 20

    /// - Parameter topDestinations: how many destination domains the report lists before
    ///   folding the rest into `other` (clamped to 1...`maximumTopDestinations`); as many
    ///   syslog hosts are listed.
    /// - Parameter providers: the providers deliveries are counted by.
    public init(topDestinations: Int, providers: ProviderTable = .standard) {
        let top = Swift.min(Swift.max(topDestinations, 1), Self.maximumTopDestinations)
        self.topDestinations = top
        let capacity = Swift.max(top * 4, Self.minimumDomainCapacity)
        domains = SpaceSavingTable(capacity: capacity, keyLimit: Self.domainKeyLimit)
        domainCells = EntryCells(entries: capacity, cellsPerEntry: Self.cellsPerDomain)
        deliveryCells = Array(repeating: 0, count: Self.cellsPerDomain)
        causeStatus = Array(repeating: 0, count: Self.causeCount * Self.statusCount)
        sampleReplies = Array(repeating: nil, count: Self.causeCount)
        rejectCells = Array(repeating: 0, count: Self.mtaCount * Self.causeCount)
        rejectClients = SpaceSavingTable(
            capacity: Self.clientCapacity, keyLimit: Self.clientKeyLimit)
        authByMTA = Array(repeating: 0, count: Self.mtaCount)
        authClients = SpaceSavingTable(capacity: Self.clientCapacity, keyLimit: Self.clientKeyLimit)
        self.providers = ProviderTally(table: providers, cellsPerRow: Self.cellsPerDomain)
        hosts = HostTally(top: top)
    }

    /// Counts one line of `source` by what the parser made of it (`bouncewatch_lines_total`).
    public mutating func countLine(_ outcome: ParseResult, source: String) {
        let index = indexOf(source)
        switch outcome {
        case .event: sources[index].events += 1
        case .ignored: sources[index].ignored += 1
        case .unrecognized: sources[index].unrecognized += 1
        }
    }

    /// Counts lines of `source` that the caller tallied itself, as that many `countLine` calls
    /// would: a source with no lines at all is not recorded.
    public mutating func countLines(events: Int, ignored: Int, unrecognized: Int, source: String) {
        guard events != 0 || ignored != 0 || unrecognized != 0 else { return }
        let index = indexOf(source)
        sources[index].events += events
        sources[index].ignored += ignored
        sources[index].unrecognized += unrecognized
    }

    /// Notes a line that no parser could place (already counted by `countLine` or
    /// `countLines`): when it carries a delivery marker (`DeliveryMarker`), a delivery went
    /// unread, and its shape is listed in the report.
    public mutating func noteUnrecognized(_ line: UnsafeBufferPointer<UInt8>) {
        guard DeliveryMarker.contains(line) else { return }
        unrecognizedDeliveries.add(DeliveryMarker.shapedPart(of: line))
    }

    /// Counts a line of `source` that was cut at the reader's length limit.
    public mutating func countTruncatedLine(source: String) {
        sources[indexOf(source)].truncated += 1
    }

    /// Records an input that could not be read at all.
    public mutating func countUnreadableInput(source: String, reason: String) {
        guard unreadable.count < Self.unreadableLimit else { return }
        unreadable.append(UnreadableInput(source: source, reason: reason))
    }

    /// Takes in a message note (`LineOutcome.message`) whose ranges point into `line`.
    @inline(__always)
    public mutating func noteMessage(_ event: RawEvent, in line: UnsafeBufferPointer<UInt8>) {
        messages.note(event, in: line)
    }

    /// Counts one event whose byte ranges point into `line`.
    ///
    /// `classification` is nil only for `sent`; a failure without one counts as `unclassified`.
    public mutating func add(
        _ event: RawEvent, _ classification: Classification?, in line: UnsafeBufferPointer<UInt8>
    ) {
        if let stamp = event.timestamp {
            if firstEvent == nil { firstEvent = stamp }
            lastEvent = stamp
        }
        let cause = event.countedCause(classification)
        hosts.add(event, host: event.host.slice(of: line))
        if let classification { tiers.add(classification) }
        if let cause {
            // Only the rare events no rule explained are shaped: the common path pays one
            // comparison.
            if cause == .unclassified {
                unclassifiedShapes.add(event.reply.slice(of: line))
            } else if let classification, classification.isReplyCodeGuess {
                guessedShapes.add(event.reply.slice(of: line))
            }
            causeStatus[Int(cause.rawValue) * Self.statusCount + Int(event.status.rawValue)] += 1
            if sampleReplies[Int(cause.rawValue)] == nil, !event.reply.isEmpty {
                sampleReplies[Int(cause.rawValue)] =
                    event.kind == .authFailure && !event.replyIsRemote
                    ? AuthFailureSample.text(line, reply: event.reply).map {
                        UTF8Prefix.string($0, atMost: Self.sampleReplyLimit)
                    } ?? Self.sample(event.reply.slice(of: line))
                    : Self.sample(event.reply.slice(of: line))
            }
        }
        switch event.kind {
        case .delivery:
            if followsMessages { messages.deliver(event, cause: cause, in: line, delays: &delays) }
            let cell = Self.cellIndex(event.mta, event.status, cause)
            deliveryCells[cell] += 1
            // Most Exim deliveries carry no delay: one comparison, no call.
            if event.delayMillis >= 0 { delays.add(event.status, millis: event.delayMillis) }
            providers.add(provider: providers.decide(event, in: line)?.index, cell: cell)
            if !event.domain.isEmpty {
                let (entry, isNew) = domains.increment(event.domain.slice(of: line))
                if isNew { domainCells.clear(entry) }
                domainCells.increment(entry, cell)
            }
        case .reject:
            rejectCells[
                Int(event.mta.rawValue) * Self.causeCount + Int((cause ?? .unclassified).rawValue)] +=
                1
            if !event.clientIP.isEmpty {
                _ = rejectClients.increment(event.clientIP.slice(of: line))
            }
            if let blocklist = classification?.blocklist {
                // One lookup for a list already counted (nearly every reject).
                if let known = rejectBlocklists.index(forKey: blocklist.name) {
                    rejectBlocklists.values[known] += 1
                } else {
                    let name =
                        rejectBlocklists.count < Self.blocklistLimit ? blocklist.name : "other"
                    rejectBlocklists[name, default: 0] += 1
                }
            }
        case .authFailure:
            // Our own login refused by a relay is no attack on us: counted apart.
            guard event.direction == .inbound else {
                relayLoginFailures += 1
                break
            }
            authByMTA[Int(event.mta.rawValue)] += 1
            if !event.clientIP.isEmpty { _ = authClients.increment(event.clientIP.slice(of: line)) }
        }
        // Only a failed delivery can say that a receiver lists this server. A reject names a
        // client that this server's own checks found on a list: counted with the rejects.
        if event.kind == .delivery, let blocklist = classification?.blocklist {
            addBlocklistHit(blocklist, event: event, classification: classification, line: line)
        }
    }

    /// The report so far.
    public func report() -> ScanReport {
        let top = topDestinationEntries()
        var report = ScanReport()
        report.firstEvent = firstEvent
        report.lastEvent = lastEvent
        report.deliveries = Self.statusCounts(of: deliveryCells)
        report.causes = causeSummaries()
        report.destinations = top.map { entry in
            Self.destination(named: domains.key(entry), cells: Array(domainCells.row(entry)))
        }
        var rest = deliveryCells
        for entry in top {
            for (index, count) in domainCells.row(entry).enumerated() { rest[index] -= count }
        }
        report.otherDestinations = Self.destination(named: "other", cells: rest)
        report.destinationsApproximate = domains.replacements > 0
        let providerRows = providers.rows()
        report.providers = providerRows.providers.map {
            Self.destination(named: $0.name, cells: $0.cells)
        }
        .sorted {
            $0.counts.total != $1.counts.total
                ? $0.counts.total > $1.counts.total : $0.name < $1.name
        }
        report.otherProviders = Self.destination(named: "other", cells: providerRows.other)
        let hostRows = hosts.summaries()
        report.hostsSeen = hosts.seen
        report.hosts = hostRows.top
        report.otherHosts = hostRows.other
        report.hostsApproximate = hostRows.approximate
        report.blocklists = blocklistSummaries(topNames: Set(report.destinations.map(\.name)))
        report.rejects = rejectSummary()
        report.authFailures = AuthFailureSummary(
            total: authByMTA.reduce(0, +),
            byMTA: MTA.allCases.map { MTACount($0, authByMTA[Int($0.rawValue)]) },
            topClients: Self.top(authClients, Self.topClients),
            relayLoginFailures: relayLoginFailures)
        report.lines = sources
        report.unreadableInputs = unreadable
        report.unclassifiedShapes = Self.shapeReport(unclassifiedShapes)
        report.guessedShapes = Self.shapeReport(guessedShapes)
        report.classificationTiers = tiers
        report.unrecognizedDeliveryShapes = Self.shapeReport(unrecognizedDeliveries)
        var delays = delays
        report.senders = followsMessages ? messages.report(delays: &delays) : nil
        report.deliveryDelays = delays.summaries()
        return report
    }

    // MARK: - Merging

    /// Adds everything `other` counted, as if its lines came after this aggregator's: how a
    /// parallel scan joins the aggregates of its pieces, merged in log order. `other` must
    /// have been made with the same top N and provider table.
    ///
    /// The result is the report one pass gives, field for field: counts add up, a sample reply
    /// or shape example stays the first in log order, block lists keep their first-seen order
    /// and limits. Two things are exact only within their bounds, as in one pass: the
    /// Space-Saving tables (destinations, hosts, clients, shapes) are exact while both parts
    /// together hold no more keys than the table's capacity, and says `approximate` otherwise;
    /// a name another part already folded into `other` past a limit (block lists, their
    /// destinations) stays there. A new section adds its own line here.
    public mutating func merge(_ other: ScanAggregator) {
        precondition(topDestinations == other.topDestinations)
        if followsMessages { messages.merge(other.messages, delays: &delays) }
        if firstEvent == nil { firstEvent = other.firstEvent }
        if let last = other.lastEvent { lastEvent = last }
        for index in deliveryCells.indices { deliveryCells[index] += other.deliveryCells[index] }
        for (otherEntry, place) in domains.merge(other.domains).enumerated() {
            domainCells.add(
                other.domainCells, entry: otherEntry, to: place.entry, isNew: place.isNew)
        }
        for index in causeStatus.indices { causeStatus[index] += other.causeStatus[index] }
        for index in sampleReplies.indices where sampleReplies[index] == nil {
            sampleReplies[index] = other.sampleReplies[index]
        }
        for index in rejectCells.indices { rejectCells[index] += other.rejectCells[index] }
        _ = rejectClients.merge(other.rejectClients)
        for (name, count) in other.rejectBlocklists.sorted(by: { $0.key < $1.key }) {
            let kept =
                rejectBlocklists[name] != nil || rejectBlocklists.count < Self.blocklistLimit
                ? name : "other"
            rejectBlocklists[kept, default: 0] += count
        }
        for index in authByMTA.indices { authByMTA[index] += other.authByMTA[index] }
        relayLoginFailures += other.relayLoginFailures
        _ = authClients.merge(other.authClients)
        for name in other.blocklistOrder {
            guard let tally = other.blocklists[name] else { continue }
            let kept =
                blocklists[name] != nil || blocklists.count < Self.blocklistLimit ? name : "other"
            if blocklists[kept] == nil {
                blocklistOrder.append(kept)
                blocklists[kept] = BlocklistTally(
                    delistURL: kept == "other" ? nil : tally.delistURL)
            }
            blocklists[kept]?.merge(
                tally, ipLimit: Self.listedIPLimit, domainLimit: Self.blocklistDestinationLimit)
        }
        for lines in other.sources {
            let index = indexOf(lines.source)
            sources[index].events += lines.events
            sources[index].ignored += lines.ignored
            sources[index].unrecognized += lines.unrecognized
            sources[index].truncated += lines.truncated
        }
        for input in other.unreadable where unreadable.count < Self.unreadableLimit {
            unreadable.append(input)
        }
        providers.merge(other.providers)
        hosts.merge(other.hosts)
        unclassifiedShapes.merge(other.unclassifiedShapes)
        guessedShapes.merge(other.guessedShapes)
        tiers.merge(other.tiers)
        unrecognizedDeliveries.merge(other.unrecognizedDeliveries)
        delays.merge(other.delays)
    }

    /// Forgets everything counted, keeping the memory of the tables: afterwards the aggregate
    /// counts and reports as a new one with the same top N and providers would. `scan` hands
    /// a piece's aggregate, once merged, back to a worker for its next piece, which then
    /// touches pages already in use instead of fresh ones, and keeps the provider memory warm.
    /// A new section resets itself here too (`AggregatorResetTests` fails otherwise).
    public mutating func reset() {
        firstEvent = nil
        lastEvent = nil
        deliveryCells.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        domains.reset()
        domainCells.reset()
        causeStatus.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        sampleReplies.withUnsafeMutableBufferPointer { $0.update(repeating: nil) }
        rejectCells.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        rejectClients.reset()
        rejectBlocklists.removeAll(keepingCapacity: true)
        authByMTA.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        relayLoginFailures = 0
        authClients.reset()
        blocklists.removeAll(keepingCapacity: true)
        blocklistOrder.removeAll(keepingCapacity: true)
        sources.removeAll(keepingCapacity: true)
        sourceIndex.removeAll(keepingCapacity: true)
        lastSource = nil
        lastSourceIndex = 0
        unreadable.removeAll(keepingCapacity: true)
        providers.reset()
        hosts.reset()
        unclassifiedShapes.reset()
        guessedShapes.reset()
        tiers = TierCounts()
        unrecognizedDeliveries.reset()
        messages.reset()
        delays.reset()
    }

    // MARK: - Hot-path helpers

    private mutating func indexOf(_ source: String) -> Int {
        if let lastSource, lastSource == source { return lastSourceIndex }
        let index: Int
        if let known = sourceIndex[source] {
            index = known
        } else {
            index = sources.count
            sources.append(SourceLines(source: source))
            sourceIndex[source] = index
        }
        lastSource = source
        lastSourceIndex = index
        return index
    }

    private static func cellIndex(_ mta: MTA, _ status: DeliveryStatus, _ cause: Cause?) -> Int {
        let causeSlot = cause.map { Int($0.rawValue) } ?? causeCount
        return (Int(mta.rawValue) * statusCount + Int(status.rawValue)) * causeSlots + causeSlot
    }

    private static func sample(_ reply: UnsafeBufferPointer<UInt8>) -> String {
        // Cut before decoding (a reply may be megabytes long), and again after: repairing
        // invalid bytes can make the text longer.
        UTF8Prefix.string(
            UTF8Prefix.string(reply, atMost: sampleReplyLimit), atMost: sampleReplyLimit)
    }

    private mutating func addBlocklistHit(
        _ blocklist: Blocklist, event: RawEvent, classification: Classification?,
        line: UnsafeBufferPointer<UInt8>
    ) {
        // One lookup for a list already counted (nearly every hit), and its tally changed in
        // place.
        let index: Dictionary<String, BlocklistTally>.Index
        if let known = blocklists.index(forKey: blocklist.name) {
            index = known
        } else {
            var name = blocklist.name
            if blocklists.count >= Self.blocklistLimit { name = "other" }
            if blocklists[name] == nil {
                blocklistOrder.append(name)
                blocklists[name] = BlocklistTally(
                    delistURL: name == "other" ? nil : blocklist.delistURL)
            }
            index = blocklists.index(forKey: name)!
        }
        let listedIP = classification?.listedIP ?? .none
        // The listed IP is decoded only while the tally keeps new ones.
        let ip =
            listedIP.isEmpty || !blocklists.values[index].keepsIPs(limit: Self.listedIPLimit)
            ? nil : UTF8Prefix.string(listedIP.slice(of: line), atMost: 64)
        let domain =
            event.domain.isEmpty
            ? "other"
            : Self.lowercasedDomain(
                UTF8Prefix.string(event.domain.slice(of: line), atMost: Self.domainKeyLimit))
        blocklists.values[index].record(
            ip: ip, domain: domain, ipLimit: Self.listedIPLimit,
            domainLimit: Self.blocklistDestinationLimit)
    }

    /// `domain` lower-cased (ASCII, as DNS compares names), without a copy when it is already.
    private static func lowercasedDomain(_ domain: String) -> String {
        domain.utf8.contains { $0 &- UInt8(ascii: "A") < 26 } ? domain.lowercasedASCII() : domain
    }

    // MARK: - Report building

    private func topDestinationEntries() -> [Int] {
        let entries = (0..<domains.used).filter { domains.guaranteed($0) > 0 }
        let keys = entries.map { domains.key($0) }
        let ranked = zip(entries, keys).sorted { first, second in
            let a = domains.guaranteed(first.0)
            let b = domains.guaranteed(second.0)
            return a != b ? a > b : first.1 < second.1
        }
        return ranked.prefix(topDestinations).map(\.0)
    }

    private static func statusCounts(of cells: [Int]) -> StatusCounts {
        var counts = StatusCounts()
        for mta in MTA.allCases {
            for status in DeliveryStatus.allCases {
                for slot in 0..<causeSlots {
                    counts[status] +=
                        cells[
                            (Int(mta.rawValue) * statusCount + Int(status.rawValue)) * causeSlots
                                + slot]
                }
            }
        }
        return counts
    }

    static func destination(named name: String, cells: [Int]) -> DestinationSummary {
        var summary = DestinationSummary(name: name, counts: statusCounts(of: cells))
        var byCause = [Int](repeating: 0, count: causeCount)
        for mta in MTA.allCases {
            for status in DeliveryStatus.allCases {
                if status == .sent {
                    let count = cells[cellIndex(mta, status, nil)]
                    if count > 0 {
                        summary.cells.append(
                            DeliveryCell(mta: mta, status: status, cause: nil, count: count))
                    }
                }
                for cause in Cause.allCases {
                    let count = cells[cellIndex(mta, status, cause)]
                    guard count > 0 else { continue }
                    summary.cells.append(
                        DeliveryCell(mta: mta, status: status, cause: cause, count: count))
                    if status != .sent { byCause[Int(cause.rawValue)] += count }
                }
            }
        }
        summary.mainCauses = Array(
            Cause.allCases.filter { byCause[Int($0.rawValue)] > 0 }
                .map { CauseCount($0, byCause[Int($0.rawValue)]) }
                .sorted { $0.count > $1.count }
                .prefix(3))
        return summary
    }

    private func causeSummaries() -> [CauseSummary] {
        CauseSummary.summaries(causeStatus: causeStatus, samples: sampleReplies)
    }

    private func blocklistSummaries(topNames: Set<String>) -> [BlocklistSummary] {
        blocklistOrder.map { name in
            let tally = blocklists[name] ?? BlocklistTally(delistURL: nil)
            var byDestination: [String: Int] = [:]
            for (domain, count) in tally.domains {
                byDestination[topNames.contains(domain) ? domain : "other", default: 0] += count
            }
            return BlocklistSummary(
                name: name, delistURL: tally.delistURL, hits: tally.hits,
                listedIPs: tally.listedIPs.sorted(),
                destinations: byDestination.map { NamedCount($0.key, $0.value) }
                    .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name })
        }
        .sorted { $0.hits != $1.hits ? $0.hits > $1.hits : $0.name < $1.name }
    }

    private func rejectSummary() -> RejectSummary {
        var cells: [RejectCell] = []
        for mta in MTA.allCases {
            for cause in Cause.allCases {
                let count = rejectCells[Int(mta.rawValue) * Self.causeCount + Int(cause.rawValue)]
                if count > 0 { cells.append(RejectCell(mta: mta, cause: cause, count: count)) }
            }
        }
        return RejectSummary(
            total: rejectCells.reduce(0, +), cells: cells,
            topClients: Self.top(rejectClients, Self.topClients),
            byBlocklist: rejectBlocklists.map { NamedCount($0.key, $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name })
    }

    private static func shapeReport(_ tally: ShapeTally) -> ShapeReport {
        ShapeReport(
            total: tally.total, shapes: tally.top(topShapes), approximate: tally.isApproximate)
    }

    private static func top(_ table: SpaceSavingTable, _ limit: Int) -> [NamedCount] {
        Array(
            (0..<table.used).map { NamedCount(table.key($0), table.guaranteed($0)) }
                .filter { $0.count > 0 }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
                .prefix(limit))
    }
}

extension String {
    /// ASCII lower-casing, as DNS compares names; other characters are kept.
    fileprivate func lowercasedASCII() -> String {
        String(decoding: utf8.map(ByteScan.lower), as: UTF8.self)
    }
}
