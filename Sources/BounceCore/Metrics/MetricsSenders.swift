/// Deliveries by sender domain and by SASL user (`metrics.senders`, `metrics.sasl_users`):
/// two families of labelled names, each ruled like destinations (`MetricsDestinations`,
/// `MetricsStore`), so each has at most its `top` names with series of their own and `other`.
///
/// A family that is off is nil and costs nothing. Both tick with the store's destinations, so
/// every family shares one rebalance clock (and one `epoch` in the checkpoint).
struct MetricsSenders {
    /// The families while on.
    private(set) var domains: MetricsDestinations?
    private(set) var users: MetricsDestinations?
    private(set) var topDomains = 0
    private(set) var topUsers = 0

    /// Whether either family is on. Kept as a flag: every delivery asks, and testing the
    /// optional tables themselves costs retains of their storage.
    private(set) var isOn = false

    /// Turns the families on (with their tops) or off (nil: their counts are dropped); a
    /// family turned on starts at the store's clock `epoch`.
    mutating func set(domains domainTop: Int?, users userTop: Int?, epoch: Int) {
        Self.set(&domains, &topDomains, to: domainTop, epoch: epoch)
        Self.set(&users, &topUsers, to: userTop, epoch: epoch)
        isOn = domains != nil || users != nil
    }

    private static func set(
        _ family: inout MetricsDestinations?, _ top: inout Int, to newTop: Int?, epoch: Int
    ) {
        guard let newTop else {
            family = nil
            return
        }
        top = Swift.min(Swift.max(newTop, 0), MetricsStore.maximumTopDestinations)
        if family == nil {
            family = MetricsDestinations(
                candidateMemory: MetricsStore.candidateMemory, epoch: epoch)
        }
    }

    /// Counts a delivery in `cell` of a message with `facts`, whose names are in `names`: by its
    /// sender domain and its SASL user, each when known (a name that did not fit in `names`
    /// counts as `other`).
    mutating func count(_ cell: MetricsCell, facts: MessageFacts, names: MessageNames) {
        if domains != nil, facts.senderDomain != MessageNames.none {
            names.withBytes(facts.senderDomain) { bytes in
                bytes.withUnsafeBufferPointer { _ = domains!.count(cell, domain: $0) }
            }
        }
        if users != nil, facts.saslUser != MessageNames.none {
            names.withBytes(facts.saslUser) { bytes in
                bytes.withUnsafeBufferPointer { _ = users!.count(cell, domain: $0) }
            }
        }
    }

    /// One quiet tick of the clock (`MetricsStore.rebalance`).
    mutating func tick() {
        domains?.tick()
        users?.tick()
    }

    /// Applies the rebalance rules once to each family.
    mutating func rebalance(policy: MetricsRebalancePolicy) {
        _ = domains?.rebalance(top: topDomains, policy: policy)
        _ = users?.rebalance(top: topUsers, policy: policy)
    }

    /// Moves at every change a rebalance makes to either family.
    var changes: Int { (domains?.changes ?? 0) &+ (users?.changes ?? 0) }

    /// The earliest `lastQuietEpoch` of the families; `.max` with none on.
    func lastQuietEpoch(policy: MetricsRebalancePolicy) -> Int {
        Swift.min(
            domains?.lastQuietEpoch(policy: policy) ?? .max,
            users?.lastQuietEpoch(policy: policy) ?? .max)
    }

    /// Both families' checkpoint records (`sender`, `scell`, `scandidate`).
    func appendCheckpointLines(to lines: inout [String]) {
        for (family, table) in [("domain", domains), ("user", users)] {
            guard let table else { continue }
            let records = MetricsDestinations.RecordNames.sender(family)
            table.appendLabelLines(records, to: &lines)
            table.appendCandidateLines(records, to: &lines)
        }
    }

    /// The families as read from a checkpoint (a family without records stays off until
    /// `set` turns it on).
    mutating func restore(from reader: MetricsCheckpointReader) {
        if !reader.senderDomains.isEmpty {
            var table = MetricsDestinations(candidateMemory: MetricsStore.candidateMemory)
            table.restore(from: reader.senderDomains, epoch: reader.epoch)
            domains = table
            topDomains = MetricsStore.maximumTopDestinations
        }
        if !reader.saslUsers.isEmpty {
            var table = MetricsDestinations(candidateMemory: MetricsStore.candidateMemory)
            table.restore(from: reader.saslUsers, epoch: reader.epoch)
            users = table
            topUsers = MetricsStore.maximumTopDestinations
        }
        isOn = domains != nil || users != nil
    }
}
