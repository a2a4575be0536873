/// The built-in `compromised-account` alert: one account (a SASL user, or the sender domain of
/// mail submitted without one) whose outbound deliveries in the window jump far above its own
/// usual level and a floor, or fail mostly as unknown recipients, spam or block-listed.
///
/// Not an `AlertRule`: a threshold rule compares a count with a fixed number, and this one
/// compares each account with its own past, and fires on either of two conditions. It lives
/// in the `AlertEngine` beside the rules, so it is evaluated, checkpointed and mailed as they
/// are. docs/alerts.md has the semantics.
///
/// The usual level means something only after a history: the volume condition applies once
/// the watch has seen `historyWindows` windows of events (the checkpoint keeps that time, so
/// a restart does not learn again). An account first seen after that starts at level zero, so
/// a dormant account that suddenly sends above the floor fires.
struct AccountWatch: Sendable {
    let config: CompromisedAccountConfig
    /// A third of the window.
    let slotSeconds: Int64
    /// The share each slot leaving the window takes in the usual level: the level averages
    /// about `historyWindows` windows.
    let weight: Double
    /// The accounts tracked, and where each is in `tallies`.
    var tallies: [AccountTally] = []
    private var positions: [AccountKey: Int] = [:]
    /// The time of the first delivery seen (restored from the checkpoint); nil before it.
    var watchingSince: Int64?
    /// Accounts forgotten to make room (`maxAccounts`), with their usual levels.
    var evictedAccounts = 0
    /// Deliveries that came with no room for their account (every tracked one alerting), or
    /// more than a window older than their account's latest.
    var droppedEvents = 0
    /// Accounts waiting out a group wait after the last evaluation.
    private(set) var waitingAccounts = 0
    /// At most `AlertNoticeCeiling.groupsPerRule` accounts get mails of their own, as for a
    /// rule's groups: many accounts firing at once (a misjudged threshold) is one summary.
    private var ceiling = AlertNoticeCeiling()
    /// The rule the ceiling's summary notice is written for.
    private let summaryRule: AlertRule

    init(_ config: CompromisedAccountConfig) {
        self.config = config
        slotSeconds = Int64(max(config.windowSeconds / AccountWindow.slotCount, 1))
        weight = 1 / Double(max(config.historyWindows, 1) * AccountWindow.slotCount)
        summaryRule = AlertRule(
            name: CompromisedAccountConfig.ruleName, match: EventMatch(kind: [.delivery]),
            threshold: Double(config.floor),
            windowSeconds: Int(slotSeconds) * AccountWindow.slotCount,
            repeatIntervalSeconds: config.repeatIntervalSeconds,
            groupWaitSeconds: config.groupWaitSeconds)
    }

    /// After a restore: the accounts firing count as mailed about (`AlertNoticeCeiling`).
    mutating func restoreCeiling() {
        ceiling.restore(
            firing: tallies.filter(\.isFiring).map {
                AlertFingerprint.of(
                    rule: CompromisedAccountConfig.ruleName,
                    group: [AlertLabel($0.key.dimension.rawValue, $0.key.name)])
            })
    }

    /// The window as counted: three whole slots.
    var windowSeconds: Int { Int(slotSeconds) * AccountWindow.slotCount }

    /// Counts one outbound delivery of the message `sender` sent. `recipient` and
    /// `destination` are the line's bytes (hashed, never kept); `line` is kept as a sample
    /// when the delivery failed as one of the flagged causes.
    mutating func observe(
        status: DeliveryStatus, cause: Cause?, time: Int64, sender: MessageSender,
        recipient: UnsafeBufferPointer<UInt8>, destination: UnsafeBufferPointer<UInt8>,
        line: UnsafeBufferPointer<UInt8>
    ) {
        guard let key = AccountKey(sender) else { return }
        if watchingSince == nil { watchingSince = time }
        let slot = Self.floorDivide(time, slotSeconds)
        guard let position = position(of: key, slot: slot, time: time) else {
            droppedEvents += 1
            return
        }
        let counter = status == .sent ? nil : AccountWindow.counter(of: cause)
        tallies[position].lastSeen = max(tallies[position].lastSeen, time)
        if slot > tallies[position].window.newest {
            tallies[position].window.advance(
                to: slot, learning: tallies[position].phase.isQuiet, weight: weight)
        }
        guard tallies[position].window.holds(slot) else {
            droppedEvents += 1
            return
        }
        tallies[position].window.add(
            slot: slot, counter: counter,
            recipientHash: recipient.isEmpty ? nil : AlertGroupHash.of(lowercasing: recipient),
            destinationHash: destination.isEmpty
                ? nil : AlertGroupHash.of(lowercasing: destination))
        if let ip = sender.clientIP { tallies[position].remember(client: ip) }
        if counter != nil {
            tallies[position].samples.offer(time: time, bytes: line)
        }
    }

    /// The position of `key`'s tally, a new one when it has none; nil when there is no room.
    private mutating func position(of key: AccountKey, slot: Int64, time: Int64) -> Int? {
        if let position = positions[key] { return position }
        if tallies.count >= max(config.maxAccounts, 1) {
            makeRoom()
            guard tallies.count < max(config.maxAccounts, 1) else { return nil }
        }
        tallies.append(AccountTally(key: key, slot: slot, time: time))
        positions[key] = tallies.count - 1
        return tallies.count - 1
    }

    /// Forgets the least recently seen sixteenth of the quiet accounts at once (so a flood of
    /// new senders costs one sort per many of them, not a scan per delivery).
    private mutating func makeRoom() {
        let quiet = tallies.indices.filter { tallies[$0].phase.isQuiet }
        guard !quiet.isEmpty else { return }
        let batch = max(1, max(config.maxAccounts, 1) / 16)
        let doomed = Set(quiet.sorted { tallies[$0].lastSeen < tallies[$1].lastSeen }.prefix(batch))
        evictedAccounts += doomed.count
        tallies = tallies.indices.filter { !doomed.contains($0) }.map { tallies[$0] }
        reindex()
    }

    private mutating func reindex() {
        positions.removeAll(keepingCapacity: true)
        for (position, tally) in tallies.enumerated() { positions[tally.key] = position }
    }

    /// Adds a restored account (`AccountWatch+Checkpoint`); its position, nil when it is
    /// there already or there is no room.
    mutating func restore(_ tally: AccountTally) -> Int? {
        guard positions[tally.key] == nil, tallies.count < max(config.maxAccounts, 1) else {
            return nil
        }
        tallies.append(tally)
        positions[tally.key] = tallies.count - 1
        return tallies.count - 1
    }

    /// Whether the account's condition holds: the volume condition (once the levels are
    /// learnt) or the failure condition.
    func holds(_ window: AccountWindow, learnt: Bool) -> Bool {
        let deliveries = window.total(.deliveries)
        let flagged = Self.flagged(window)
        let level = window.usual * Double(AccountWindow.slotCount)
        let volume =
            learnt && deliveries >= config.floor
            && Double(deliveries) >= config.jump * level
        let failures =
            flagged >= config.minFailures
            && Double(flagged) >= config.failureShare * Double(deliveries)
        return volume || failures
    }

    static func flagged(_ window: AccountWindow) -> Int {
        window.total(.recipientUnknown) + window.total(.spam) + window.total(.blacklisted)
    }

    /// Moves every account on to `now` and appends the notices due, ordered by account.
    mutating func evaluate(now: Int64, into notices: inout [AlertNotice]) {
        let slot = Self.floorDivide(now, slotSeconds)
        let learnt =
            watchingSince.map {
                now - $0 >= Int64(config.historyWindows) * Int64(windowSeconds)
            } ?? false
        var due: [AlertNotice] = []
        waitingAccounts = 0
        for position in tallies.indices {
            let learning = tallies[position].phase.isQuiet
            tallies[position].window.advance(to: slot, learning: learning, weight: weight)
            let holds = holds(tallies[position].window, learnt: learnt)
            let startedAt = tallies[position].startedAt
            let level = tallies[position].window.usual * Double(AccountWindow.slotCount)
            let change = tallies[position].advance(
                holds: holds, now: now, usualLevel: level, config: config)
            if let change {
                due.append(
                    notice(
                        change, tallies[position],
                        startedAt: tallies[position].startedAt ?? startedAt ?? now, now: now))
            }
            if tallies[position].isWaiting { waitingAccounts += 1 }
        }
        due.sort { $0.group.map(\.value).lexicographicallyPrecedes($1.group.map(\.value)) }
        notices += ceiling.apply(due, rule: summaryRule, firingGroups: firingAccounts, now: now)
    }

    /// Accounts alerting now.
    var firingAccounts: Int { tallies.reduce(0) { $0 + ($1.isFiring ? 1 : 0) } }

    /// `value / divisor` rounded down, for times before 1970 too.
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }
}
