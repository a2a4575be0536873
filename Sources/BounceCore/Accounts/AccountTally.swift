/// One account the `compromised-account` alert watches: its window, where it logged in from,
/// the replies of its flagged failures, and its alert phase.
struct AccountTally: Sendable {
    /// The most client addresses remembered per account, the most recent kept.
    static let clientLimit = 4

    let key: AccountKey
    var window: AccountWindow
    /// The time of its latest delivery (the least recent go first when the table is full).
    var lastSeen: Int64
    /// The client addresses its mail came from, oldest first.
    var clients: [String] = []
    /// The log lines of its latest flagged failures.
    var samples = AlertSamples()
    var phase: AccountPhase = .quiet
    /// Its usual deliveries per window when the incident began (the mail compares with it).
    var usualAtStart: Double = 0

    init(key: AccountKey, slot: Int64, time: Int64) {
        self.key = key
        window = AccountWindow(slot: slot)
        lastSeen = time
    }

    /// Remembers the client address `ip` (cut to `AlertLimits.textBytes`), dropping the oldest
    /// beyond `clientLimit`.
    mutating func remember(client ip: String) {
        guard !ip.isEmpty, !clients.contains(ip) else { return }
        clients.append(UTF8Prefix.string(ip, atMost: AlertLimits.textBytes))
        if clients.count > Self.clientLimit { clients.removeFirst() }
    }

    /// What happened to the alert at an evaluation.
    enum Change {
        case fired
        case repeated
        case resolved
    }

    /// The phase change at `now` when the condition does (`holds`) or does not hold, and the
    /// notice it calls for, if any; `usualLevel` is the level per window to remember when an
    /// incident begins.
    mutating func advance(
        holds: Bool, now: Int64, usualLevel: Double, config: CompromisedAccountConfig
    ) -> Change? {
        let wait = Int64(max(config.groupWaitSeconds, 0))
        switch phase {
        case .quiet:
            guard holds else { return nil }
            phase = .pending(since: now)
            usualAtStart = usualLevel
            return advance(holds: holds, now: now, usualLevel: usualLevel, config: config)
        case .pending(let since):
            guard holds else {
                phase = .quiet
                return nil
            }
            guard now - since >= wait else { return nil }
            phase = .firing(startedAt: since, lastSentAt: now, failingSince: nil)
            return .fired
        case .firing(let startedAt, let lastSentAt, let failingSince):
            if holds {
                let interval = Int64(config.repeatIntervalSeconds)
                guard interval > 0, now - lastSentAt >= interval else {
                    phase = .firing(startedAt: startedAt, lastSentAt: lastSentAt, failingSince: nil)
                    return nil
                }
                phase = .firing(startedAt: startedAt, lastSentAt: now, failingSince: nil)
                return .repeated
            }
            let since = failingSince ?? now
            guard now - since >= wait else {
                phase = .firing(startedAt: startedAt, lastSentAt: lastSentAt, failingSince: since)
                return nil
            }
            phase = .quiet
            return .resolved
        }
    }

    /// Whether the alert waits out a group wait (to be sent, or to be resolved).
    var isWaiting: Bool {
        switch phase {
        case .quiet: false
        case .pending: true
        case .firing(_, _, let failingSince): failingSince != nil
        }
    }

    var isFiring: Bool {
        if case .firing = phase { return true }
        return false
    }

    var startedAt: Int64? {
        switch phase {
        case .quiet: nil
        case .pending(let since): since
        case .firing(let startedAt, _, _): startedAt
        }
    }
}
