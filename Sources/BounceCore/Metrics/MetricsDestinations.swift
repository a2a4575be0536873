/// Delivery counters per labelled destination and for `other`, and the bookkeeping that decides
/// which destinations are labelled (the rules are described on `MetricsStore`).
///
/// Every delivery is counted exactly once: in the row of its labelled destination, or in
/// `other`. Rows only grow, except when a destination is demoted: its row is then added to
/// `other` and dropped, so every remaining series still only grows and the sum is unchanged.
///
/// Lookups go through a `SpaceSavingTable` of the current strength window, which also counts
/// candidates. `slotOfEntry` remembers which labelled row a table entry feeds, so counting a
/// delivery to a domain already in the table allocates nothing. Only a domain new to the
/// window is decoded, to look its canonical name up among the labelled ones.
struct MetricsDestinations {
    /// Domains tracked per window, labelled or not.
    static let windowCapacity = 4096
    /// Bytes of a domain kept as its key; longer ones count under their prefix.
    static let keyLimit = MetricsLabel.byteLimit

    /// Rebalances so far; the store's only clock.
    private(set) var epoch = 0
    /// Moves at every change a rebalance makes (promotion, demotion, window rotation, variant
    /// attached, first write ended), so the store can tell a rebalance that changed nothing.
    private(set) var changes = 0
    /// The row of everything not labelled.
    private(set) var other: [Int]
    /// Labelled destinations by slot; nil for a free slot.
    private(set) var labels: [MetricsDestinationLabel?] = []
    /// `MetricsCell.count` counters per slot.
    private var cells: [Int] = []
    private var freeSlots: [Int] = []
    private(set) var slotByName: [String: Int] = [:]
    private(set) var labelCount = 0

    private var window: SpaceSavingTable
    /// The slot each window entry feeds, or -1.
    private var slotOfEntry: [Int32]
    /// Candidate strengths of the previous window, by canonical name (the strongest only).
    private(set) var previousStrength: [String: Int] = [:]
    /// Current-window strengths that did not come through `window` (restored from a
    /// checkpoint), by canonical name.
    private(set) var carriedStrength: [String: Int] = [:]
    /// The most candidates remembered per window.
    let candidateMemory: Int
    /// Until the first rebalance of a store not restored from a checkpoint: deliveries in
    /// `other` per window entry, which the first promotions take with them.
    private var firstWrite: MetricsFirstWriteCounts?

    /// A table with nothing counted, its clock at `epoch` (a family turned on later than its
    /// store's destinations ticks with them).
    init(candidateMemory: Int, epoch: Int = 0) {
        self.candidateMemory = candidateMemory
        self.epoch = epoch
        other = Array(repeating: 0, count: MetricsCell.count)
        window = SpaceSavingTable(capacity: Self.windowCapacity, keyLimit: Self.keyLimit)
        slotOfEntry = Array(repeating: -1, count: Self.windowCapacity)
        firstWrite = MetricsFirstWriteCounts(entries: Self.windowCapacity)
    }

    // MARK: - Hot path

    /// Counts one delivery to `domain` (raw bytes from the line; empty for none) in `cell`.
    /// Returns the labelled slot it went to, or nil for `other`.
    @inline(__always)
    mutating func count(_ cell: MetricsCell, domain: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !domain.isEmpty else {
            other[cell.index] += 1
            return nil
        }
        let (entry, isNew) = window.increment(domain)
        if isNew {
            slotOfEntry[entry] = slotByName.isEmpty ? -1 : Int32(lookUp(entry) ?? -1)
            firstWrite?.forget(entry: entry)
        }
        let slot = Int(slotOfEntry[entry])
        guard slot >= 0 else {
            other[cell.index] += 1
            firstWrite?.count(entry: entry, cell: cell.index)
            return nil
        }
        cells[slot &* MetricsCell.count &+ cell.index] += 1
        labels[slot]!.current += 1
        labels[slot]!.lastEvent = epoch
        return slot
    }

    private func lookUp(_ entry: Int) -> Int? {
        slotByName[MetricsLabel.canonical(window.key(entry))]
    }

    // MARK: - Reading

    /// The counters of labelled `slot`.
    func row(_ slot: Int) -> ArraySlice<Int> {
        cells[slot * MetricsCell.count..<(slot + 1) * MetricsCell.count]
    }

    /// The labelled slots, by name.
    var slotsByName: [Int] {
        labels.indices.filter { labels[$0] != nil }.sorted { labels[$0]!.name < labels[$1]!.name }
    }

    /// Window entries in use: labelled and candidates.
    var windowEntries: Int { window.used }

    /// Current-window strengths of unlabelled domains, by canonical name, together with the
    /// window entries that hold them.
    func currentCandidates() -> [String: (strength: Int, entries: [Int])] {
        var result: [String: (strength: Int, entries: [Int])] = [:]
        for (name, strength) in carriedStrength where slotByName[name] == nil {
            result[name, default: (0, [])].strength =
                (result[name]?.strength ?? 0).saturatingSum(strength)
        }
        for entry in 0..<window.used where slotOfEntry[entry] < 0 {
            let strength = window.guaranteed(entry)
            guard strength > 0 else { continue }
            let name = MetricsLabel.canonical(window.key(entry))
            guard name != MetricsLabel.other, slotByName[name] == nil else { continue }
            result[name, default: (0, [])].strength =
                (result[name]?.strength ?? 0).saturatingSum(strength)
            result[name, default: (0, [])].entries.append(entry)
        }
        return result
    }

    // MARK: - Changing the labelled set

    /// Starts a new strength window: the current one becomes the previous one.
    mutating func rotateWindow() {
        // Two windows without a delivery leave nothing to rotate: that is no change.
        if window.used > 0 || !carriedStrength.isEmpty || !previousStrength.isEmpty
            || labels.contains(where: { ($0?.current ?? 0) != 0 || ($0?.previous ?? 0) != 0 })
        {
            changes &+= 1
        }
        // Its entries number the window that is being replaced.
        firstWrite = nil
        let current = currentCandidates().mapValues(\.strength)
        previousStrength = Self.strongest(current, candidateMemory)
        carriedStrength = [:]
        for slot in labels.indices where labels[slot] != nil {
            labels[slot]!.previous = labels[slot]!.current
            labels[slot]!.current = 0
        }
        window = SpaceSavingTable(capacity: Self.windowCapacity, keyLimit: Self.keyLimit)
        for entry in slotOfEntry.indices { slotOfEntry[entry] = -1 }
    }

    /// Counts one rebalance.
    mutating func tick() { epoch += 1 }

    /// After the first rebalance, series exist: counts never move between them again.
    mutating func endFirstWrite() {
        if firstWrite != nil { changes &+= 1 }
        firstWrite = nil
    }

    /// Gives `name` a row of its own from now on; `entries` are the window entries that hold it.
    mutating func promote(_ name: String, entries: [Int]) {
        changes &+= 1
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = labels.count
            labels.append(nil)
            cells.append(contentsOf: repeatElement(0, count: MetricsCell.count))
        }
        var current = carriedStrength.removeValue(forKey: name) ?? 0
        for entry in entries {
            current = current.saturatingSum(window.guaranteed(entry))
            slotOfEntry[entry] = Int32(slot)
            for moved in firstWrite?.take(entry: entry) ?? [] {
                other[Int(moved.cell)] -= moved.count
                cells[slot * MetricsCell.count + Int(moved.cell)] += moved.count
            }
        }
        labels[slot] = MetricsDestinationLabel(
            name: name, promotedAt: epoch, lastEvent: epoch, current: current,
            previous: previousStrength.removeValue(forKey: name) ?? 0)
        slotByName[name] = slot
        labelCount += 1
    }

    /// Folds the row of `slot` into `other` and frees the slot; returns the name it had.
    @discardableResult
    mutating func demote(_ slot: Int) -> String {
        changes &+= 1
        let label = labels[slot]!
        let base = slot * MetricsCell.count
        for index in 0..<MetricsCell.count {
            other[index] = other[index].saturatingSum(cells[base + index])
            cells[base + index] = 0
        }
        labels[slot] = nil
        slotByName[label.name] = nil
        freeSlots.append(slot)
        labelCount -= 1
        for entry in 0..<window.used where slotOfEntry[entry] == Int32(slot) {
            slotOfEntry[entry] = -1
        }
        // Its earlier window stays a candidate's; the current one is still in the window table.
        if label.previous > 0 {
            previousStrength[label.name] =
                (previousStrength[label.name] ?? 0).saturatingSum(label.previous)
        }
        return label.name
    }

    /// Points window entries whose canonical name is labelled at that label (a byte variant of
    /// a labelled name that entered the window before the promotion).
    mutating func attachVariants() {
        guard !slotByName.isEmpty else { return }
        for entry in 0..<window.used where slotOfEntry[entry] < 0 {
            if let slot = lookUp(entry) {
                slotOfEntry[entry] = Int32(slot)
                changes &+= 1
            }
        }
    }

    /// After a rebalance that changed nothing, the last epoch whose rebalance, with nothing
    /// counted in between, decides the same again: the one before the next window rotation or
    /// the next epoch at which a labelled destination becomes idle or reaches its tenure
    /// (the only inputs of the rules that move with the clock alone).
    func lastQuietEpoch(policy: MetricsRebalancePolicy) -> Int {
        let window = policy.windowRebalances
        var next = (epoch / window + 1) * window
        for case let label? in labels {
            let idle = label.lastEvent + policy.idleRebalances
            if idle > epoch { next = Swift.min(next, idle) }
            let tenure = label.promotedAt + policy.minimumTenure
            if tenure > epoch { next = Swift.min(next, tenure) }
        }
        return next - 1
    }

    // MARK: - Restoring

    /// Sets the state read from a checkpoint; the caller has validated it.
    mutating func restore(
        epoch: Int, other: [Int], labels: [(MetricsDestinationLabel, [Int])],
        previousStrength: [String: Int], carriedStrength: [String: Int]
    ) {
        self.epoch = epoch
        self.other = other
        firstWrite = nil
        for (label, row) in labels {
            slotByName[label.name] = self.labels.count
            self.labels.append(label)
            cells.append(contentsOf: row)
        }
        labelCount = labels.count
        self.previousStrength = previousStrength
        self.carriedStrength = carriedStrength
    }

    /// Sets the state of `records`, read and validated from a checkpoint.
    mutating func restore(from records: MetricsLabelledRecords, epoch: Int) {
        restore(
            epoch: epoch, other: records.other, labels: records.labelledRows,
            previousStrength: records.previousStrength, carriedStrength: records.currentStrength)
    }

    /// The `limit` strongest entries of `strengths` (ties by name, so the choice is stable).
    static func strongest(_ strengths: [String: Int], _ limit: Int) -> [String: Int] {
        guard strengths.count > limit else { return strengths }
        let kept = strengths.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit)
        return Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
    }
}
