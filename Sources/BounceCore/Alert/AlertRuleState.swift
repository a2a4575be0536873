/// One rule at run time: its filters and its groups.
struct AlertRuleState: Sendable {
    let rule: AlertRule
    let filter: AlertEventFilter
    let denominatorFilter: AlertEventFilter?
    var groups = AlertGroups()
    /// Events that found no room: every group was pending or firing, or the rule was full and
    /// the event only counted towards a ratio's denominator.
    var droppedEvents = 0
    /// Events more than a window older than events already counted in their group.
    var staleEvents = 0
    /// Groups that were pending, or firing while their condition no longer held, after the
    /// last evaluation: something is due within a group wait.
    var waitingGroups = 0
    /// The host of the last matching event counted from bytes: a new group's first record
    /// shares it rather than building the same string again.
    private var lastHost = ""

    /// `filter.directions` and `denominatorFilter?.directions` (0 without a ratio), and
    /// whether each filter needs nothing but the direction tried beyond the shape: kept here
    /// so counting an event reads two bytes rather than copying a filter out of its optional.
    private let matchDirections: UInt8
    private let matchOnlyDirection: Bool
    private let ratioDirections: UInt8
    private let ratioOnlyDirection: Bool
    /// The rule's `group_by` when it names one dimension (every default rule that groups):
    /// its group hash and label check then read no array.
    private let soleDimension: AlertDimension?

    init(rule: AlertRule) {
        self.rule = rule
        self.filter = AlertEventFilter(rule.match)
        self.denominatorFilter = rule.ratioOf.map(AlertEventFilter.init)
        matchDirections = filter.directions
        matchOnlyDirection = filter.onlyDirection
        ratioDirections = denominatorFilter?.directions ?? 0
        ratioOnlyDirection = denominatorFilter?.onlyDirection ?? false
        soleDimension = rule.groupBy.count == 1 ? rule.groupBy[0] : nil
    }

    var firingGroups: Int {
        var firing = 0
        for position in groups.values.indices where groups.values[position].isFiring { firing += 1 }
        return firing
    }

    /// Counts `probe` in its group. `couldMatch` and `couldCount` say whether the event's shape
    /// (MTA, kind, status, cause) passes the rule's `match` and its `ratio_of`: the engine's
    /// tables decided that once per shape, so only the other lists are tried here.
    mutating func observe(_ probe: AlertProbe, couldMatch: Bool, couldCount: Bool) {
        // `filter.passes` and `denominatorFilter.passes`, most events decided by the direction.
        let bit = AlertEventFilter.bit(probe.direction)
        let matched =
            couldMatch && matchDirections & bit != 0
            && (matchOnlyDirection || filter.matchesBeyondShape(probe))
        let denominator =
            couldCount && ratioDirections & bit != 0
            && (ratioOnlyDirection || denominatorFilter?.matchesBeyondShape(probe) == true)
        guard matched || denominator else { return }
        // Static calls, apart for one dimension: a method was handed a copy of the whole rule
        // state (and left out of line when `observe` grew), an array passed is retained.
        let groupHash =
            if let soleDimension {
                Self.valueHash(soleDimension, of: probe).map {
                    AlertGroupHash.fold(AlertGroupHash.seed, $0)
                }
            } else {
                Self.groupHash(probe, groupBy: rule.groupBy)
            }
        guard let hash = groupHash else { return }
        // A loop rather than `position(hash:where:)`: a closure would capture the probe.
        var found: Int?
        var slot = groups.firstSlot(for: hash)
        while let position = groups.nextPosition(of: hash, slot: &slot) {
            // A rule of one dimension hands over neither its `group_by` nor the other labels:
            // each array passed is retained and released per lookup.
            let same =
                if let soleDimension {
                    Self.hasValue(groups.values[position].soleLabel, of: soleDimension, in: probe)
                } else {
                    Self.hasValues(
                        groups.values[position].soleLabel, groups.values[position].otherLabels,
                        of: probe, groupBy: rule.groupBy)
                }
            if same {
                found = position
                break
            }
        }
        if found == nil {
            // A full rule admits new groups only for matching events: an event that only
            // counts towards a ratio's denominator cannot start an alert, and letting every
            // sent message to a new domain evict a group would churn the table.
            guard matched || groups.count < AlertLimits.groupsPerRule, makeRoom(),
                let group = newGroup(probe, hash: hash)
            else {
                droppedEvents += 1
                return
            }
            found = groups.append(group)
        }
        guard let position = found else { return }
        let counted: Bool
        if matched, let event = probe.decoded {
            counted = groups.update(at: position) {
                $0.record(event, matched: true, denominator: denominator)
            }
        } else if matched {
            var host = lastHost
            counted = groups.update(at: position) {
                $0.record(matching: probe, denominator: denominator, lastHost: &host)
            }
            lastHost = host
        } else {
            counted = groups.update(at: position) {
                $0.record(time: probe.time, denominator: denominator)
            }
        }
        if !counted { staleEvents += 1 }
    }

    /// Advances every group to `now` and appends the notices due, ordered by group.
    mutating func evaluate(now: Int64, into notices: inout [AlertNotice]) {
        var due: [AlertNotice] = []
        waitingGroups = 0
        // Taken out of `self` so each group changes in place while `advance` reads the rule.
        var current = AlertGroups()
        swap(&current, &groups)
        var ended: [Int] = []
        for position in current.values.indices {
            current.update(at: position) { group in
                group.forgetFarFuture(at: now, windowSeconds: rule.windowSeconds)
                let totals = group.window.totals(at: now)
                group.weight = totals.matched + totals.denominator
                if let notice = advance(&group, totals: totals, now: now) { due.append(notice) }
                if group.isWaiting { waitingGroups += 1 }
                if group.isQuiet, !group.window.hasCurrentOrFuture(at: now) {
                    ended.append(position)
                }
            }
        }
        current.remove(at: ended)
        swap(&current, &groups)
        notices += due.sorted {
            $0.group.map(\.value).lexicographicallyPrecedes($1.group.map(\.value))
        }
    }

    /// The phase change of one group at `now`, and the notice it sends if any.
    private func advance(
        _ group: inout AlertGroup, totals: (matched: Int, denominator: Int), now: Int64
    ) -> AlertNotice? {
        let wait = Int64(max(rule.groupWaitSeconds, 0))
        switch group.phase {
        case .quiet:
            guard holds(totals, firing: false) else { return nil }
            let startedAt = group.evidenceStart(at: now, matched: totals.matched)
            group.phase = .pending(since: now, startedAt: startedAt)
            return advance(&group, totals: totals, now: now)
        case .pending(let since, let startedAt):
            guard holds(totals, firing: false) else {
                group.phase = .quiet
                return nil
            }
            guard now - since >= wait else { return nil }
            let evidence = evidence(group, totals: totals, now: now)
            group.phase = .firing(
                AlertFiring(
                    startedAt: startedAt, lastSentAt: now, failingSince: nil, evidence: evidence))
            return notice(.firing, group, evidence, startedAt: startedAt, now: now, repeat: false)
        case .firing(var firing):
            if holds(totals, firing: true) {
                firing.failingSince = nil
                defer { group.phase = .firing(firing) }
                let interval = Int64(rule.repeatIntervalSeconds)
                guard interval > 0, now - firing.lastSentAt >= interval else { return nil }
                firing.evidence = evidence(group, totals: totals, now: now)
                firing.lastSentAt = now
                return notice(
                    .firing, group, firing.evidence, startedAt: firing.startedAt, now: now,
                    repeat: true)
            }
            let since = firing.failingSince ?? now
            guard now - since >= wait else {
                firing.failingSince = since
                group.phase = .firing(firing)
                return nil
            }
            group.phase = .quiet
            var ended = firing.evidence
            ended.count = totals.matched
            ended.denominator = rule.ratioOf == nil ? nil : totals.denominator
            return notice(
                .resolved, group, ended, startedAt: firing.startedAt, now: now, repeat: false)
        }
    }

    /// Whether the rule's condition holds. A firing ratio rule keeps firing below `min_events`:
    /// less traffic does not end a storm, a lower ratio does.
    func holds(_ totals: (matched: Int, denominator: Int), firing: Bool) -> Bool {
        guard totals.matched > 0 else { return false }
        guard rule.ratioOf != nil else { return Double(totals.matched) >= rule.threshold }
        guard totals.denominator > 0, firing || totals.denominator >= rule.minEvents else {
            return false
        }
        return Double(totals.matched) / Double(totals.denominator) >= rule.threshold
    }

    private func evidence(
        _ group: AlertGroup, totals: (matched: Int, denominator: Int), now: Int64
    ) -> AlertEvidence {
        let ofProvider = rule.groupLabels(group.labels).contains {
            $0.name == AlertDimension.provider.rawValue
        }
        return AlertEvidence.collect(
            count: totals.matched,
            denominator: rule.ratioOf == nil ? nil : totals.denominator, group: group, now: now,
            destinationLimit: ofProvider
                ? AlertEvidence.topDestinationsOfProvider : AlertEvidence.topDestinations)
    }

    private func notice(
        _ state: AlertNotice.State, _ group: AlertGroup, _ evidence: AlertEvidence,
        startedAt: Int64, now: Int64, repeat isRepeat: Bool
    ) -> AlertNotice {
        let labels = rule.groupLabels(group.labels)
        let denominator = evidence.denominator
        var notice = AlertNotice(
            rule: rule.name, state: state, group: labels,
            fingerprint: AlertFingerprint.of(rule: rule.name, group: labels),
            count: evidence.count,
            ratio: denominator.flatMap { $0 > 0 ? Double(evidence.count) / Double($0) : nil },
            denominator: denominator, windowSeconds: rule.windowSeconds,
            destinations: evidence.destinations, destinationCount: evidence.destinationCount,
            cause: evidence.cause, blocklist: evidence.blocklist, listedIP: evidence.listedIP,
            samples: evidence.samples, startedAt: startedAt, decidedAt: now)
        notice.threshold = rule.threshold
        notice.minEvents = rule.ratioOf == nil ? 0 : rule.minEvents
        notice.status = evidence.status
        notice.kind = evidence.kind
        notice.direction = evidence.direction
        notice.causes = evidence.causes
        notice.evidenceCount = evidence.evidenceCount
        notice.isRepeat = isRepeat
        notice.providers = evidence.providers
        notice.hosts = evidence.hosts
        notice.hostCount = evidence.hostCount
        return notice
    }

    /// The group `probe` starts, whose labels' hash is `hash`; nil when the event lacks one of
    /// the rule's `group_by` values. A rule of one dimension builds its one value, no array.
    /// Not inlined: once per new group, and inlined it kept `observe` from inlining the
    /// group hash and label check, which then copied the probe for each call.
    @inline(never)
    private func newGroup(_ probe: AlertProbe, hash: UInt64) -> AlertGroup? {
        if let soleDimension {
            guard let value = probe.value(of: soleDimension) else { return nil }
            return AlertGroup(soleLabel: value, hash: hash, windowSeconds: rule.windowSeconds)
        }
        guard let labels = groupKey(probe) else { return nil }
        return AlertGroup(labels: labels, hash: hash, windowSeconds: rule.windowSeconds)
    }

    /// The event's values for the rule's `group_by`; nil when it lacks one of them. Built only
    /// when the event starts a new group.
    private func groupKey(_ probe: AlertProbe) -> [String]? {
        var key: [String] = []
        key.reserveCapacity(rule.groupBy.count)
        for dimension in rule.groupBy {
            guard let value = probe.value(of: dimension) else { return nil }
            key.append(value)
        }
        return key
    }

    /// `AlertGroupHash.of(labels: groupKey(probe))` without building the key; nil when the
    /// event lacks one of the values. Static: a method would be handed a copy of the whole
    /// rule state.
    private static func groupHash(_ probe: AlertProbe, groupBy: [AlertDimension]) -> UInt64? {
        var hash = AlertGroupHash.seed
        for dimension in groupBy {
            guard let value = valueHash(dimension, of: probe) else { return nil }
            hash = AlertGroupHash.fold(hash, value)
        }
        return hash
    }

    /// `AlertGroupHash.of` the event's value for `dimension`; nil when it has none.
    @inline(__always)
    private static func valueHash(_ dimension: AlertDimension, of probe: AlertProbe) -> UInt64? {
        switch dimension {
        case .mta: return AlertGroupHash.mtas[Int(probe.mta.rawValue)]
        case .kind: return AlertGroupHash.kinds[Int(probe.kind.rawValue)]
        case .status: return AlertGroupHash.statuses[Int(probe.status.rawValue)]
        case .cause:
            guard let cause = probe.cause else { return nil }
            return AlertGroupHash.causes[Int(cause.rawValue)]
        case .destination:
            guard probe.hasDestination else { return nil }
            return probe.destinationHash
        case .host:
            guard probe.hasHost else { return nil }
            return probe.hostHash
        case .provider:
            guard probe.hasProvider else { return nil }
            return probe.providerHash
        case .blocklist, .senderDomain, .saslUsername:
            // Only decoded events carry these: the engine decodes the events of such rules.
            guard let label = probe.value(of: dimension) else { return nil }
            return AlertGroupHash.of(label)
        case .providerOrDestination:
            if probe.hasProvider { return probe.providerGroupHash }
            guard probe.hasDestination else { return nil }
            return probe.destinationHash
        }
    }

    /// Whether a group's only label `soleLabel` is the event's value for `dimension`; false
    /// when the group has no single label (restored with another `group_by`). Static: a method
    /// would be handed a copy of the whole rule state.
    @inline(__always)
    private static func hasValue(
        _ soleLabel: String?, of dimension: AlertDimension, in probe: AlertProbe
    ) -> Bool {
        guard let soleLabel else { return false }
        return isValue(soleLabel, of: dimension, in: probe)
    }

    /// Whether a group's labels (`soleLabel`, else `labels`) are the event's values for
    /// `groupBy`, compared without building them.
    private static func hasValues(
        _ soleLabel: String?, _ labels: [String], of probe: AlertProbe,
        groupBy: [AlertDimension]
    ) -> Bool {
        if let soleLabel {
            return groupBy.count == 1 && isValue(soleLabel, of: groupBy[0], in: probe)
        }
        guard labels.count == groupBy.count else { return false }
        for position in labels.indices {
            guard isValue(labels[position], of: groupBy[position], in: probe) else {
                return false
            }
        }
        return true
    }

    /// Whether `label` is the event's value for `dimension`.
    @inline(__always)
    private static func isValue(
        _ label: String, of dimension: AlertDimension, in probe: AlertProbe
    ) -> Bool {
        switch dimension {
        case .destination: return probe.isDestination(label)
        case .host: return probe.isHost(label)
        case .provider: return probe.isProviderLabel(label, grouped: false)
        case .providerOrDestination:
            return probe.hasProvider
                ? probe.isProviderLabel(label, grouped: true) : probe.isDestination(label)
        case .mta, .kind, .status, .cause, .blocklist, .senderDomain, .saslUsername:
            return label == probe.value(of: dimension)
        }
    }

    static func value(of dimension: AlertDimension, in event: AlertEvent) -> String? {
        switch dimension {
        case .mta: return event.mta.identifier
        case .kind: return event.kind.identifier
        case .status: return event.status.identifier
        case .cause: return event.cause?.identifier
        case .destination:
            guard !event.destination.isEmpty else { return nil }
            return UTF8Prefix.string(event.destination, atMost: AlertLimits.textBytes)
        case .blocklist:
            guard let name = event.blocklist?.name, !name.isEmpty else { return nil }
            return UTF8Prefix.string(name, atMost: AlertLimits.textBytes)
        case .provider:
            guard !event.provider.isEmpty else { return nil }
            return UTF8Prefix.string(event.provider, atMost: AlertLimits.textBytes)
        case .host:
            guard !event.host.isEmpty else { return nil }
            return UTF8Prefix.string(event.host, atMost: AlertLimits.textBytes)
        case .providerOrDestination:
            guard !event.provider.isEmpty else { return value(of: .destination, in: event) }
            return AlertRule.providerGroupPrefix
                + UTF8Prefix.string(event.provider, atMost: AlertLimits.textBytes)
        case .senderDomain: return event.senderDomain.isEmpty ? nil : event.senderDomain
        case .saslUsername: return event.saslUsername.isEmpty ? nil : event.saslUsername
        }
    }

    /// Makes room for one more group: when the rule is full, the lightest eighth of the quiet
    /// groups goes at once (so a flood of new destinations costs one selection per 256 of them,
    /// not a scan per event). Among groups of the same weight the earlier added ones go. False
    /// when every group is pending or firing.
    private mutating func makeRoom() -> Bool {
        guard groups.count >= AlertLimits.groupsPerRule else { return true }
        // The batch's heaviest weight: the lighter groups all go, and as many of that weight
        // as fill the batch, the earliest added first.
        guard
            let found = AlertEvictionBatch(groups, wanted: max(1, AlertLimits.groupsPerRule / 8))
        else { return false }
        let (batch, limit, lighter) = (found.count, found.limit, found.lighter)
        var tied: [Int] = []
        for position in 0..<groups.count where groups.values[position].weight == limit {
            if groups.values[position].isQuiet { tied.append(groups.serial(at: position)) }
        }
        let ofLimit = batch - lighter
        let lastSerial = ofLimit < tied.count ? AlertSelection.smallest(ofLimit, of: &tied) : .max
        var doomed: [Int] = []
        doomed.reserveCapacity(batch)
        for position in 0..<groups.count {
            let weight = groups.values[position].weight
            guard weight <= limit, groups.values[position].isQuiet else { continue }
            if weight < limit || groups.serial(at: position) <= lastSerial {
                doomed.append(position)
            }
        }
        groups.remove(at: doomed)
        return true
    }
}
