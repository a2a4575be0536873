/// The `compromised-account` state in the alert checkpoint: after the rules' lines, every line
/// starting with `account`, written only once some account is tracked (so the checkpoint of a
/// daemon that never learns a sender is what it was before the rule existed).
///
///     accounts SLOT_SECONDS WATCHING_SINCE|- EVICTED DROPPED
///     account DIMENSION =NAME LAST_SEEN NEWEST_SLOT USUAL USUAL_AT_START PHASE...
///     account-slot SLOT DELIVERIES UNKNOWN SPAM BLACKLISTED
///     account-client =IP
///     account-sample TIME =LINE
///
/// The levels are written as the bits of their `Double`, so they come back exactly. The
/// recipient and destination bitmaps are not saved: after a restart those estimates start
/// afresh, the counts and the levels do not.
extension AccountWatch {
    /// Whether a checkpoint line belongs to this state.
    static func isCheckpointLine(_ line: String) -> Bool { line.hasPrefix("account") }

    func checkpointLines() -> [String] {
        guard !tallies.isEmpty || watchingSince != nil else { return [] }
        var lines = [
            "accounts \(slotSeconds) \(watchingSince.map(String.init) ?? "-") "
                + "\(evictedAccounts) \(droppedEvents)"
        ]
        for tally in tallies.sorted(by: { $0.key.name < $1.key.name }) {
            let phase: String
            switch tally.phase {
            case .quiet: phase = "quiet"
            case .pending(let since): phase = "pending \(since)"
            case .firing(let startedAt, let lastSentAt, let failingSince):
                phase = "firing \(startedAt) \(lastSentAt) \(failingSince.map(String.init) ?? "-")"
            }
            lines.append(
                "account \(tally.key.dimension.rawValue) "
                    + "\(AlertCheckpointToken.text(tally.key.name)) \(tally.lastSeen) "
                    + "\(tally.window.newest) \(tally.window.usual.bitPattern) "
                    + "\(tally.usualAtStart.bitPattern) \(phase)")
            for slot in tally.window.slots where slot.counts.contains(where: { $0 != 0 }) {
                lines.append(
                    "account-slot \(slot.slot) "
                        + slot.counts.map(String.init).joined(separator: " "))
            }
            for client in tally.clients {
                lines.append("account-client \(AlertCheckpointToken.text(client))")
            }
            for sample in tally.samples.lines {
                lines.append(
                    "account-sample \(sample.time) \(AlertCheckpointToken.text(sample.text))")
            }
        }
        return lines
    }

    /// Restores what `checkpointLines` wrote; `firstLine` is the 1-based number of `lines[0]`
    /// in the whole alert state, for errors. Saved with another window, the accounts keep their
    /// phases (nothing fires twice) but not their counts and levels.
    mutating func restore(_ lines: [String], firstLine: Int) throws(AlertRestoreError) {
        var sameSlots = true
        // The account the next slot, client and sample lines belong to; nil after one that
        // was not restored (a duplicate, or beyond `maxAccounts`), whose lines are skipped.
        var current: Int?
        var seenAccount = false
        for (offset, line) in lines.enumerated() {
            let number = firstLine + offset
            func fail(_ reason: String) -> AlertRestoreError {
                AlertRestoreError(line: number, reason: reason)
            }
            let tokens = line.split(separator: " ", omittingEmptySubsequences: false)
            switch tokens.first {
            case "accounts":
                guard tokens.count == 5, let seconds = Int64(tokens[1]),
                    let evicted = Int(tokens[3]), let dropped = Int(tokens[4])
                else { throw fail("bad accounts line") }
                sameSlots = seconds == slotSeconds
                watchingSince = tokens[2] == "-" ? nil : Int64(tokens[2])
                if tokens[2] != "-", watchingSince == nil { throw fail("bad time") }
                evictedAccounts = evicted
                droppedEvents = dropped
            case "account":
                current = try restoreAccount(tokens, sameSlots: sameSlots, fail: fail)
                seenAccount = true
            case "account-slot":
                guard tokens.count == 2 + AccountWindow.Counter.allCases.count,
                    let slot = Int64(tokens[1])
                else { throw fail("bad account slot") }
                var counts: [UInt64] = []
                for token in tokens[2...] {
                    guard let count = UInt64(token) else { throw fail("bad count") }
                    counts.append(count)
                }
                guard seenAccount else { throw fail("slot before any account") }
                guard let last = current else { continue }
                guard sameSlots, tallies[last].window.holds(slot) else { continue }
                tallies[last].window.restore(slot: slot, counts: counts)
            case "account-client":
                guard tokens.count == 2, let ip = AlertCheckpointToken.parseText(tokens[1]) else {
                    throw fail("bad account client")
                }
                guard seenAccount else { throw fail("client before any account") }
                guard let last = current else { continue }
                tallies[last].remember(client: ip)
            case "account-sample":
                guard tokens.count == 3, let time = Int64(tokens[1]),
                    let text = AlertCheckpointToken.parseText(tokens[2])
                else { throw fail("bad account sample") }
                guard seenAccount else { throw fail("sample before any account") }
                guard let last = current else { continue }
                tallies[last].samples.offer(
                    time: time, text: UTF8Prefix.string(text, atMost: AlertLimits.lineBytes))
            default:
                throw fail("unknown line")
            }
        }
        restoreCeiling()
    }

    /// Restores one `account` line; the account's position, nil when it was not restored.
    private mutating func restoreAccount(
        _ tokens: [Substring], sameSlots: Bool, fail: (String) -> AlertRestoreError
    ) throws(AlertRestoreError) -> Int? {
        guard tokens.count >= 8,
            let dimension = AlertDimension(rawValue: String(tokens[1])), dimension.isSender,
            let name = AlertCheckpointToken.parseText(tokens[2]), !name.isEmpty,
            let lastSeen = Int64(tokens[3]), let newest = Int64(tokens[4]),
            let usual = UInt64(tokens[5]).map(Double.init(bitPattern:)),
            let usualAtStart = UInt64(tokens[6]).map(Double.init(bitPattern:)),
            usual.isFinite, usualAtStart.isFinite
        else { throw fail("bad account line") }
        let phase: AccountPhase
        switch (tokens[7], tokens.count) {
        case ("quiet", 8): phase = .quiet
        case ("pending", 9):
            guard let since = Int64(tokens[8]) else { throw fail("bad time") }
            phase = .pending(since: since)
        case ("firing", 11):
            guard let startedAt = Int64(tokens[8]), let lastSentAt = Int64(tokens[9]) else {
                throw fail("bad time")
            }
            let failing: Int64?
            if tokens[10] == "-" {
                failing = nil
            } else if let time = Int64(tokens[10]) {
                failing = time
            } else {
                throw fail("bad time")
            }
            phase = .firing(startedAt: startedAt, lastSentAt: lastSentAt, failingSince: failing)
        default: throw fail("bad account phase")
        }
        let key = AccountKey(dimension: dimension, name: name)
        var tally = AccountTally(key: key, slot: newest, time: lastSeen)
        tally.phase = phase
        if sameSlots {
            tally.window = AccountWindow(slot: newest, usual: usual)
            tally.usualAtStart = usualAtStart
        }
        return restore(tally)
    }
}
