/// The MTA's queue as the digest shows it: the daemon's last reading when the digest was
/// written, cut to a few rows. Only the daemon has it (`queue:` configured); the `digest`
/// command reads logs and leaves it out.
public struct DigestQueue: Sendable, Equatable {
    /// One queue's figures.
    public struct Row: Sendable, Equatable {
        public var name: QueueName
        public var messages: Int
        public var recipients: Int
        /// Seconds since its oldest message arrived; nil when the queue is empty.
        public var oldestAgeSeconds: Int64?
    }

    /// The MTA whose queue it is; nil when no reading has ended yet.
    public var mta: MTA?
    /// When the queue was last read successfully, seconds since the epoch; nil when it never
    /// was.
    public var readAt: Int64?
    /// Whether the last attempt to read it succeeded.
    public var up: Bool
    public var queues: [Row]
    /// Deferred recipients per cause, most first, at most `Digest.rowLimit` rows.
    public var deferredByCause: [NamedCount]
    /// Deferred recipients per destination, most first, at most `Digest.shortListLimit` rows;
    /// the names come from recipient addresses (untrusted).
    public var deferredDestinations: [NamedCount]

    /// The digest's view of the daemon's last reading; nil (`gauges`) when none has ended yet.
    public init(_ gauges: QueueGauges?) {
        mta = gauges?.mta
        readAt = gauges?.readAt
        up = gauges?.up ?? false
        queues = (gauges?.queues ?? []).map {
            Row(
                name: $0.name, messages: $0.messages, recipients: $0.recipients,
                oldestAgeSeconds: $0.messages > 0 ? $0.oldestAgeSeconds : nil)
        }
        var byCause: [String: Int] = [:]
        var byDestination: [String: Int] = [:]
        for row in gauges?.deferred ?? [] {
            byCause[row.cause.identifier, default: 0] += row.total
            byDestination[row.destination, default: 0] += row.total
        }
        deferredByCause = Self.ranked(byCause, limit: Digest.rowLimit)
        deferredDestinations = Self.ranked(byDestination, limit: Digest.shortListLimit)
    }

    /// `3 h 12 min`, or `-` for an empty queue.
    public static func age(_ seconds: Int64?) -> String {
        seconds.map { ListingAlertText.duration($0) } ?? "-"
    }

    private static func ranked(_ counts: [String: Int], limit: Int) -> [NamedCount] {
        counts.filter { $0.value > 0 }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit).map { NamedCount($0.key, $0.value) }
    }
}
