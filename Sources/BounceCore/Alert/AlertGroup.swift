/// Where one alert group stands.
enum AlertPhase: Sendable, Equatable {
    /// Not alerting.
    case quiet
    /// The condition held at `since`; the alert goes out after the group wait if it still holds.
    /// `startedAt` is when the incident's evidence began.
    case pending(since: Int64, startedAt: Int64)
    /// An alert went out and has not been resolved. Boxed: the evidence is large and few
    /// groups fire, so every group stays small to scan, move and evict.
    indirect case firing(AlertFiring)
}

/// The state of an alert that was sent.
struct AlertFiring: Sendable, Equatable {
    var startedAt: Int64
    var lastSentAt: Int64
    /// The first evaluation at which the condition no longer held; nil while it holds.
    var failingSince: Int64?
    /// What the last notice reported, repeated in the resolved notice.
    var evidence: AlertEvidence
}

/// One group of one rule (one destination, one block list, or the whole rule): its window of
/// counts, evidence, and alert phase.
struct AlertGroup: Sendable, Equatable {
    /// The `group_by` values, in the rule's order. Built when read: the hot paths read
    /// `soleLabel` and `otherLabels`.
    var labels: [String] {
        if let soleLabel { return [soleLabel] }
        return otherLabels
    }
    /// The value of a rule grouping by one dimension (every default rule that groups), kept
    /// without an array: a group of a log with many destinations then allocates one fewer
    /// block when it is made and frees one fewer when it goes.
    let soleLabel: String?
    /// The values when there are none or more than one; empty when `soleLabel` holds.
    let otherLabels: [String]
    /// `AlertGroupHash.of(labels:)`, which the rule's index finds the group by.
    let hash: UInt64
    var window: AlertWindow
    var recent = AlertRecentMatches()
    var samples = AlertSamples()
    var phase: AlertPhase = .quiet
    /// Events in the window at the last evaluation plus those counted since: who makes room
    /// when the rule has too many groups.
    var weight = 0

    init(labels: [String], windowSeconds: Int) {
        self.init(
            labels: labels, hash: AlertGroupHash.of(labels: labels), windowSeconds: windowSeconds)
    }

    /// A group whose labels' hash the caller already has (from the event that starts it).
    init(labels: [String], hash: UInt64, windowSeconds: Int) {
        if labels.count == 1 {
            soleLabel = labels[0]
            otherLabels = []
        } else {
            soleLabel = nil
            otherLabels = labels
        }
        self.hash = hash
        self.window = AlertWindow(windowSeconds: windowSeconds)
    }

    /// A group of one value whose hash the caller already has.
    init(soleLabel: String, hash: UInt64, windowSeconds: Int) {
        self.soleLabel = soleLabel
        otherLabels = []
        self.hash = hash
        self.window = AlertWindow(windowSeconds: windowSeconds)
    }

    /// Whether this group's labels sort before `other`'s (`labels.lexicographicallyPrecedes`),
    /// comparing single labels without building arrays for them.
    func labelsPrecede(_ other: AlertGroup) -> Bool {
        if let soleLabel, let otherSole = other.soleLabel { return soleLabel < otherSole }
        return labels.lexicographicallyPrecedes(other.labels)
    }

    var isFiring: Bool {
        if case .firing = phase { return true }
        return false
    }

    var isQuiet: Bool {
        if case .quiet = phase { return true }
        return false
    }

    /// Pending, or firing with its condition no longer holding: a change is due once the
    /// group wait has passed.
    var isWaiting: Bool {
        switch phase {
        case .quiet: false
        case .pending: true
        case .firing(let firing): firing.failingSince != nil
        }
    }

    /// Counts one event, read where `event` points (a copy of the event would cost more than
    /// counting it); false when it is older than the window allows.
    mutating func record(
        _ event: UnsafePointer<AlertEvent>, matched: Bool, denominator: Bool
    ) -> Bool {
        guard window.add(time: event.pointee.time, matched: matched, denominator: denominator)
        else {
            return false
        }
        weight += 1
        if matched {
            recent.append(AlertMatchRecord(event))
            samples.offer(time: event.pointee.time, text: event.pointee.line)
        }
        return true
    }

    /// Counts one matching event counted from the line's bytes (`AlertProbe`'s byte path),
    /// remembering what `record(_:matched:denominator:)` remembers of the decoded event;
    /// false when it is older than the window allows.
    ///
    /// The record shares strings equal to the event's destination and host rather than
    /// building new ones: a destination from the group's labels or its newest record,
    /// a host from its newest record or `lastHost` (the rule's last one, which a new group
    /// takes); `lastHost` becomes this event's host. A value short enough for Swift to keep
    /// inline (`AlertProbe.inlineBytes`) is built, not looked for: it allocates nothing, and
    /// building it costs less than the comparisons that would find it.
    mutating func record(matching probe: AlertProbe, denominator: Bool, lastHost: inout String)
        -> Bool
    {
        guard window.add(time: probe.time, matched: true, denominator: denominator) else {
            return false
        }
        weight += 1
        let sharesDestination = probe.destinationCount > AlertProbe.inlineBytes
        let sharesHost = probe.hostCount > AlertProbe.inlineBytes
        var destination: String?
        var host: String?
        if sharesDestination || sharesHost {
            // A single label first: a group of one destination shares it without reading its
            // records, and a provider's label differs from a destination at once (by length).
            if sharesDestination, let soleLabel, probe.isDestination(soleLabel) {
                destination = soleLabel
            }
            let newest = recent.newestValues(
                equalTo: probe, destination: sharesDestination && destination == nil,
                host: sharesHost)
            if destination == nil { destination = newest.destination }
            if sharesDestination, destination == nil, soleLabel == nil {
                for label in otherLabels where probe.isDestination(label) {
                    destination = label
                    break
                }
            }
            host = newest.host
            if sharesHost, host == nil, probe.isHost(lastHost) { host = lastHost }
        }
        // Built straight into the ring, and its host read back in place: a record held apart
        // was copied whole on its way in.
        recent.append(probe.matchRecord(destination: destination, host: host))
        // A short host is never shared, so the rule's last one need not follow it.
        if sharesHost { lastHost = recent.newestHost }
        samples.offer(time: probe.time, bytes: probe.lineBytes)
        return true
    }

    /// Counts one event that only counts towards the ratio's denominator (when `denominator`
    /// holds); false when it is older than the window allows.
    mutating func record(time: Int64, denominator: Bool) -> Bool {
        guard window.add(time: time, matched: false, denominator: denominator) else {
            return false
        }
        weight += 1
        return true
    }

    /// Forgets what is stamped more than a window after `now` (a wrong year, a clock step), so
    /// it cannot block current events.
    mutating func forgetFarFuture(at now: Int64, windowSeconds: Int) {
        window.forgetFarFuture(at: now)
        let limit = now + Int64(windowSeconds)
        recent.removeAll { $0.time > limit }
        samples.removeAll(after: limit)
    }

    /// When the evidence in the window at `now` begins: the oldest remembered matching event
    /// when every one in the window is remembered, else the start of the oldest bucket.
    func evidenceStart(at now: Int64, matched: Int) -> Int64 {
        let times = recent.records.lazy.filter { window.contains($0.time, at: now) }.map(\.time)
        let remembered = times.count
        if remembered > 0, remembered >= matched, let oldest = times.min() {
            return min(oldest, now)
        }
        return min(window.oldestMatchedStart(at: now) ?? now, now)
    }
}
