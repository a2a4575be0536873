/// What the daemon knows of our listings: the last verdict per list and target, errors per
/// list and reason, when each list was last asked and when it is due again.
///
/// Pure: times come in as Unix seconds. A verdict is kept until its TTL has passed, so a
/// round asks a list only for the targets whose answer expired; an error leaves the last
/// verdict as it was (a failing list says nothing new about us) and is counted instead.
public struct ListingState: Sendable {
    /// The last verdict for one target on one list.
    public struct Entry: Sendable, Equatable {
        public var answers: [ListingResult.Answer]
        public var listed: Bool { !answers.isEmpty }
        /// When the current verdict (listed or clean) was first seen.
        public var since: Int64
        public var checkedAt: Int64
        /// Until when the answer may be reused.
        public var expires: Int64
    }

    /// One change worth a log line or an alert.
    public enum Change: Sendable, Equatable {
        case listed(list: String, target: ListingTarget, answers: [ListingResult.Answer])
        case delisted(list: String, target: ListingTarget)
        case failing(list: String, reason: ListingError.Reason, detail: String)
        case recovered(list: String)
    }

    public private(set) var lists: [DNSBLList]
    public private(set) var targets: [ListingTarget]
    private let intervals: [String: Int]
    public private(set) var entries: [String: [ListingTarget: Entry]] = [:]
    /// Errors per list and reason since the start.
    public private(set) var errors: [String: [ListingError.Reason: Int]] = [:]
    public private(set) var lastCheck: [String: Int64] = [:]
    /// Whether the list's last round had no error.
    public private(set) var up: [String: Bool] = [:]
    private var due: [String: Int64] = [:]
    /// The longest a TTL may keep an answer: a listing must not hide behind a day-long TTL.
    public static let longestTTL: Int64 = 3_600

    public init(config: ReputationConfig, lists: [DNSBLList], targets: [ListingTarget]) {
        self.lists = lists
        self.targets = targets
        var intervals: [String: Int] = [:]
        for list in lists { intervals[list.id] = config.interval(of: list) }
        self.intervals = intervals
    }

    /// The most addresses `add` takes: bounces name what they like, and every one costs a
    /// lookup on every list.
    public static let mostAddedTargets = 32
    private var added = 0

    /// Adds an address a bounce named as listed (with `ips: auto`); false when it was known,
    /// is not public, or the limit is reached. It is looked up at the next round of each list.
    public mutating func add(_ target: ListingTarget) -> Bool {
        guard !targets.contains(target), added < Self.mostAddedTargets else { return false }
        switch target {
        case .ipv4(let bytes), .ipv6(let bytes):
            guard PublicAddress.isPublic(bytes) else { return false }
        case .domain:
            return false
        }
        targets.append(target)
        added += 1
        for list in lists where list.covers(target) { due[list.id] = 0 }
        return true
    }

    /// The lists due at `now`, each with the targets whose answer has expired.
    public func work(at now: Int64) -> [(list: DNSBLList, targets: [ListingTarget])] {
        var work: [(list: DNSBLList, targets: [ListingTarget])] = []
        for list in lists where (due[list.id] ?? 0) <= now {
            let covered = targets.filter(list.covers).filter { target in
                guard let entry = entries[list.id]?[target] else { return true }
                return entry.expires <= now
            }
            if !covered.isEmpty { work.append((list, covered)) }
        }
        return work
    }

    /// The earliest time a list is due, or nil when none can ever be.
    public var nextDue: Int64? {
        lists.filter { list in targets.contains(where: list.covers) }
            .map { due[$0.id] ?? 0 }.min()
    }

    /// Records a round of `lists` at `now` and returns what changed.
    public mutating func record(
        _ rows: [ListingCheck.Row], lists checked: [DNSBLList], at now: Int64
    ) -> [Change] {
        var changes: [Change] = []
        var failures: [String: ListingError] = [:]
        for row in rows {
            let id = row.list.id
            switch row.result.status {
            case .error(let error):
                errors[id, default: [:]][error.reason, default: 0] += 1
                if failures[id] == nil { failures[id] = error }
            case .listed(let answers):
                changes += verdict(id, row.target, answers, ttl: row.result.ttl, now: now)
            case .clean:
                changes += verdict(id, row.target, [], ttl: row.result.ttl, now: now)
            }
        }
        for list in checked {
            lastCheck[list.id] = now
            due[list.id] = now + Int64(intervals[list.id] ?? 1_800)
            let wasUp = up[list.id] ?? true
            if let failure = failures[list.id] {
                up[list.id] = false
                if wasUp {
                    changes.append(
                        .failing(list: list.id, reason: failure.reason, detail: failure.detail))
                }
            } else {
                up[list.id] = true
                if !wasUp { changes.append(.recovered(list: list.id)) }
            }
        }
        return changes
    }

    private mutating func verdict(
        _ id: String, _ target: ListingTarget, _ answers: [ListingResult.Answer], ttl: UInt32?,
        now: Int64
    ) -> [Change] {
        let previous = entries[id]?[target]
        let keep = min(Int64(ttl ?? 0), Self.longestTTL)
        let since = previous.map { $0.listed == !answers.isEmpty ? $0.since : now } ?? now
        entries[id, default: [:]][target] = Entry(
            answers: answers, since: since, checkedAt: now, expires: now + keep)
        if !answers.isEmpty, previous?.listed != true || previous?.answers != answers {
            return [.listed(list: id, target: target, answers: answers)]
        }
        if answers.isEmpty, previous?.listed == true {
            return [.delisted(list: id, target: target)]
        }
        return []
    }
}
