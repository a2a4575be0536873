/// What the MTA's queue holds at one moment: messages, recipients and bytes per queue, the
/// oldest arrival, ages in qshape's buckets, and the deferred recipients by destination,
/// provider and cause.
///
/// Built one message at a time, so memory is set by `trackedDestinations`, not by the queue:
/// a queue of a million messages costs no more than the destinations it names, and those past
/// the cap are counted under `other`.
public struct QueueSummary: Sendable {
    /// Upper bounds of the age buckets in seconds: qshape's 5, 10, 20, ... 1280 minutes. A
    /// last bucket holds everything older.
    public static let ageBounds: [Int64] = [5, 10, 20, 40, 80, 160, 320, 640, 1280].map {
        Int64($0) * 60
    }
    /// The most destinations counted by name; the rest go under `other`.
    public static let trackedDestinations = 10_000
    /// The most verdicts remembered within one reading (see `verdict(for:)`).
    static let rememberedVerdicts = 20_000

    /// One row of the deferred table: recipients waiting for one destination with one cause.
    public struct DeferredRow: Sendable, Equatable {
        public var destination: String
        /// The provider's name, or nil when none is known.
        public var provider: String?
        public var cause: Cause
        /// Recipients per age bucket (`ageBounds`, then older).
        public var ages: [Int]

        public var total: Int { ages.reduce(0, +) }
    }

    /// Counts for one queue.
    public struct QueueCounts: Sendable, Equatable {
        public var messages = 0
        public var recipients = 0
        public var bytes: Int64 = 0
        /// The earliest arrival, seconds since the epoch; nil when the queue is empty.
        public var oldestArrival: Int64?
        /// Messages per age bucket (`ageBounds`, then older).
        public var ages = [Int](repeating: 0, count: QueueSummary.ageBounds.count + 1)
    }

    struct DeferredKey: Hashable {
        var destination: String
        var provider: String?
        var cause: Cause
    }

    public let mta: MTA
    /// When the queue was read, seconds since the epoch.
    public let now: Int64
    private let reasons: QueueReasonClassifier
    private var counts = [QueueCounts](repeating: QueueCounts(), count: QueueName.allCases.count)
    private var deferred: [DeferredKey: [Int]] = [:]
    private var destinations = Set<String>()
    /// Verdicts by domain and reason, the recipient's address taken out of the reason: a
    /// deferred queue repeats a few replies for many recipients.
    private var verdicts: [String: QueueReasonClassifier.Verdict] = [:]
    /// Records that could not be read.
    public var problems = QueueProblems()

    public init(mta: MTA, now: Int64, reasons: QueueReasonClassifier) {
        self.mta = mta
        self.now = now
        self.reasons = reasons
    }

    /// The counts of `queue`.
    public func counts(_ queue: QueueName) -> QueueCounts { counts[Int(queue.rawValue)] }

    /// The number of messages in every queue together.
    public var totalMessages: Int { counts.reduce(0) { $0 + $1.messages } }

    /// The earliest arrival of any message; nil when the queue is empty.
    public var oldestArrival: Int64? { counts.compactMap(\.oldestArrival).min() }

    /// The bucket of a message that arrived at `arrival`.
    public func bucket(arrival: Int64) -> Int {
        let age = max(0, now - arrival)
        return Self.ageBounds.firstIndex { age < $0 } ?? Self.ageBounds.count
    }

    /// Counts `message`; classifies the reasons of its recipients when it is deferred.
    public mutating func add(_ message: QueuedMessage) {
        let bucket = bucket(arrival: message.arrival)
        let index = Int(message.queue.rawValue)
        counts[index].messages += 1
        counts[index].recipients += message.recipients.count
        counts[index].bytes += max(0, message.size)
        counts[index].ages[bucket] += 1
        counts[index].oldestArrival = min(counts[index].oldestArrival ?? .max, message.arrival)
        guard message.queue == .deferred else { return }
        for recipient in message.recipients {
            let verdict = verdict(for: recipient)
            var destination = MetricsLabel.canonical(recipient.domain)
            if destination.isEmpty { destination = "-" }
            if !destinations.contains(destination) {
                if destinations.count < Self.trackedDestinations {
                    destinations.insert(destination)
                } else {
                    destination = MetricsLabel.other
                }
            }
            let key = DeferredKey(
                destination: destination,
                provider: destination == MetricsLabel.other ? nil : verdict.provider,
                cause: verdict.cause)
            deferred[key, default: [Int](repeating: 0, count: Self.ageBounds.count + 1)][bucket] +=
                1
        }
    }

    /// The classifier's verdict on `recipient`, remembered for the next recipient of the same
    /// domain whose reason differs only by its own address (`<full-1@example.net>: Mailbox
    /// full`). The address is replaced by the one the classifier's line names anyway.
    private mutating func verdict(for recipient: QueuedRecipient) -> QueueReasonClassifier.Verdict {
        var reason = recipient.reason
        let domain = recipient.domain
        if !recipient.address.isEmpty, reason.containsText(recipient.address) {
            reason = reason.replacingText(recipient.address, with: "q@" + domain)
        }
        let key = domain + "\u{0}" + reason
        if let known = verdicts[key] { return known }
        let verdict = reasons.verdict(
            for: QueuedRecipient(address: recipient.address, reason: reason), mta: mta)
        if verdicts.count >= Self.rememberedVerdicts { verdicts.removeAll(keepingCapacity: true) }
        verdicts[key] = verdict
        return verdict
    }

    /// The deferred recipients: the `limit` destinations with the most, each with its rows
    /// (provider and cause), then the rest merged per cause under destination `other`. Rows
    /// are ordered by destination total (largest first, then name), then by row total.
    public func deferredRows(limit: Int) -> [DeferredRow] {
        var totals: [String: Int] = [:]
        for (key, ages) in deferred { totals[key.destination, default: 0] += ages.reduce(0, +) }
        let ranked = totals.filter { $0.key != MetricsLabel.other }.sorted {
            $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
        }
        let shown = Set(ranked.prefix(max(0, limit)).map(\.key))
        var rows: [DeferredRow] = []
        var other: [Cause: [Int]] = [:]
        for (key, ages) in deferred {
            if shown.contains(key.destination) {
                rows.append(
                    DeferredRow(
                        destination: key.destination, provider: key.provider, cause: key.cause,
                        ages: ages))
            } else {
                other[key.cause, default: [Int](repeating: 0, count: ages.count)] = zip(
                    other[key.cause] ?? [Int](repeating: 0, count: ages.count), ages
                ).map(+)
            }
        }
        rows.sort {
            let (left, right) = (totals[$0.destination] ?? 0, totals[$1.destination] ?? 0)
            if left != right { return left > right }
            if $0.destination != $1.destination { return $0.destination < $1.destination }
            if $0.total != $1.total { return $0.total > $1.total }
            return $0.cause.identifier < $1.cause.identifier
        }
        let otherRows = other.map {
            DeferredRow(
                destination: MetricsLabel.other, provider: nil, cause: $0.key, ages: $0.value)
        }.sorted {
            $0.total != $1.total ? $0.total > $1.total : $0.cause.identifier < $1.cause.identifier
        }
        return rows + otherRows
    }

    /// Deferred recipients per cause, over every destination.
    public func deferredByCause() -> [(cause: Cause, recipients: Int)] {
        var byCause: [Cause: Int] = [:]
        for (key, ages) in deferred { byCause[key.cause, default: 0] += ages.reduce(0, +) }
        return byCause.map { ($0.key, $0.value) }.sorted {
            $0.recipients != $1.recipients
                ? $0.recipients > $1.recipients : $0.cause.identifier < $1.cause.identifier
        }
    }
}
