/// Counters per syslog host (`metrics.per_host`): the MTA that wrote each line, for a central
/// log host that follows many MTAs' logs. One row per host: deliveries by MTA, status and
/// cause, rejects by MTA and cause, SASL failures by MTA; block list hits by list and host.
///
/// Bounded: at most `limit` hosts have rows of their own, the busiest ones, chosen by the rules
/// destinations follow (`MetricsStore`, `MetricsRebalancePolicy`). A host's *strength* is its
/// events in the current and the previous strength window; hosts without a row are counted in a
/// fixed-size Space-Saving table. While there is room, a host gets its row at its first line
/// (a fleet within `limit` is counted exactly from the start). At the first `rebalance` the
/// rows go to the strongest hosts; later, when every row is taken, a candidate takes the row
/// of an idle host weaker than it, or of an active one that has had its row for
/// `minimumTenure` rebalances and that it outweighs `displacementFactor` times over. Every
/// other host counts as `other`.
///
/// Counts never move between series that were written: a host counts in its own row from its
/// promotion on, and a demoted host's row is added to `other`'s, so every series only grows
/// while it exists and the sums over `host` are exact. Before the first rebalance (the first
/// textfile write) nothing was written yet, so the hosts promoted then take their earlier
/// events with them: a fleet within `limit` has every count in its own row.
struct MetricsHosts {
    /// The largest `limit`; larger settings are clamped.
    static let maximumLimit = 1000
    private static let causeCount = Cause.allCases.count
    private static let rejectBase = MetricsCell.count
    private static let saslBase = rejectBase + MTA.allCases.count * causeCount
    /// Counters per row.
    static let rowWidth = saslBase + MTA.allCases.count
    /// Hosts tracked per strength window, with a row or not.
    static let windowCapacity = 4096

    /// Hosts with rows of their own at most.
    private(set) var limit: Int
    /// Row names; row 0 is `other`, a free row's name is empty.
    private(set) var names: [String] = [MetricsLabel.other]
    /// What the rebalance rules know of each row's host; nil for `other` and free rows.
    private var labels: [MetricsDestinationLabel?] = [nil]
    private var rowByName: [String: Int] = [:]
    private var freeRows: [Int] = []
    private(set) var cells = Array(repeating: 0, count: rowWidth)
    private(set) var hits = MetricsBlocklists()
    /// Deliveries and block list hits by provider, per row (the provider families' `host`).
    private(set) var providers = MetricsHostProviders()

    /// Hosts of the current strength window, and the row each entry counts in (-1: `other`).
    private var window = SpaceSavingTable(
        capacity: windowCapacity, keyLimit: MetricsLabel.byteLimit)
    private var rowOfEntry = [Int32](repeating: -1, count: windowCapacity)
    /// Strengths of the previous window's strongest hosts without a row, by name.
    private var previousStrength: [String: Int] = [:]
    /// Until the first rebalance: the events each window entry counted in `other`.
    private var firstWrite: MetricsFirstWriteCounts? = MetricsFirstWriteCounts(
        entries: windowCapacity)
    /// Until the first rebalance: the block list hits each window entry counted in `other`.
    private var firstWriteHits: [Int: [String: Int]] = [:]
    /// Restored rows whose times are set at the next rebalance, when the store's clock is known.
    private var restoredRows = false

    /// The store's rebalance count, as of the last `rebalance` or `tick`.
    private(set) var epoch = 0
    /// Moves at every change a rebalance makes.
    private(set) var changes = 0

    /// The host of the last event and its window entry: a log's lines come in runs from one
    /// host, and comparing a few bytes costs less than hashing them.
    private var lastHost: [UInt8] = []
    private var lastEntry = -1
    /// The window entry of the event being counted, for `firstWrite`; -1 for none.
    private var currentEntry = -1

    init(limit: Int) {
        self.limit = Self.clamp(limit)
    }

    /// A new limit: a lower one demotes the weakest hosts at the next rebalance.
    mutating func setLimit(_ limit: Int) {
        self.limit = Self.clamp(limit)
    }

    /// Hosts that have rows of their own.
    var labelCount: Int { names.count - 1 - freeRows.count }

    // MARK: - Hot path

    /// The row of the host whose name is `bytes` (from the line), counting the event toward
    /// the host's strength: 0 (`other`) for no name or a host without a row.
    @inline(__always)
    mutating func row(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard !bytes.isEmpty else {
            currentEntry = -1
            return 0
        }
        let entry: Int
        if lastEntry >= 0, bytes.count == lastHost.count, bytes.elementsEqual(lastHost) {
            window.increment(entry: lastEntry)
            entry = lastEntry
        } else {
            let (found, isNew) = window.increment(bytes)
            if isNew {
                firstWrite?.forget(entry: found)
                if firstWrite != nil { firstWriteHits[found] = nil }
                providers.forget(entry: found)
                rowOfEntry[found] = Int32(rowForNewEntry(found))
            }
            entry = found
            lastHost.removeAll(keepingCapacity: true)
            // A longer name was cut in the window: the cache must not match another's prefix.
            if bytes.count <= MetricsLabel.byteLimit {
                lastHost.append(contentsOf: bytes)
                lastEntry = entry
            } else {
                lastEntry = -1
            }
        }
        currentEntry = entry
        let row = Int(rowOfEntry[entry])
        guard row > 0 else { return 0 }
        labels[row]!.current += 1
        labels[row]!.lastEvent = epoch
        return row
    }

    mutating func countDelivery(_ cell: MetricsCell, row: Int) {
        count(at: cell.index, row: row)
    }

    mutating func countReject(mta: MTA, cause: Cause, row: Int) {
        count(at: Self.rejectBase + Self.rejectIndex(mta, cause), row: row)
    }

    mutating func countSASL(mta: MTA, row: Int) {
        count(at: Self.saslBase + Int(mta.rawValue), row: row)
    }

    mutating func countHit(blocklist: String, row: Int) {
        hits.count(blocklist: blocklist, destination: names[row])
        if row == 0, currentEntry >= 0, firstWrite != nil,
            firstWriteHits[currentEntry] != nil || firstWriteHits.count < Self.windowCapacity
        {
            firstWriteHits[currentEntry, default: [:]][blocklist, default: 0] += 1
        }
    }

    /// A delivery counted in `row` (by `countDelivery`) of the provider in `provider`, a
    /// `MetricsProviders` row.
    @inline(__always)
    mutating func countProvider(_ cell: MetricsCell, provider: Int, row: Int) {
        providers.count(cell, provider: provider, row: row, entry: currentEntry)
    }

    /// A block list hit counted by `countHit`, by the provider in `provider`; `blocklist` is
    /// the name the provider family counted it under.
    mutating func countProviderHit(blocklist: String, provider: Int, row: Int) {
        providers.countHit(blocklist: blocklist, provider: provider, row: row, entry: currentEntry)
    }

    @inline(__always)
    private mutating func count(at index: Int, row: Int) {
        cells[row &* Self.rowWidth &+ index] += 1
        if row == 0, currentEntry >= 0 { firstWrite?.count(entry: currentEntry, cell: index) }
    }

    /// The row of a host new to the window: its own if it has one, a new one while there is
    /// room (a fleet within `limit` counts exactly from its first line), else -1.
    private mutating func rowForNewEntry(_ entry: Int) -> Int {
        guard !rowByName.isEmpty || limit > 0 else { return -1 }
        let name = MetricsLabel.canonical(window.key(entry))
        if let row = rowByName[name] { return row }
        guard labelCount < limit, name != MetricsLabel.other, !name.isEmpty else { return -1 }
        changes &+= 1
        let row = newRow(name)
        labels[row] = MetricsDestinationLabel(
            name: name, promotedAt: epoch, lastEvent: epoch, current: 0, previous: 0)
        return row
    }

    private func lookUp(_ entry: Int) -> Int? {
        rowByName[MetricsLabel.canonical(window.key(entry))]
    }

    // MARK: - Reading

    /// The delivery counters of `row`.
    func deliveries(_ row: Int) -> ArraySlice<Int> {
        cells[row * Self.rowWidth..<row * Self.rowWidth + MetricsCell.count]
    }

    func rejects(_ row: Int, mta: MTA, cause: Cause) -> Int {
        cells[row * Self.rowWidth + Self.rejectBase + Self.rejectIndex(mta, cause)]
    }

    func sasl(_ row: Int, mta: MTA) -> Int {
        cells[row * Self.rowWidth + Self.saslBase + Int(mta.rawValue)]
    }

    /// Rows in use by name, `other` last.
    var rowsByName: [Int] {
        names.indices.filter { !names[$0].isEmpty }
            .sorted { MetricsStore.otherLast(names[$0], names[$1]) }
    }

    /// True when nothing was counted and no host has a row.
    var isEmpty: Bool { labelCount == 0 && !cells.contains { $0 != 0 } && hits.hits.isEmpty }

    // MARK: - Rebalancing

    /// Moves the clock to the store's `epoch` without applying the rules (a quiet tick).
    mutating func tick(to epoch: Int) {
        self.epoch = epoch
    }

    /// Applies the rules once at the store's rebalance count `epoch`.
    mutating func rebalance(epoch: Int, policy: MetricsRebalancePolicy) {
        self.epoch = epoch
        if restoredRows {
            restoredRows = false
            for row in labels.indices where labels[row] != nil {
                labels[row]!.promotedAt = epoch
                labels[row]!.lastEvent = epoch
            }
        }
        if epoch % policy.windowRebalances == 0 { rotateWindow() }
        while labelCount > limit, let row = MetricsLabelChoice.weakest(in: labels) { demote(row) }
        attachVariants()
        let candidates = candidates(policy: policy)
        if firstWrite != nil { keepOnlyTheStrongest(candidates) }
        for (name, candidate) in candidates {
            if labelCount < limit {
                promote(name, entries: candidate.entries, strength: candidate.strength)
                continue
            }
            guard
                let victim = MetricsLabelChoice.victim(
                    for: candidate.strength, in: labels, epoch: epoch, policy: policy)
            else { break }
            demote(victim)
            promote(name, entries: candidate.entries, strength: candidate.strength)
        }
        if firstWrite != nil {
            firstWrite = nil
            firstWriteHits = [:]
            changes &+= 1
        }
        providers.endFirstWrite()
    }

    /// After a rebalance that changed nothing, the last epoch whose rebalance decides the same
    /// again with nothing counted in between (see `MetricsDestinations.lastQuietEpoch`).
    func lastQuietEpoch(policy: MetricsRebalancePolicy) -> Int {
        var next = (epoch / policy.windowRebalances + 1) * policy.windowRebalances
        for case let label? in labels {
            let idle = label.lastEvent + policy.idleRebalances
            if idle > epoch { next = Swift.min(next, idle) }
            let tenure = label.promotedAt + policy.minimumTenure
            if tenure > epoch { next = Swift.min(next, tenure) }
        }
        return next - 1
    }

    /// Hosts without a row that may get one, strongest first (ties by name), with the window
    /// entries that hold them.
    private func candidates(policy: MetricsRebalancePolicy) -> [(
        key: String, value: (strength: Int, entries: [Int])
    )] {
        var found = currentCandidates()
        for (name, strength) in previousStrength where rowByName[name] == nil {
            found[name, default: (0, [])].strength =
                (found[name]?.strength ?? 0).saturatingSum(strength)
        }
        return found.filter { $0.value.strength >= policy.promotionMinimum }
            .sorted {
                $0.value.strength != $1.value.strength
                    ? $0.value.strength > $1.value.strength : $0.key < $1.key
            }
    }

    /// Before anything was written, the rows given at first sight go to the `limit` strongest
    /// hosts instead: the others are demoted (their counts join `other`, which nobody has seen
    /// yet), and the candidates among the strongest are promoted next with their earlier lines.
    private mutating func keepOnlyTheStrongest(
        _ candidates: [(key: String, value: (strength: Int, entries: [Int]))]
    ) {
        guard !candidates.isEmpty else { return }
        let ranked =
            (labels.compactMap { $0.map { (name: $0.name, strength: $0.strength) } }
            + candidates.map { (name: $0.key, strength: $0.value.strength) })
            .sorted { $0.strength != $1.strength ? $0.strength > $1.strength : $0.name < $1.name }
        let kept = Set(ranked.prefix(limit).map(\.name))
        for row in labels.indices {
            if let label = labels[row], !kept.contains(label.name) { demote(row) }
        }
    }

    /// Current-window strengths of hosts without a row, by name, with the entries holding them.
    private func currentCandidates() -> [String: (strength: Int, entries: [Int])] {
        var found: [String: (strength: Int, entries: [Int])] = [:]
        for entry in 0..<window.used where rowOfEntry[entry] < 0 {
            let strength = window.guaranteed(entry)
            guard strength > 0 else { continue }
            let name = MetricsLabel.canonical(window.key(entry))
            guard name != MetricsLabel.other, !name.isEmpty, rowByName[name] == nil else {
                continue
            }
            found[name, default: (0, [])].strength =
                (found[name]?.strength ?? 0).saturatingSum(strength)
            found[name, default: (0, [])].entries.append(entry)
        }
        return found
    }

    /// Starts a new strength window: the current one becomes the previous one.
    private mutating func rotateWindow() {
        if window.used > 0 || !previousStrength.isEmpty
            || labels.contains(where: { ($0?.current ?? 0) != 0 || ($0?.previous ?? 0) != 0 })
        {
            changes &+= 1
        }
        firstWrite = nil
        firstWriteHits = [:]
        providers.endFirstWrite()
        previousStrength = MetricsDestinations.strongest(
            currentCandidates().mapValues(\.strength), 4 * Self.maximumLimit)
        for row in labels.indices where labels[row] != nil {
            labels[row]!.previous = labels[row]!.current
            labels[row]!.current = 0
        }
        window = SpaceSavingTable(capacity: Self.windowCapacity, keyLimit: MetricsLabel.byteLimit)
        for entry in rowOfEntry.indices { rowOfEntry[entry] = -1 }
        lastEntry = -1
    }

    /// Points window entries whose name has a row at that row (a byte variant of the name, or
    /// a host restored from a checkpoint).
    private mutating func attachVariants() {
        guard !rowByName.isEmpty else { return }
        for entry in 0..<window.used where rowOfEntry[entry] < 0 {
            if let row = lookUp(entry) {
                rowOfEntry[entry] = Int32(row)
                changes &+= 1
            }
        }
    }

    /// Gives `name` a row from now on; `entries` are the window entries that hold it.
    private mutating func promote(_ name: String, entries: [Int], strength: Int) {
        changes &+= 1
        let row = newRow(name)
        var current = 0
        for entry in entries {
            current = current.saturatingSum(window.guaranteed(entry))
            rowOfEntry[entry] = Int32(row)
            for moved in firstWrite?.take(entry: entry) ?? [] {
                cells[Int(moved.cell)] -= moved.count
                cells[row * Self.rowWidth + Int(moved.cell)] += moved.count
            }
            for (blocklist, count) in firstWriteHits.removeValue(forKey: entry) ?? [:] {
                hits.moveFromOther(blocklist: blocklist, destination: name, count: count)
            }
            providers.move(entry: entry, to: row)
        }
        labels[row] = MetricsDestinationLabel(
            name: name, promotedAt: epoch, lastEvent: epoch, current: current,
            previous: previousStrength.removeValue(forKey: name) ?? 0)
    }

    /// A row for `name`, free or new, with nothing counted.
    private mutating func newRow(_ name: String) -> Int {
        let row: Int
        if let free = freeRows.popLast() {
            row = free
            names[row] = name
        } else {
            row = names.count
            names.append(name)
            labels.append(nil)
            cells.append(contentsOf: repeatElement(0, count: Self.rowWidth))
            providers.reserve(row: row)
        }
        rowByName[name] = row
        return row
    }

    /// Adds the row of `row` to `other`'s, with its block list hits, and frees it.
    private mutating func demote(_ row: Int) {
        changes &+= 1
        let label = labels[row]!
        let base = row * Self.rowWidth
        for index in 0..<Self.rowWidth {
            cells[index] = cells[index].saturatingSum(cells[base + index])
            cells[base + index] = 0
        }
        hits.fold(destination: label.name)
        providers.fold(row: row)
        labels[row] = nil
        names[row] = ""
        rowByName[label.name] = nil
        freeRows.append(row)
        for entry in 0..<window.used where rowOfEntry[entry] == Int32(row) {
            rowOfEntry[entry] = -1
        }
        if label.previous > 0 {
            previousStrength[label.name] =
                (previousStrength[label.name] ?? 0).saturatingSum(label.previous)
        }
    }

    // MARK: - Restoring

    /// The row of `name` (canonical) read from a checkpoint, made while there is room; else
    /// `other`'s. Its series were written: from now on counts never move between rows.
    mutating func row(named name: String) -> Int {
        firstWrite = nil
        firstWriteHits = [:]
        providers.endFirstWrite()
        if let row = rowByName[name] { return row }
        guard labelCount < limit, name != MetricsLabel.other, !name.isEmpty else { return 0 }
        let row = newRow(name)
        labels[row] = MetricsDestinationLabel(
            name: name, promotedAt: epoch, lastEvent: epoch, current: 0, previous: 0)
        restoredRows = true
        return row
    }

    mutating func restoreDelivery(host: String, cell: MetricsCell, count: Int) {
        add(count, at: row(named: host) * Self.rowWidth + cell.index)
    }

    mutating func restoreReject(host: String, mta: MTA, cause: Cause, count: Int) {
        add(
            count,
            at: row(named: host) * Self.rowWidth + Self.rejectBase + Self.rejectIndex(mta, cause))
    }

    mutating func restoreSASL(host: String, mta: MTA, count: Int) {
        add(count, at: row(named: host) * Self.rowWidth + Self.saslBase + Int(mta.rawValue))
    }

    mutating func restoreHit(blocklist: String, host: String, count: Int) {
        // The name may be over the limit now (a lower `top_hosts`): then it joins `other`.
        let name = names[row(named: host)]
        if !hits.restore(blocklist: blocklist, destination: name, count: count) {
            hits.add(blocklist: blocklist, destination: name, count: count)
        }
    }

    /// Adds a provider counter of `host` read from a checkpoint; `provider` is a
    /// `MetricsProviders` row.
    mutating func restoreProvider(host: String, provider: Int, cell: MetricsCell, count: Int) {
        providers.add(count, provider: provider, cell: cell, row: row(named: host))
    }

    /// Adds provider block list hits of `host` read from a checkpoint.
    mutating func restoreProviderHit(blocklist: String, host: String, provider: Int, count: Int) {
        providers.addHits(count, blocklist: blocklist, provider: provider, row: row(named: host))
    }

    /// Adds provider counts made while no host was told apart (per-host counting was off, or
    /// a checkpoint from before the provider families had `host`) to `other`, so the sums
    /// over `host` stay the provider totals. Rows and the first write are left as they are.
    mutating func addToOther(provider: Int, cell: MetricsCell, count: Int) {
        providers.add(count, provider: provider, cell: cell, row: 0)
    }

    /// `addToOther` for block list hits.
    mutating func addHitsToOther(blocklist: String, provider: Int, count: Int) {
        providers.addHits(count, blocklist: blocklist, provider: provider, row: 0)
    }

    private mutating func add(_ count: Int, at index: Int) {
        cells[index] = cells[index].saturatingSum(count)
    }

    private static func rejectIndex(_ mta: MTA, _ cause: Cause) -> Int {
        Int(mta.rawValue) * causeCount + Int(cause.rawValue)
    }

    private static func clamp(_ limit: Int) -> Int { Swift.min(Swift.max(limit, 0), maximumLimit) }
}
